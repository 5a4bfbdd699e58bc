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
        return new CallEvidence(ueA, ueB, a, b, a, b, FILE);
    }

    static CallEvidence goodE2e() {
        RelayStats a = relay(leg(Side.ACCESS, BearerTransport.PASS_THROUGH, 31101, 1_010_000, 900, 1_010_000, 900, null),
                leg(Side.CORE, BearerTransport.PASS_THROUGH, 31201, 900, 1_010_000, 900, 1_010_000, null));
        RelayStats b = relay(leg(Side.ACCESS, BearerTransport.PASS_THROUGH, 31301, 900, 1_010_000, 900, 1_010_000, null),
                leg(Side.CORE, BearerTransport.PASS_THROUGH, 31401, 1_010_000, 900, 1_010_000, 900, null));
        UeEnd ueA = new UeEnd("UE-A", FP_A, false, true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, FP_B, "127.0.0.1:31101");
        UeEnd ueB = new UeEnd("UE-B", FP_B, false, true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, FP_A, "127.0.0.1:31301");
        return new CallEvidence(ueA, ueB, a, b, a, b, FILE);
    }

    /** {@code r} with every wire count of {@code side} grown by {@code in}/{@code out} octets (what the teardown adds). */
    static RelayStats plusWire(RelayStats r, Side side, long in, long out) {
        LegStats l = r.leg(side);
        LegStats grown = new LegStats(l.side(), l.transport(), l.setup(), l.local(), l.remote(), l.bytesIn() + in,
                l.bytesOut() + out, l.readsIn(), l.writesOut(), l.wireBytesIn() + in, l.wireBytesOut() + out, 0, 0, l.tls());
        return relay(side == Side.ACCESS ? grown : r.access(), side == Side.CORE ? grown : r.core());
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
        assertThat(failed(LegChecks.e2ae(new CallEvidence(g.a(), g.b(), tlsCore, g.agwB(), tlsCore, g.agwB(), FILE))))
                .contains("core leg at AGW-A is plain MSRP, nothing encrypted");

        RelayStats wrongPin = relay(leg(Side.ACCESS, BearerTransport.TLS_SERVER, 31100, 1_000_500, 300, 1_010_000, 900,
                tls(FP_B)), g.agwA().core());
        assertThat(failed(LegChecks.e2ae(new CallEvidence(g.a(), g.b(), wrongPin, g.agwB(), wrongPin, g.agwB(), FILE))))
                .containsExactly("access leg UE-A ↔ AGW-A is TLS, ended at AGW-A, UE-A's certificate verified by AGW-A");
    }

    @Test
    void missingRelayOrCallIsAFailureWithItsReason() {
        CallEvidence g = goodE2ae();
        List<Check> checks = LegChecks.e2ae(new CallEvidence(g.a(), null, g.agwA(), null, g.agwA(), null, FILE));
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
        assertThat(failed(LegChecks.e2e(new CallEvidence(g.a(), g.b(), decrypting, g.agwB(), decrypting, g.agwB(), FILE))))
                .contains("no AGW decrypted anything (every AGW leg is a byte relay)");

        UeEnd fooled = new UeEnd("UE-A", FP_A, false, true, "TLSv1.3", "x", true, FP_AGW_A, "127.0.0.1:31101");
        assertThat(failed(LegChecks.e2e(new CallEvidence(fooled, g.b(), g.agwA(), g.agwB(), g.agwA(), g.agwB(), FILE))))
                .containsExactly("UE-A has TLS end to end with UE-B and verified its certificate");
    }

    @Test
    void e2eTeardownInFlightAtASubtractIsShownNotFailed() {
        // issue #6: UE-B's close_notify (24 octets) crossed AGW-B toward AGW-A, but AGW-A's relay was subtracted
        // before it read it. At the end of the exchange both AGWs agreed; the final counts differ by the teardown.
        CallEvidence g = goodE2e();
        RelayStats lastA = plusWire(plusWire(g.agwA(), Side.ACCESS, 24, 0), Side.CORE, 0, 24);
        RelayStats lastB = plusWire(plusWire(g.agwB(), Side.ACCESS, 24, 24), Side.CORE, 24, 24);
        CallEvidence e = new CallEvidence(g.a(), g.b(), lastA, lastB, g.agwA(), g.agwB(), FILE);

        List<Check> checks = LegChecks.e2e(e);

        assertThat(checks).allSatisfy(c -> assertThat(c.held()).as(c.toString()).isTrue());
        Check core = checks.stream().filter(c -> c.what().equals("AGW-A and AGW-B agree on the core leg's bytes")).findFirst()
                .orElseThrow();
        assertThat(core.detail()).contains("at the end of the exchange AGW-A sent 1,010,000 / AGW-B received 1,010,000,"
                        + " AGW-B sent 900 / AGW-A received 900")
                .contains("teardown AGW-A sent +24 / AGW-B received +24, AGW-B sent +24 / AGW-A received +0")
                .contains("still in flight when the receiving AGW's relay was subtracted");
        List<LegReport> legs = Legs.of(e);
        assertThat(legs).extracting(LegReport::bytesForward).containsOnly(1_010_000L);
        assertThat(legs).extracting(LegReport::bytesBack).containsOnly(900L);
        assertThat(legs.get(1).teardownForward()).isEqualTo(24);
        assertThat(legs.get(1).teardownBack()).isZero();
        assertThat(legs.get(2).teardownBack()).isEqualTo(24);
    }

    @Test
    void e2eFailsWhenTheCoreLegLostOrAddedOctetsDuringTheExchange() {
        CallEvidence g = goodE2e();
        RelayStats lostAtB = plusWire(g.agwB(), Side.CORE, -24, 0);
        List<Check> checks = LegChecks.e2e(new CallEvidence(g.a(), g.b(), g.agwA(), lostAtB, g.agwA(), lostAtB, FILE));

        assertThat(failed(checks)).containsExactlyInAnyOrder("AGW-A and AGW-B agree on the core leg's bytes",
                "AGW-B forwarded every byte, untouched");
    }

    @Test
    void withoutACountAtTheEndOfTheExchangeTheByteChecksFailWithTheReasonAndTheFinalCounts() {
        CallEvidence g = goodE2ae();
        List<Check> checks = LegChecks.e2ae(new CallEvidence(g.a(), g.b(), g.agwA(), g.agwB(), null, g.agwB(), FILE));

        assertThat(failed(checks)).containsExactlyInAnyOrder("AGW-A and AGW-B agree on the core leg's bytes",
                "AGW-A forwarded every decrypted byte", "the file crossed the core as plain MSRP");
        assertThat(checks).filteredOn(c -> !c.held()).allSatisfy(c -> assertThat(c.detail())
                .contains("no count of AGW-A's relay at the end of the media exchange"));
        assertThat(Legs.of(new CallEvidence(g.a(), g.b(), g.agwA(), g.agwB(), null, null, FILE)))
                .extracting(LegReport::teardownForward).containsOnly(-1L);
    }

    private static List<String> failed(List<Check> checks) {
        return checks.stream().filter(c -> !c.held()).map(Check::what).toList();
    }
}
