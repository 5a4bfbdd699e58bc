package org.mediasec.lab;

import java.util.List;

/**
 * A whole lab run: every scenario's report and, with {@code --pcap}, the capture.
 *
 * @param ports     the port block the lab ran on
 * @param scenarios the scenarios in the order they ran
 * @param capture   the capture, or {@code null} without {@code --pcap}
 */
public record LabReport(LabPorts ports, List<ScenarioReport> scenarios, CaptureReport capture) {
    public LabReport {
        scenarios = List.copyOf(scenarios);
    }

    /** Every scenario ran and passed, and the capture (when asked for) is usable. */
    public boolean passed() {
        return !scenarios.isEmpty() && scenarios.stream().allMatch(ScenarioReport::passed)
                && (capture == null || capture.ok());
    }

    /** 0 only if every check held; 1 otherwise. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }
}
