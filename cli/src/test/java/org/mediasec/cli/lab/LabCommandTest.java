package org.mediasec.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mediasec.lab.LabPorts;

import picocli.CommandLine;

class LabCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli(LabCommand cmd) {
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    @Test
    void anUnknownScenarioIsRefusedBeforeAnythingStarts() {
        assertThat(cli(new LabCommand()).execute("--scenario", "e2ae,fax")).isEqualTo(2);
        assertThat(err.toString()).contains("mediasec lab: scenario: \"fax\" (expected: e2ae or e2e)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileSizeOverTheLimitIsRefused() {
        assertThat(cli(new LabCommand()).execute("--file-size", "2GiB")).isEqualTo(2);
        assertThat(err.toString()).contains("file size: 2GiB (expected: 0..1073741824 octets)");
    }

    @Test
    void optionsMapToTheLabOptions() {
        LabCommand cmd = new LabCommand();
        new CommandLine(cmd).parseArgs("--scenario", "e2e", "--file-size", "512KiB", "--base-port", "40000", "--timeout", "5");
        var o = cmd.options();
        assertThat(o.scenarios()).extracting(Enum::name).containsExactly("E2E");
        assertThat(o.fileSize()).isEqualTo(512 * 1024);
        assertThat(o.ports().base()).isEqualTo(40000);
        assertThat(o.stepTimeout().toSeconds()).isEqualTo(5);
        assertThat(o.fileTimeout().toSeconds()).isEqualTo(20);
        assertThat(o.pcap()).isNull();

        LabCommand defaults = new LabCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.options().scenarios()).extracting(Enum::name).containsExactly("E2AE", "E2E");
        assertThat(defaults.options().fileSize()).isEqualTo(10_000_000);
        assertThat(defaults.options().ports().base()).isEqualTo(31000);
    }

    @Test
    @Tag("slow")
    void runsTheScenarioPrintsTheReportAndKeepsRunningUntilStopped() throws Exception {
        LabPorts ports = LabPorts.freeBlock(30000);
        LabCommand cmd = new LabCommand();
        CommandLine cl = cli(cmd);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--scenario", "e2ae",
                "--file-size", "100kB", "--base-port", String.valueOf(ports.base()), "--timeout", "20", "--keep-running"));

        cmd.runner.started.get(90, TimeUnit.SECONDS);
        assertThat(out.toString()).contains("━━ e2ae chat + 100 kB file ━━ PASSED", "RESULT ✔ every check held",
                "teardown → / ←", "AGW-A and AGW-B agree on the core leg's bytes: at the end of the exchange");
        assertThat(err.toString()).contains("· starting core, P-CSCF A/B, IMS-AGW A/B, UE-A/B",
                "every network function keeps running");
        assertThat(LabPorts.busy(List.of(ports.coreSip()))).as("the core still listens").containsExactly(ports.coreSip());

        cmd.runner.stop.complete(null);
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(LabPorts.busy(List.of(ports.coreSip()))).as("stopped").isEmpty();
    }
}
