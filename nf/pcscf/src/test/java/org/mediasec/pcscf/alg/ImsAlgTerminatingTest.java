package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.pcscf.alg.ImsAlgSdp.AGW_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.ALL;
import static org.mediasec.pcscf.alg.ImsAlgSdp.CORE_MSRP_OFFER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.PEER_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.UE_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.crlf;
import static org.mediasec.pcscf.alg.ImsAlgSdp.sdp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.testkit.SdpText;

/** Terminating sessions: the offer comes from the core, goes on to the registered UE (specs.md §1.4 A, C, E). */
class ImsAlgTerminatingTest {
    final ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
    final FakeAgw agw = new FakeAgw();

    record Round(IqPlan plan, SessionDescription ueOffer, AnswerResult result, List<ActionRequest> updates) {
    }

    Round round(String offer, MediaSecCapabilities caps, String answer) {
        SessionDescription o = sdp(offer);
        IqPlan plan = alg.plan(o, CallDirection.TERMINATING, caps);
        Map<Integer, AgwReservation> reserved = agw.reserve(plan);
        SessionDescription ueOffer = alg.forwardOffer(o, plan, reserved);
        AnswerResult r = alg.onAnswer(o, plan, reserved, sdp(answer));
        return new Round(plan, ueOffer, r, agw.apply(r));
    }

    /** A T.38 stream, {@code m=image <port> <proto> t38}, with the fax parameters every description here carries. */
    static String t38Image(int port, String proto) {
        return "m=image " + port + " " + proto + " t38\n" + """
                a=T38FaxVersion:0
                a=T38MaxBitRate:14400
                a=T38FaxRateManagement:transferredTCF
                a=T38FaxUdpEC:t38UDPRedundancy
                """;
    }

    static final String T38_OFFER = SdpText.session("fax", 1, 1, "198.51.100.7") + t38Image(6000, "udptl");

    @Test
    void t38TerminatingUpgradeWithTlsId() {
        String ueAnswer = SdpText.session("ue", 5, 5, "192.0.2.10") + t38Image(5004, "UDP/TLS/UDPTL") + """
                a=setup:passive
                %s
                a=tls-id:abc3de65cddef001be82
                """.formatted(UE_FP);
        Round r = round(T38_OFFER, MediaSecCapabilities.of(MediaSecMechanism.UDPTL_DTLS), ueAnswer);
        assertThat(r.plan().stream(0).decision().action()).isEqualTo(StreamAction.TERMINATING_UPGRADE);
        // specs.md §1.4 A: access side "UDP/DTLS", Local certificate fingerprint Request, no role yet; core side "UDP".
        TlsTermination access = (TlsTermination) r.plan().stream(0).access();
        assertThat(access.proto()).isEqualTo(Proto.UDP_DTLS);
        assertThat(access.setup()).isNull();
        assertThat(access.requestLocalFingerprint()).isTrue();
        assertThat(access.remote()).isNull();
        assertThat(r.plan().stream(0).core().proto()).isEqualTo(Proto.UDP);
        assertThat(r.plan().stream(0).core().remote()).isEqualTo(RemoteMedia.of("198.51.100.7", 6000, null));
        assertThat(agw.sent.get(0)).isEqualTo("""
                !/3 <alg.example>:2944
                T=1{C=${A=${M{ST=1{O{MO=IN},L{
                v=0
                c=IN IP4 $
                m=image $ UDP/DTLS t38
                a=fingerprint:$
                }}},E=2000{g/cause,hangterm/thb}},A=${M{ST=1{O{MO=IN},L{
                v=0
                c=IN IP4 $
                m=image $ UDP t38
                },R{
                v=0
                c=IN IP4 198.51.100.7
                m=image 6000 UDP t38
                }}},E=2001{g/cause,hangterm/thb}}}}""");

        assertThat(SdpWriter.write(r.ueOffer())).isEqualTo(crlf(
                SdpText.session("fax", 1, 1, "198.51.100.7", "203.0.113.5") + t38Image(40000, "UDP/TLS/UDPTL") + """
                a=setup:actpass
                %s
                a=tls-id:alg-tls-id-0000000001
                a=3ge2ae:applied
                """.formatted(AGW_FP)));

        // UE passive ⇒ AGW is the DTLS client: Local a=setup:active with the Remote = Establish (D)TLS session.
        StreamUpdate u = r.result().updates().get(0);
        TlsTermination accessNow = (TlsTermination) u.access();
        assertThat(accessNow.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(accessNow.establish()).isTrue();
        assertThat(accessNow.remote()).isEqualTo(RemoteMedia.of("192.0.2.10", 5004, Setup.PASSIVE, FakeAgw.UE_FP)
                .withTlsId(new TlsId("abc3de65cddef001be82")));
        assertThat(agw.sent.get(1)).isEqualTo("""
                !/3 <alg.example>:2944
                T=2{C=1{MF=core/1{M{ST=1{O{MO=SR},L{
                v=0
                c=IN IP4 198.51.100.1
                m=image 40001 UDP t38
                },R{
                v=0
                c=IN IP4 198.51.100.7
                m=image 6000 UDP t38
                }}}},MF=access/1{M{ST=1{O{MO=SR},L{
                v=0
                c=IN IP4 203.0.113.5
                m=image 40000 UDP/DTLS t38
                a=setup:active
                },R{
                v=0
                c=IN IP4 192.0.2.10
                m=image 5004 UDP/DTLS t38
                a=setup:passive
                %s
                a=tls-id:abc3de65cddef001be82
                }}}}}}""".formatted(UE_FP));

        // Answer to the core: plain udptl, no fingerprint/setup/tls-id/3ge2ae, the AGW's core side.
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(
                SdpText.session("ue", 5, 5, "192.0.2.10", "198.51.100.1") + t38Image(40001, "udptl")));
    }

    @Test
    void t38ToTheAgwAsUdpTlsUdptlWhenConfiguredAndWithTheTlsIdToTheAgw() {
        ImsAlg configured = new ImsAlg(AlgConfig.defaults().withT38AccessProto(Proto.UDP_TLS_UDPTL).withTlsIdToAgw(true),
                FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        IqPlan plan = configured.plan(sdp(T38_OFFER), CallDirection.TERMINATING, ALL);
        TlsTermination access = (TlsTermination) plan.stream(0).access();
        assertThat(access.proto()).isEqualTo(Proto.UDP_TLS_UDPTL);
        assertThat(access.localTlsId()).isEqualTo(plan.stream(0).accessTlsId());
        agw.reserve(plan);
    }

    /** The UE's e2ae answer to an upgraded MSRP offer: active, its fingerprint, {@code a=3ge2ae:applied}. */
    static final String UE_TLS_MSRP_ANSWER = SdpText.session("alice", 9, 9, "192.0.2.10") + """
            m=message 9 TCP/TLS/MSRP *
            a=accept-types:message/cpim text/plain
            a=path:msrps://192.0.2.10:7394/s111271;tcp
            a=setup:active
            %s
            a=3ge2ae:applied
            """.formatted(UE_FP);

    /** The answer the ALG gives the core for {@link #UE_TLS_MSRP_ANSWER}: plain, the AGW's core side and URI. */
    static String plainAnswerToTheCore(String agwSessionId) {
        return SdpText.session("alice", 9, 9, "192.0.2.10", "198.51.100.1") + """
                m=message 40001 TCP/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrp://198.51.100.1:40001/%s;tcp
                a=setup:passive
                """.formatted(agwSessionId);
    }

    @Test
    void msrpTerminatingUpgrade() {
        Round r = round(CORE_MSRP_OFFER, ALL, UE_TLS_MSRP_ANSWER);
        assertThat(r.plan().stream(0).access()).isEqualTo(TlsTermination.msrp(Setup.PASSIVE).mode(StreamMode.INACTIVE)
                .events(org.mediasec.h248.iq.IqEvents.failuresAndHeartbeat(2000)).build());
        // The core offered actpass; the AGW answers it passive (RFC 6135 §4.2.2).
        assertThat(r.plan().stream(0).core()).isEqualTo(PlainTermination.msrpCore(
                org.mediasec.h248.iq.MsrpHandling.APPLICATION_AWARE, Setup.PASSIVE)
                .withRemote(RemoteMedia.of("198.51.100.7", 2855, Setup.ACTPASS)).withMode(StreamMode.INACTIVE)
                .withEvents(org.mediasec.h248.iq.IqEvents.failuresAndHeartbeat(2001)));
        assertThat(SdpWriter.write(r.ueOffer())).isEqualTo(crlf(
                SdpText.session("bob", 1, 1, "198.51.100.7", "203.0.113.5") + """
                m=message 40000 TCP/TLS/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrps://203.0.113.5:40000/agw1;tcp
                a=setup:actpass
                %s
                a=3ge2ae:applied
                """.formatted(AGW_FP)));
        // UE active ⇒ the AGW stays the TLS server; no Establish.
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(((TlsTermination) u.access()).establish()).isFalse();
        assertThat(u.access().remote().fingerprints()).containsExactly(FakeAgw.UE_FP);
        // No a=msrp-cema in the core's offer: MSRP-aware mode (RFC 6714 §6.2). The UE saw the AGW's access URI
        // (above), the core sees the AGW's core URI; the AGW gets its URIs as Local and the peers' as Remote a=path.
        assertThat(u.access().localMsrpPath()).containsExactly("msrps://203.0.113.5:40000/agw1;tcp");
        assertThat(u.access().remote().msrpPath()).containsExactly("msrps://192.0.2.10:7394/s111271;tcp");
        assertThat(u.core().localMsrpPath()).containsExactly("msrp://198.51.100.1:40001/agw2;tcp");
        assertThat(u.core().remote().msrpPath()).containsExactly("msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp");
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(plainAnswerToTheCore("agw2")));
    }

    @Test
    void aCemaOfferAnsweredWithoutCemaByTheUeTurnsAwareAtTheAnswer() {
        String cemaOffer = CORE_MSRP_OFFER.replace("a=setup:actpass\n", "a=msrp-cema\na=setup:actpass\n");
        Round r = round(cemaOffer, ALL, UE_TLS_MSRP_ANSWER);
        assertThat(r.plan().stream(0).msrpAware()).isFalse();
        // CEMA in the offer: the UE got the core peer's own path (TS 23.334 §5.19)
        assertThat(r.ueOffer().media().get(0).get(org.mediasec.sdp.SdpAttributes.PATH))
                .contains(List.of("msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp"));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().proto()).isEqualTo(org.mediasec.sdp.Proto.TCP_TLS_MSRP);
        assertThat(u.core().proto()).isEqualTo(org.mediasec.sdp.Proto.TCP_MSRP);
        // toward the UE (the answerer) the AGW keeps the URI the UE saw; toward the core a new one, in the answer
        assertThat(u.access().localMsrpPath()).containsExactly("msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp");
        assertThat(u.access().remote().msrpPath()).containsExactly("msrps://192.0.2.10:7394/s111271;tcp");
        assertThat(u.core().localMsrpPath()).containsExactly("msrp://198.51.100.1:40001/agw1;tcp");
        assertThat(u.core().remote().msrpPath()).containsExactly("msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp");
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(plainAnswerToTheCore("agw1")));
    }

    @Test
    void anUpgradedOfferAnsweredWithoutFingerprintIsReleased() {
        String ueAnswer = SdpText.session("alice", 9, 9, "192.0.2.10") + """
                m=message 9 TCP/TLS/MSRP *
                a=setup:active
                """;
        Round r = round(CORE_MSRP_OFFER, ALL, ueAnswer);
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.release()).isTrue();
        assertThat(u.failure()).isEqualTo("the UE's answer has no a=fingerprint (RFC 8122 §5)");
        assertThat(SdpWriter.write(r.result().answer())).contains(crlf("m=message 0 TCP/MSRP *\n"))
                .doesNotContain("a=setup");
    }

    @Test
    void withoutTheMechanismRegisteredAPlainOfferIsOnlyAnchored() {
        String ueAnswer = SdpText.session("alice", 9, 9, "192.0.2.10") + """
                m=message 7394 TCP/MSRP *
                a=path:msrp://192.0.2.10:7394/s111271;tcp
                a=setup:passive
                """;
        Round r = round(CORE_MSRP_OFFER, MediaSecCapabilities.of(MediaSecMechanism.BFCP_TLS), ueAnswer);
        assertThat(r.plan().stream(0).decision().action()).isEqualTo(StreamAction.ANCHOR);
        assertThat(SdpWriter.write(r.ueOffer())).isEqualTo(SdpWriter.write(sdp(CORE_MSRP_OFFER))
                .replace("c=IN IP4 198.51.100.7", "c=IN IP4 203.0.113.5").replace("m=message 2855", "m=message 40000"));
        // UE passive ⇒ the AGW's access side connects to it; toward the core the AGW takes the UE's role
        // (passive), so the core connects.
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().setup()).isEqualTo(Setup.ACTIVE);
        assertThat(u.access().remote()).isEqualTo(RemoteMedia.of("192.0.2.10", 7394, Setup.PASSIVE));
        assertThat(u.core().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(SdpWriter.write(r.result().answer())).contains(crlf("m=message 40001 TCP/MSRP *\n"),
                crlf("c=IN IP4 198.51.100.1\n"), crlf("a=setup:passive\n"), crlf("a=path:msrp://192.0.2.10:7394/s111271;tcp\n"));
        // plain anchoring keeps relaying bytes (MsrpAwareMode): paths untouched, none to the AGW
        assertThat(r.plan().stream(0).msrpAware()).isFalse();
        assertThat(u.access().localMsrpPath()).isEmpty();
    }

    @Test
    void e2ePassThroughWithCemaFromTheCore() {
        String offer = SdpText.session("bob", 1, 1, "198.51.100.7") + """
                m=message 2855 TCP/TLS/MSRP *
                a=msrp-cema
                a=path:msrps://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                a=setup:actpass
                %s
                """.formatted(PEER_FP);
        String ueAnswer = SdpText.session("alice", 9, 9, "192.0.2.10") + """
                m=message 9 TCP/TLS/MSRP *
                a=msrp-cema
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                a=setup:active
                %s
                """.formatted(UE_FP);
        Round r = round(offer, ALL, ueAnswer);
        assertThat(r.plan().stream(0).decision().action()).isEqualTo(StreamAction.PASS_THROUGH);
        assertThat(r.plan().stream(0).decision().msrpHandling()).isEqualTo(org.mediasec.h248.iq.MsrpHandling.APPLICATION_AGNOSTIC);
        assertThat(r.plan().stream(0).access().proto()).isEqualTo(Proto.TCP);
        assertThat(r.plan().stream(0).access().remote()).isNull();
        // a=path, fingerprint, setup untouched (CEMA: RFC 6714, TS 23.334 §5.19); only c= and m= anchored.
        assertThat(SdpWriter.write(r.ueOffer())).isEqualTo(SdpWriter.write(sdp(offer))
                .replace("c=IN IP4 198.51.100.7", "c=IN IP4 203.0.113.5").replace("m=message 2855", "m=message 40000"));
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(SdpWriter.write(sdp(ueAnswer))
                .replace("c=IN IP4 192.0.2.10", "c=IN IP4 198.51.100.1").replace("m=message 9", "m=message 40001"));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(u.core().setup()).isEqualTo(Setup.ACTIVE);
        assertThat(u.access().remote()).isEqualTo(RemoteMedia.of("192.0.2.10", 9, Setup.ACTIVE));
    }
}
