package org.mediasec.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the lab.
 *
 * @param scenarios   the scenarios, in order (default: e2ae then e2e)
 * @param fileSize    octets of the file each scenario sends from UE-A to UE-B (0: none; default 10 MB)
 * @param pcap        where to write a capture of every leg (a key log and Lua script go beside it), or {@code null}
 * @param ports       the port block
 * @param workDir     where the file to send and the UEs' downloads go (a temporary directory by default)
 * @param stepTimeout the bound of each step: start-up, registration, call set-up, a chat message, hang-up
 * @param fileTimeout the bound of the file transfer
 */
public record LabOptions(List<ScenarioId> scenarios, long fileSize, Path pcap, LabPorts ports, Path workDir,
                         Duration stepTimeout, Duration fileTimeout) {
    public LabOptions {
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("scenarios: none");
        }
        if (fileSize < 0 || fileSize > FileSize.MAX) {
            throw new IllegalArgumentException("file size: " + fileSize + " (expected: 0.." + FileSize.MAX + ")");
        }
        if (stepTimeout.isNegative() || stepTimeout.isZero() || fileTimeout.isNegative() || fileTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Both scenarios, 10 MB, no capture, the default block, a temporary work directory, 30 s steps, 120 s file. */
    public static LabOptions defaults() {
        return new LabOptions(List.of(ScenarioId.E2AE, ScenarioId.E2E), FileSize.DEFAULT, null, LabPorts.defaults(), null,
                Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    public LabOptions withScenarios(List<ScenarioId> s) {
        return new LabOptions(s, fileSize, pcap, ports, workDir, stepTimeout, fileTimeout);
    }

    public LabOptions withFileSize(long size) {
        return new LabOptions(scenarios, size, pcap, ports, workDir, stepTimeout, fileTimeout);
    }

    public LabOptions withPcap(Path p) {
        return new LabOptions(scenarios, fileSize, p, ports, workDir, stepTimeout, fileTimeout);
    }

    public LabOptions withPorts(LabPorts p) {
        return new LabOptions(scenarios, fileSize, pcap, p, workDir, stepTimeout, fileTimeout);
    }

    public LabOptions withWorkDir(Path dir) {
        return new LabOptions(scenarios, fileSize, pcap, ports, dir, stepTimeout, fileTimeout);
    }

    public LabOptions withTimeouts(Duration step, Duration file) {
        return new LabOptions(scenarios, fileSize, pcap, ports, workDir, step, file);
    }
}
