package org.mediasec.cli.lab;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mediasec.cli.NetworkFunctionRunner;
import org.mediasec.lab.FileSize;
import org.mediasec.lab.Lab;
import org.mediasec.lab.LabException;
import org.mediasec.lab.LabOptions;
import org.mediasec.lab.LabPorts;
import org.mediasec.lab.LabReport;
import org.mediasec.lab.ReportRenderer;
import org.mediasec.lab.ScenarioId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mediasec lab}: every network function in this process on loopback (UE-A, UE-B, P-CSCF A and
 * B, IMS-AGW A and B, core, from {@code examples/lab/}), the scenarios "e2ae chat + 10 MB file" and
 * "e2e chat through pass-through AGWs", and a report of what crossed each leg. Exit code 0 only if
 * every check held, 1 if one failed, 2 when the lab could not run (bad option, capture impossible).
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Run every network function on loopback (UE-A, UE-B, P-CSCF A/B, IMS-AGW A/B, core), "
                + "the e2ae and e2e MSRP scenarios (chat both ways and a file), and report per leg what crossed it: "
                + "protocol, TLS version and cipher, fingerprints verified, bytes each way, the file's SHA-256 at both "
                + "ends, and a check list. Exit code 0 only if every check held.",
                "The NF configurations are examples/lab/<nf>.yaml; docs/lab.md explains the report."})
public final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Capture every leg with dumpcap -i lo into FILE "
            + "(pcapng); the TLS key log (FILE without extension + .keylog) and a Lua script for MSRP inside TLS go "
            + "beside it, and the report prints the tshark command that decodes it. Needs dumpcap and capture rights.")
    Path pcap;

    @Option(names = "--file-size", paramLabel = "SIZE", defaultValue = "10MB", description = "Size of the file UE-A "
            + "sends in each scenario: 10MB, 512KiB, 1000000; 0 sends none (default: ${DEFAULT-VALUE}).")
    String fileSize;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", description = "Run only these scenarios: e2ae, "
            + "e2e (repeat or separate with commas; default: both).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--keep-running", description = "After the report, keep every network function running "
            + "(for a ue, tshark or a look at the logs) until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "" + LabPorts.DEFAULT_BASE, description = "First "
            + "port of the lab's block of " + LabPorts.SPAN + " (default: ${DEFAULT-VALUE}; the example files are written "
            + "for it, every port moves with it).")
    int basePort;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Bound of each step "
            + "(start-up, registration, call set-up, a chat message, hang-up); the file transfer gets four times as "
            + "long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Keep the sent file and the UEs' downloads here "
            + "(default: a temporary directory, removed at the end).")
    Path workDir;

    /** Runs the network functions after the report with {@code --keep-running}; its {@code stop} is for tests. */
    final NetworkFunctionRunner<Lab> runner = new NetworkFunctionRunner<>("lab");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("mediasec lab: " + e.getMessage());
            err.flush();
            return 2;
        }
        Lab lab;
        try {
            lab = Lab.start(options, line -> {
                err.println("· " + line);
                err.flush();
            });
        } catch (LabException e) {
            err.println("mediasec lab: " + e.getMessage());
            err.flush();
            return 2;
        }
        LabReport report;
        try {
            report = lab.run();
            out.print(ReportRenderer.render(report));
            out.flush();
        } catch (RuntimeException | InterruptedException | Error e) {
            lab.close();
            throw e;
        }
        if (!keepRunning) {
            quietSipStackWhileStopping();
            lab.close();
            return report.exitCode();
        }
        err.println("· every network function keeps running on 127.0.0.1 ports " + options.ports().base() + "-"
                + options.ports().last() + "; Ctrl-C stops them");
        err.flush();
        int stopped = runner.run(() -> lab, err);
        return stopped != 0 ? stopped : report.exitCode();
    }

    /**
     * The JAIN-SIP RI logs each SIP over TLS connection that its peer closes while the lab stops (a keep-alive
     * answered on a socket already shut) as a WARN/ERROR with a stack trace; after the report those lines are noise,
     * so the stack's own logger ({@code org.mediasec.sip.jainsip}) is silenced for the shutdown only.
     */
    private static void quietSipStackWhileStopping() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.mediasec.sip.jainsip").setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    LabOptions options() {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("--timeout: " + timeoutSeconds + " (expected: 1..3600 seconds)");
        }
        List<ScenarioId> ids = new ArrayList<>();
        for (String s : scenarios) {
            ScenarioId id = ScenarioId.parse(s);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        LabOptions o = LabOptions.defaults().withFileSize(FileSize.parse(fileSize)).withPcap(pcap)
                .withPorts(new LabPorts(basePort)).withWorkDir(workDir)
                .withTimeouts(Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(4L * timeoutSeconds));
        return ids.isEmpty() ? o : o.withScenarios(ids);
    }
}
