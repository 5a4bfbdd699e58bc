package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.BearerTransport;
import org.mediasec.agw.bearer.LegStats;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.bearer.Side;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.agw.bearer.TlsInfo;
import org.mediasec.common.CertificateFingerprint;

/** The leg checks judged on hand-made evidence: what holds for a good call, and what each fault breaks. */
class LegChecksTest {
    static final CertificateFingerprint FP_A = CertificateFingerprint.of("sha-256", new byte[] {1});
    static final CertificateFingerprint FP_B = CertificateFingerprint.of("sha-256", new byte[] {2});
    static final CertificateFingerprint FP_AGW_A = CertificateFingerprint.of("sha-256", new byte[] {3});
    static final CertificateFingerprint FP_AGW_B = CertificateFingerprint.of("sha-256", new byte[] {4});
    static final long FILE = 1_000_000;

    static LegStats leg(Side side, BearerTransport t, int localPort, long in, long out, long wireIn, long wireOut, TlsInfo tls) {
        return new LegStats(side, t, TcpSetup.PASSIVE, new InetSocketAddress("127.0.0.1", localPort),
                new InetSocketAddress("127.0.0.1", 40000), in, out, 1, 1, wireIn, wireOut, 0, 0, tls);
    }

    static TlsInfo tls(CertificateFingerprint peer) {
        return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", peer, true);
    }

    static RelayStats relay(LegStats access, LegStats core) {
        return new RelayStats("ctx1", BearerRelay.State.CLOSED, access, core, null, null);
    }

    static CallEvidence goodE2ae() {
        RelayStats a = relay(leg(Side.ACCESS, BearerTransport.TLS_SERVER, 31100, 1_000_500, 300, 1_010_000, 900, tls(FP_A)),
                leg(Side.CORE, BearerTransport.PLAIN_TCP, 31200, 300, 1_000_500, 300, 1_000_500, null));
        RelayStats b = relay(leg(Side.ACCESS, BearerTransport.TLS_SERVER, 31300, 300, 1_000_500, 900, 1_010_000, tls(FP_B)),
                leg(Side.CORE, BearerTransport.PLAIN_TCP, 31400, 1_000_500, 300, 1_000_500, 300, null));
        UeEnd ueA = new UeEnd("UE-A", FP_A, true, true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, FP_AGW_A, "127.0.0.1:31100");
        UeEnd ueB = new UeEnd("UE-B", FP_B, true, true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, FP_AGW_B, "127.0.0.1:31300");
        return new CallEvidence(ueA, ueB, a, b, FILE);
    }

    static CallEvidence goodE2e() {
        RelayStats a = relay(leg(Side.ACCESS, BearerTransport.PASS_THROUGH, 31101, 1_010_000, 900, 1_010_000, 900, null),
                leg(Side.CORE, BearerTransport.PASS_THROUGH, 31201, 900, 1_010_000, 900, 1_010_000, null));
        RelayStats b = relay(leg(Side.ACCESS, BearerTransport.PASS_THROUGH, 31301, 900, 1_010_000, 900, 1_010_000, null),
                leg(Side.CORE, BearerTransport.PASS_THROUGH, 31401, 1_010_000, 900, 1_010_000, 900, null));
        UeEnd ueA = new UeEnd("UE-A", FP_A, false, true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, FP_B, "127.0.0.1:31101");
        UeEnd ueB = new UeEnd("UE-B", FP_B, false, true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, FP_A, "127.0.0.1:31301");
        return new CallEvidence(ueA, ueB, a, b, FILE);
    }

    @Test
    void goodE2aeCallHoldsEveryCheckAndShowsTlsOnlyOnAccessLegs() {
        List<Check> checks = LegChecks.e2ae(goodE2ae());
        assertThat(checks).allSatisfy(c -> assertThat(c.held()).as(c.toString()).isTrue()).hasSizeGreaterThan(8);

        List<LegReport> legs = Legs.of(goodE2ae());
        assertThat(legs).extracting(LegReport::name).containsExactly("UE-A ↔ AGW-A", "AGW-A ↔ AGW-B", "AGW-B ↔ UE-B");
        assertThat(legs).extracting(LegReport::tls).containsExactly(true, false, true);
        assertThat(legs.get(0).fingerprint()).isEqualTo("AGW-A ✔ UE-A ✔");
        assertThat(legs.get(0).bytesForward()).isEqualTo(1_010_000);
        assertThat(legs.get(1).protocol()).isEqualTo("MSRP (plain TCP)");
        assertThat(legs.get(2).bytesForward()).isEqualTo(1_010_000);
        assertThat(legs.get(2).bytesBack()).isEqualTo(900);
    }

    @Test
    void e2aeFailsWhenTheCoreLegIsEncryptedOrAFingerprintIsWrong() {
        CallEvidence g = goodE2ae();
        RelayStats tlsCore = relay(g.agwA().access(), leg(Side.CORE, BearerTransport.TLS_CLIENT, 31200, 300, 1_000_500,
                400, 1_001_000, tls(FP_AGW_B)));
        assertThat(failed(LegChecks.e2ae(new CallEvidence(g.a(), g.b(), tlsCore, g.agwB(), FILE))))
                .contains("core leg at AGW-A is plain MSRP, nothing encrypted");

        RelayStats wrongPin = relay(leg(Side.ACCESS, BearerTransport.TLS_SERVER, 31100, 1_000_500, 300, 1_010_000, 900,
                tls(FP_B)), g.agwA().core());
        assertThat(failed(LegChecks.e2ae(new CallEvidence(g.a(), g.b(), wrongPin, g.agwB(), FILE))))
                .containsExactly("access leg UE-A ↔ AGW-A is TLS, ended at AGW-A, UE-A's certificate verified by AGW-A");
    }

    @Test
    void missingRelayOrCallIsAFailureWithItsReason() {
        CallEvidence g = goodE2ae();
        List<Check> checks = LegChecks.e2ae(new CallEvidence(g.a(), null, g.agwA(), null, FILE));
        assertThat(checks).extracting(Check::detail).contains("AGW-B closed no relay for this call",
                "UE-B has no connected call");
        assertThat(checks).noneMatch(Check::held);
    }

    @Test
    void goodE2eCallHoldsEveryCheckAndShowsTlsOnEveryLeg() {
        List<Check> checks = LegChecks.e2e(goodE2e());
        assertThat(checks).allSatisfy(c -> assertThat(c.held()).as(c.toString()).isTrue());

        List<LegReport> legs = Legs.of(goodE2e());
        assertThat(legs).extracting(LegReport::tls).containsExactly(true, true, true);
        assertThat(legs).extracting(LegReport::tlsEnds).containsOnly("UE-A / UE-B (end to end)");
        assertThat(legs.get(1).fingerprint()).isEqualTo("UE-A ✔ UE-B ✔");
    }

    @Test
    void e2eFailsWhenAnAgwDecryptsOrAUeMatchedSomeoneElse() {
        CallEvidence g = goodE2e();
        RelayStats decrypting = relay(leg(Side.ACCESS, BearerTransport.TLS_SERVER, 31101, 1_000_000, 900, 1_010_000, 900,
                tls(FP_A)), g.agwA().core());
        assertThat(failed(LegChecks.e2e(new CallEvidence(g.a(), g.b(), decrypting, g.agwB(), FILE))))
                .contains("no AGW decrypted anything (every AGW leg is a byte relay)");

        UeEnd fooled = new UeEnd("UE-A", FP_A, false, true, "TLSv1.3", "x", true, FP_AGW_A, "127.0.0.1:31101");
        assertThat(failed(LegChecks.e2e(new CallEvidence(fooled, g.b(), g.agwA(), g.agwB(), FILE))))
                .containsExactly("UE-A has TLS end to end with UE-B and verified its certificate");
    }

    private static List<String> failed(List<Check> checks) {
        return checks.stream().filter(c -> !c.held()).map(Check::what).toList();
    }
}
