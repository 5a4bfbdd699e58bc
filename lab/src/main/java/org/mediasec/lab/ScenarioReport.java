package org.mediasec.lab;

import java.time.Duration;
import java.util.List;

/**
 * One scenario's outcome: its legs, the file at both ends, and its checks.
 *
 * @param name    the scenario's name ("e2ae chat + 10 MB file")
 * @param flow    one line on what it does ("UE-A → UE-B, both e2ae: TLS UE↔AGW on both access legs, plain MSRP in the core")
 * @param legs    the legs in order from UE-A to UE-B (empty when the scenario stopped before media flowed)
 * @param files   the file as sent and as received (empty when no file was part of it or none arrived)
 * @param checks  every check, held or not
 * @param elapsed how long it ran
 */
public record ScenarioReport(String name, String flow, List<LegReport> legs, List<FileDigest> files, List<Check> checks,
                             Duration elapsed) {
    public ScenarioReport {
        legs = List.copyOf(legs);
        files = List.copyOf(files);
        checks = List.copyOf(checks);
    }

    /** Every check held (and there was at least one). */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::held);
    }

    public long failedChecks() {
        return checks.stream().filter(c -> !c.held()).count();
    }
}
