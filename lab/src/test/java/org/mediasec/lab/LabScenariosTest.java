package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's two scenarios through the real network functions on loopback, asserting on what crossed
 * each leg (from the AGWs' termination statistics and the UEs' TLS facts), with a 1 MB file.
 */
@Tag("slow")
class LabScenariosTest {
    static final long FILE = 1_000_000;

    static LabReport runLab(Path dir, LabOptions o) throws Exception {
        try (Lab lab = Lab.start(o, line -> System.out.println("[lab] " + line))) {
            LabReport r = lab.run();
            System.out.println(ReportRenderer.render(r));
            return r;
        }
    }

    @Test
    void e2aeAndE2eCarryChatAndFileWithTlsWhereEachModeSays(@TempDir Path dir) throws Exception {
        LabOptions o = LabOptions.defaults().withFileSize(FILE).withPorts(LabPorts.freeBlock(30000)).withWorkDir(dir)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60));

        LabReport r = runLab(dir, o);

        assertThat(r.scenarios()).extracting(ScenarioReport::name)
                .containsExactly("start-up", "e2ae chat + 1 MB file", "e2e chat + 1 MB file through pass-through AGWs");
        for (ScenarioReport s : r.scenarios()) {
            assertThat(s.checks()).as(s.name()).allSatisfy(c -> assertThat(c.held()).as(c.what() + ": " + c.detail()).isTrue());
        }
        assertThat(r.exitCode()).isZero();

        // the Gm hops ran SIP over TLS (each UE listens on TLS only), the hops to the core over UDP
        assertThat(r.scenarios().get(0).checks()).anySatisfy(c -> {
            assertThat(c.what()).startsWith("SIP between each UE and its P-CSCF runs over TLS");
            assertThat(c.detail()).contains("UE-A → P-CSCF A", "UE-B → P-CSCF B", "over TLS", "(UDP)");
        });
        assertThat(e2aeHangup(r)).contains("UE-B: BYE from");

        ScenarioReport e2ae = r.scenarios().get(1);
        List<LegReport> legs = e2ae.legs();
        assertThat(legs).extracting(LegReport::name).containsExactly("UE-A ↔ AGW-A", "AGW-A ↔ AGW-B", "AGW-B ↔ UE-B");
        assertThat(legs).extracting(LegReport::tls).containsExactly(true, false, true);
        assertThat(legs.get(0).tlsEnds()).isEqualTo("UE-A / AGW-A");
        assertThat(legs.get(2).tlsEnds()).isEqualTo("UE-B / AGW-B");
        assertThat(legs.get(0).tlsVersion()).startsWith("TLSv1.");
        assertThat(legs.get(1).protocol()).isEqualTo("MSRP (plain TCP)");
        assertThat(legs).allSatisfy(l -> assertThat(l.bytesForward()).isGreaterThan(FILE));
        assertThat(e2ae.files()).extracting(FileDigest::sha256).hasSize(2).containsOnly(e2ae.files().get(0).sha256());
        assertThat(e2ae.checks()).extracting(Check::what).contains(
                "access leg UE-A ↔ AGW-A is TLS, ended at AGW-A, UE-A's certificate verified by AGW-A",
                "core leg at AGW-A is plain MSRP, nothing encrypted", "core leg at AGW-B is plain MSRP, nothing encrypted",
                "access leg AGW-B ↔ UE-B is TLS, ended at AGW-B, UE-B's certificate verified by AGW-B",
                "the file crossed the core as plain MSRP");

        ScenarioReport e2e = r.scenarios().get(2);
        assertThat(e2e.legs()).extracting(LegReport::tls).containsExactly(true, true, true);
        assertThat(e2e.legs()).extracting(LegReport::tlsEnds).containsOnly("UE-A / UE-B (end to end)");
        // the same TLS bytes on every leg during the exchange (counted before hang-up, when nothing was in flight):
        // the AGWs relayed them untouched; the teardown (close_notify) is counted apart, whatever part of it crossed
        assertThat(e2e.legs()).extracting(LegReport::bytesForward).containsOnly(e2e.legs().get(0).bytesForward());
        assertThat(e2e.legs()).extracting(LegReport::bytesBack).containsOnly(e2e.legs().get(0).bytesBack());
        assertThat(e2e.legs()).allSatisfy(l -> assertThat(l.teardownForward()).isNotNegative());
        assertThat(e2e.files()).extracting(FileDigest::sha256).hasSize(2).containsOnly(e2e.files().get(0).sha256());
        assertThat(e2e.checks()).extracting(Check::what).contains(
                "no AGW decrypted anything (every AGW leg is a byte relay)",
                "UE-A has TLS end to end with UE-B and verified its certificate",
                "UE-B has TLS end to end with UE-A and verified its certificate");
    }

    private static String e2aeHangup(LabReport r) {
        return r.scenarios().get(1).checks().stream().filter(c -> c.what().startsWith("UE-A hung up with BYE"))
                .map(Check::detail).findFirst().orElse("no hang-up check");
    }
}
