package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportRendererTest {
    private static final String HASH = "a".repeat(64);

    private static ScenarioReport scenario(List<Check> checks) {
        List<LegReport> legs = List.of(
                new LegReport("UE-A ↔ AGW-A", "access", "MSRP over TLS", true, "TLSv1.3", "TLS_AES_128_GCM_SHA256",
                        "UE-A / AGW-A", "AGW-A ✔ UE-A ✔", 10_500_123, 4_321, 24, 24, "AGW-A access termination (ctx1)"),
                new LegReport("AGW-A ↔ AGW-B", "core", "MSRP (plain TCP)", false, null, null, null, null,
                        10_486_000, 3_210, -1, -1, "AGW-A and AGW-B core terminations"));
        List<FileDigest> files = List.of(new FileDigest("UE-A sent", 10_485_760, HASH),
                new FileDigest("UE-B received", 10_485_760, HASH));
        return new ScenarioReport("e2ae chat + 10 MB file", "UE-A → UE-B, both e2ae", legs, files, checks,
                Duration.ofMillis(3400));
    }

    @Test
    void passingRunShowsEveryLegTheHashesAndExitZero() {
        LabReport r = new LabReport(LabPorts.defaults(), List.of(scenario(List.of(
                Check.held("access leg A is TLS", "TLSv1.3"), Check.held("hashes equal", HASH)))), null);

        String text = ReportRenderer.render(r);

        assertThat(r.exitCode()).isZero();
        assertThat(text).contains("━━ e2ae chat + 10 MB file ━━ PASSED (2/2 checks held, 3.4 s)")
                .contains("TLSv1.3 TLS_AES_128_GCM_SHA256").contains("no (plain)").contains("10,500,123")
                .contains("+24 / +24") // the teardown's octets, apart from the exchange's
                .contains("UE-A sent      10,485,760 B  sha-256 " + HASH)
                .contains("UE-B received  10,485,760 B  sha-256 " + HASH)
                .contains("✔ access leg A is TLS: TLSv1.3")
                .contains("RESULT ✔ every check held (1 scenario, 2 checks): exit code 0")
                .doesNotContain("✘");
    }

    @Test
    void legTableColumnsLineUp() {
        StringBuilder out = new StringBuilder();
        ReportRenderer.legTable(out, scenario(List.of(Check.held("x", ""))).legs());
        List<String> lines = out.toString().lines().toList();

        assertThat(lines).hasSize(3);
        // the right-aligned byte columns end at the same column on every row
        assertThat(lines.stream().map(l -> l.codePointCount(0, l.length())).distinct()).hasSize(1);
        int protocolColumn = lines.get(0).indexOf("protocol");
        assertThat(lines.get(1).indexOf("MSRP over TLS")).isEqualTo(protocolColumn);
        assertThat(lines.get(2).indexOf("MSRP (plain TCP)")).isEqualTo(protocolColumn);
    }

    @Test
    void failedCheckIsMarkedWithItsReasonAndExitOne() {
        LabReport r = new LabReport(LabPorts.defaults(), List.of(scenario(List.of(
                Check.held("access leg A is TLS", "TLSv1.3"),
                Check.failed("core leg is plain MSRP", "AGW-A core leg decrypted TLS")))), null);

        String text = ReportRenderer.render(r);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(text).contains("FAILED (1/2 checks held")
                .contains("✘ core leg is plain MSRP: AGW-A core leg decrypted TLS")
                .contains("RESULT ✘ 1 of 2 checks failed: exit code 1")
                .contains("   ✘ e2ae chat + 10 MB file: core leg is plain MSRP: AGW-A core leg decrypted TLS");
    }

    @Test
    void scenarioWithoutChecksNeverPasses() {
        ScenarioReport empty = new ScenarioReport("e2e chat", "flow", List.of(), List.of(), List.of(), Duration.ZERO);
        assertThat(empty.passed()).isFalse();
        assertThat(new LabReport(LabPorts.defaults(), List.of(), null).exitCode()).isEqualTo(1);
    }

    @Test
    void failedCaptureFailsTheRunAndSaysWhy() {
        CaptureReport capture = new CaptureReport(CaptureFiles.beside(Path.of("/tmp/lab.pcapng")), -1, -1, null,
                "dumpcap may not capture on lo");
        LabReport r = new LabReport(LabPorts.defaults(), List.of(scenario(List.of(Check.held("x", "")))), capture);

        String text = ReportRenderer.render(r);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(text).contains("capture   /tmp/lab.pcapng").contains("key log   /tmp/lab.keylog")
                .contains("✘ capture: dumpcap may not capture on lo").contains("the capture failed: exit code 1");
    }

    @Test
    void failedCheckWithoutReasonIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Check.failed("x", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
