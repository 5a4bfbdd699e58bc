package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.pcscf.alg.ImsAlgSdp.AGW_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.ALL;
import static org.mediasec.pcscf.alg.ImsAlgSdp.CORE_MSRP_ANSWER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.PEER_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.UE_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.UE_MSRP_OFFER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.crlf;
import static org.mediasec.pcscf.alg.ImsAlgSdp.sdp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.testkit.SdpText;

/** UE-originated sessions: the offer comes from the UE, goes on to the core (specs.md §1.4 B, C, D, E). */
class ImsAlgOriginatingTest {
    final ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
    final FakeAgw agw = new FakeAgw();

    /** One full originating round: plan, reserve, forward the offer, apply the answer. */
    record Round(IqPlan plan, Map<Integer, AgwReservation> reserved, SessionDescription coreOffer, AnswerResult result,
                 List<ActionRequest> updates) {
    }

    Round round(String offer, MediaSecCapabilities caps, String answer) {
        SessionDescription o = sdp(offer);
        IqPlan plan = alg.plan(o, CallDirection.ORIGINATING, caps);
        Map<Integer, AgwReservation> reserved = agw.reserve(plan);
        SessionDescription coreOffer = alg.forwardOffer(o, plan, reserved);
        if (answer == null) {
            return new Round(plan, reserved, coreOffer, null, List.of());
        }
        AnswerResult r = alg.onAnswer(o, plan, reserved, sdp(answer));
        return new Round(plan, reserved, coreOffer, r, agw.apply(r));
    }

    @Test
    void msrpE2aeOriginating() {
        Round r = round(UE_MSRP_OFFER, ALL, CORE_MSRP_ANSWER);

        StreamDecision d = r.plan().stream(0).decision();
        assertThat(d.action()).isEqualTo(StreamAction.E2AE);
        assertThat(d.mechanism()).isEqualTo(MediaSecMechanism.MSRP_TLS);
        assertThat(d.msrpHandling()).isEqualTo(MsrpHandling.APPLICATION_AWARE);

        TlsTermination access = (TlsTermination) r.plan().stream(0).access();
        assertThat(access.proto()).isEqualTo(Proto.TCP_TLS_MSRP);
        assertThat(access.setup()).isEqualTo(Setup.PASSIVE);             // UE active ⇒ AGW TLS server
        assertThat(access.requestLocalFingerprint()).isTrue();
        assertThat(access.remote()).isEqualTo(RemoteMedia.of("192.0.2.10", 7394, Setup.ACTIVE, FakeAgw.UE_FP));
        assertThat(access.establish()).isFalse();
        PlainTermination core = (PlainTermination) r.plan().stream(0).core();
        assertThat(core.proto()).isEqualTo(Proto.TCP_MSRP);
        assertThat(core.setup()).isEqualTo(Setup.ACTIVE);

        assertThat(agw.sent.get(0)).isEqualTo("""
                !/3 <alg.example>:2944
                T=1{C=${A=${M{ST=1{O{MO=IN},L{
                v=0
                c=IN IP4 $
                m=message $ TCP/TLS/MSRP *
                a=setup:passive
                a=fingerprint:$
                },R{
                v=0
                c=IN IP4 192.0.2.10
                m=message 7394 TCP/TLS/MSRP *
                a=setup:active
                %s
                }}},E=2000{g/cause,hangterm/thb}},A=${M{ST=1{O{MO=IN},L{
                v=0
                c=IN IP4 $
                m=message $ TCP/MSRP *
                a=setup:active
                }}},E=2001{g/cause,hangterm/thb}}}}""".formatted(UE_FP));

        // Offer toward the core: plain proto, the AGW's core side, no fingerprint/setup/3ge2ae; no a=msrp-cema in
        // the offer, so MSRP-aware mode: a=path is the AGW's core-side URI (its core address and port, RFC 6714 §6.2).
        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(crlf(
                SdpText.session("alice", 2890844526L, 2890844527L, "192.0.2.10", "198.51.100.1") + """
                m=message 9 TCP/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrp://198.51.100.1:9/agw2;tcp
                """));

        // Answer toward the UE: TLS proto, the AGW's fingerprint and access address, complementary role, applied.
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(
                SdpText.session("bob", 2808844564L, 2808844564L, "198.51.100.7", "203.0.113.5") + """
                m=message 40000 TCP/TLS/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrps://203.0.113.5:40000/agw1;tcp
                a=setup:passive
                %s
                a=3ge2ae:applied
                """.formatted(AGW_FP)));

        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.release()).isFalse();
        assertThat(u.core().remote()).isEqualTo(RemoteMedia.of("198.51.100.7", 2855, Setup.PASSIVE)
                .withMsrpPath(List.of("msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp")));
        assertThat(u.core().localMsrpPath()).containsExactly("msrp://198.51.100.1:9/agw2;tcp");
        assertThat(u.access().localMsrpPath()).containsExactly("msrps://203.0.113.5:40000/agw1;tcp");
        assertThat(u.access().remote().msrpPath()).containsExactly("msrps://192.0.2.10:7394/s111271;tcp");
        assertThat(u.core().mode()).isEqualTo(StreamMode.SEND_RECEIVE);
        assertThat(((TlsTermination) u.access()).requestLocalFingerprint()).isFalse();
        assertThat(u.access().remote().fingerprints()).containsExactly(FakeAgw.UE_FP);
        assertThat(agw.sent.get(1)).isEqualTo("""
                !/3 <alg.example>:2944
                T=2{C=1{MF=core/1{M{ST=1{O{MO=SR},L{
                v=0
                c=IN IP4 198.51.100.1
                m=message 9 TCP/MSRP *
                a=setup:active
                a=path:msrp://198.51.100.1:9/agw2;tcp
                },R{
                v=0
                c=IN IP4 198.51.100.7
                m=message 2855 TCP/MSRP *
                a=setup:passive
                a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                }}}},MF=access/1{M{ST=1{O{MO=SR},L{
                v=0
                c=IN IP4 203.0.113.5
                m=message 40000 TCP/TLS/MSRP *
                a=setup:passive
                a=path:msrps://203.0.113.5:40000/agw1;tcp
                },R{
                v=0
                c=IN IP4 192.0.2.10
                m=message 7394 TCP/TLS/MSRP *
                a=setup:active
                %s
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                }}}}}}""".formatted(UE_FP));
    }

    @Test
    void msrpE2aeWithCemaAndActpass() {
        String offer = SdpText.sessionWithoutConnection("alice", 1, 1, "192.0.2.10") + """
                m=message 7394 TCP/TLS/MSRP *
                c=IN IP4 192.0.2.10
                a=msrp-cema
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                a=setup:actpass
                %s
                a=3ge2ae:requested
                """.formatted(UE_FP);
        String answer = SdpText.sessionWithoutConnection("bob", 2, 2, "198.51.100.7") + """
                m=message 2855 TCP/MSRP *
                c=IN IP4 198.51.100.7
                a=msrp-cema
                a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                """;
        Round r = round(offer, ALL, answer);
        // TS 23.334 §5.19: with a=msrp-cema, application-agnostic handling: TCP/TLS toward the UE, TCP toward the core.
        assertThat(r.plan().stream(0).decision().msrpHandling()).isEqualTo(MsrpHandling.APPLICATION_AGNOSTIC);
        assertThat(r.plan().stream(0).access().proto()).isEqualTo(Proto.TCP_TLS);
        assertThat(r.plan().stream(0).access().setup()).isEqualTo(Setup.PASSIVE);   // actpass: the ALG decides (RFC 6135 §4.2.2)
        assertThat(r.plan().stream(0).core().proto()).isEqualTo(Proto.TCP);
        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(crlf(
                SdpText.sessionWithoutConnection("alice", 1, 1, "192.0.2.10") + """
                m=message 9 TCP/MSRP *
                c=IN IP4 198.51.100.1
                a=msrp-cema
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                """));
        // The core answered without a=setup (RFC 4145 default passive); the UE gets the AGW's passive role.
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(
                SdpText.sessionWithoutConnection("bob", 2, 2, "198.51.100.7") + """
                m=message 40000 TCP/TLS/MSRP *
                c=IN IP4 203.0.113.5
                a=msrp-cema
                a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                a=setup:passive
                %s
                a=3ge2ae:applied
                """.formatted(AGW_FP)));
    }

    @Test
    void msrpE2aeUePassiveMakesTheAgwTheTlsClient() {
        Round r = round(UE_MSRP_OFFER.replace("a=setup:active", "a=setup:passive"), ALL, CORE_MSRP_ANSWER);
        TlsTermination access = (TlsTermination) r.plan().stream(0).access();
        assertThat(access.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(access.establish()).as("Establish (D)TLS session at the reservation").isTrue();
        assertThat(SdpWriter.write(r.result().answer())).contains(crlf("m=message 9 TCP/TLS/MSRP *\n"),
                crlf("a=setup:active\n"));
        assertThat(((TlsTermination) r.result().updates().get(0).access()).establish()).isTrue();
    }

    @Test
    void bfcpE2aeInAMixedOfferWithAudioARejectedAndADisabledStream() {
        String offer = SdpText.session("alice", 1, 1, "192.0.2.10") + """
                m=audio 49170 RTP/AVP 0 8
                a=rtpmap:0 PCMU/8000
                a=sendrecv
                m=application 50000 TCP/TLS/BFCP *
                a=setup:actpass
                a=connection:new
                %s
                a=floorctrl:c-only
                a=confid:4321
                a=userid:1234
                a=floorid:1 mstrm:10
                a=3ge2ae:requested
                m=message 7394 TCP/TLS/MSRP *
                a=setup:active
                %s
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                a=3ge2ae:requested
                m=video 0 RTP/AVP 96
                """.formatted(UE_FP, UE_FP);
        String answer = SdpText.session("focus", 7, 7, "198.51.100.7") + """
                m=audio 3456 RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                m=application 50002 TCP/BFCP *
                a=setup:passive
                a=connection:new
                a=floorctrl:s-only
                a=confid:4321
                a=userid:1234
                a=floorid:1 mstrm:10
                m=message 0 TCP/TLS/MSRP *
                m=video 0 RTP/AVP 96
                """;
        // The UE registered BFCP only: its MSRP e2ae request is refused (port 0), never downgraded.
        Round r = round(offer, MediaSecCapabilities.of(MediaSecMechanism.BFCP_TLS), answer);
        assertThat(r.plan().streams()).extracting(p -> p.decision().action()).containsExactly(
                StreamAction.ANCHOR, StreamAction.E2AE, StreamAction.REJECT, StreamAction.DISABLED);
        assertThat(r.plan().stream(2).decision().reason())
                .isEqualTo("a=3ge2ae:requested on TCP/TLS/MSRP but msrp-tls;mediasec was not indicated by both"
                        + " the UE and the P-CSCF at registration");
        assertThat(r.plan().stream(1).access().proto()).isEqualTo(Proto.TCP_TLS_BFCP);
        assertThat(r.plan().stream(1).core().proto()).isEqualTo(Proto.TCP_BFCP);
        assertThat(r.plan().stream(0).access().proto()).isEqualTo(Proto.RTP_AVP);
        assertThat(r.plan().stream(0).access().setup()).isNull();
        assertThat(r.reserved()).containsOnlyKeys(0, 1);

        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(crlf(
                SdpText.session("alice", 1, 1, "192.0.2.10", "198.51.100.1") + """
                m=audio 40001 RTP/AVP 0 8
                a=rtpmap:0 PCMU/8000
                a=sendrecv
                m=application 9 TCP/BFCP *
                a=connection:new
                a=floorctrl:c-only
                a=confid:4321
                a=userid:1234
                a=floorid:1 mstrm:10
                m=message 0 TCP/TLS/MSRP *
                a=setup:active
                %s
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                m=video 0 RTP/AVP 96
                """.formatted(UE_FP)));
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(
                SdpText.session("focus", 7, 7, "198.51.100.7", "203.0.113.5") + """
                m=audio 40000 RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                m=application 40002 TCP/TLS/BFCP *
                a=setup:passive
                a=connection:new
                a=floorctrl:s-only
                a=confid:4321
                a=userid:1234
                a=floorid:1 mstrm:10
                %s
                a=3ge2ae:applied
                m=message 0 TCP/TLS/MSRP *
                m=video 0 RTP/AVP 96
                """.formatted(AGW_FP)));
        assertThat(r.result().updates()).extracting(StreamUpdate::index).containsExactly(0, 1);
        assertThat(r.result().updates()).noneMatch(StreamUpdate::release);
    }

    @Test
    void e2ePassThroughLeavesTlsAttributesAndPathAlone() {
        String offer = SdpText.session("alice", 1, 1, "192.0.2.10") + """
                m=message 7394 TCP/TLS/MSRP *
                a=setup:active
                %s
                a=key-mgmt:mikey AQEFgM0XflABAAAAAAAAAAAAAAYAyONQ6gAAAAAJAAAQbWFjcm9tZWRpYS5jb20=
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                """.formatted(UE_FP);
        String answer = SdpText.session("bob", 2, 2, "198.51.100.7") + """
                m=message 2855 TCP/TLS/MSRP *
                a=setup:passive
                %s
                a=path:msrps://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                """.formatted(PEER_FP);
        Round r = round(offer, ALL, answer);
        assertThat(r.plan().stream(0).decision().action()).isEqualTo(StreamAction.PASS_THROUGH);
        // TS 23.334 §6.2.10: "IMS-ALG providing "TCP" to the IMS-AGW ... not providing any TLS related information".
        assertThat(r.plan().stream(0).access()).isEqualTo(PlainTermination.passThrough("message", Setup.PASSIVE)
                .withRemote(RemoteMedia.of("192.0.2.10", 7394, Setup.ACTIVE)).withMode(StreamMode.INACTIVE)
                .withEvents(org.mediasec.h248.iq.IqEvents.failuresAndHeartbeat(2000)));
        assertThat(r.plan().stream(0).core().proto()).isEqualTo(Proto.TCP);
        assertThat(r.plan().stream(0).core().setup()).isEqualTo(Setup.ACTIVE);
        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(SdpWriter.write(sdp(offer))
                .replace("c=IN IP4 192.0.2.10", "c=IN IP4 198.51.100.1").replace("m=message 7394", "m=message 9"));
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(SdpWriter.write(sdp(answer))
                .replace("c=IN IP4 198.51.100.7", "c=IN IP4 203.0.113.5").replace("m=message 2855", "m=message 40000"));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(u.core().setup()).isEqualTo(Setup.ACTIVE);
        assertThat(u.core().remote()).isEqualTo(RemoteMedia.of("198.51.100.7", 2855, Setup.PASSIVE));
    }

    @Test
    void passThroughWithActpassIsSettledByTheAnswer() {
        String offer = SdpText.session("alice", 1, 1, "192.0.2.10") + """
                m=message 7394 TCP/TLS/MSRP *
                a=msrp-cema
                a=setup:actpass
                %s
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                """.formatted(UE_FP);
        String answer = SdpText.session("bob", 2, 2, "198.51.100.7") + """
                m=message 9 TCP/TLS/MSRP *
                a=msrp-cema
                a=setup:active
                %s
                a=path:msrps://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                """.formatted(PEER_FP);
        Round r = round(offer, ALL, answer);
        // Both listen until the answer says who connects: the core side re-offers actpass on a real port.
        assertThat(r.plan().stream(0).access().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(r.plan().stream(0).core().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(SdpWriter.write(r.coreOffer())).contains(crlf("m=message 40001 TCP/TLS/MSRP *\n"));
        // The core is active: the AGW's core side listens, its access side connects to the UE.
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.core().setup()).isEqualTo(Setup.PASSIVE);
        assertThat(u.access().setup()).isEqualTo(Setup.ACTIVE);
        // The port stays the one reserved (RFC 4145 §4.1: the active end "SHOULD" use 9; the peer ignores it).
        assertThat(SdpWriter.write(r.result().answer())).contains(crlf("m=message 40000 TCP/TLS/MSRP *\n"),
                crlf("c=IN IP4 203.0.113.5\n"), crlf("a=setup:active\n"), PEER_FP, "a=msrp-cema");
    }

    @Test
    void t38E2aeOriginatingWithTlsId() {
        String offer = SdpText.session("alice", 1, 1, "192.0.2.10") + """
                m=image 5004 UDP/TLS/UDPTL t38
                a=T38FaxVersion:0
                a=T38FaxRateManagement:transferredTCF
                a=setup:actpass
                %s
                a=tls-id:abc3de65cddef001be82
                a=3ge2ae:requested
                """.formatted(UE_FP);
        String answer = SdpText.session("fax", 2, 2, "198.51.100.7") + """
                m=image 6000 udptl t38
                a=T38FaxVersion:0
                a=T38FaxRateManagement:transferredTCF
                """;
        Round r = round(offer, ALL, answer);
        TlsTermination access = (TlsTermination) r.plan().stream(0).access();
        assertThat(access.proto()).isEqualTo(Proto.UDP_DTLS);
        assertThat(access.setup()).isEqualTo(Setup.ACTIVE);   // actpass: DTLS client (RFC 5763 §5)
        assertThat(access.establish()).isTrue();
        assertThat(access.remote().tlsId()).isEqualTo(new org.mediasec.sdp.TlsId("abc3de65cddef001be82"));
        assertThat(r.plan().stream(0).core()).isEqualTo(PlainTermination.t38Core().withMode(StreamMode.INACTIVE)
                .withEvents(org.mediasec.h248.iq.IqEvents.failuresAndHeartbeat(2001)));
        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(crlf(
                SdpText.session("alice", 1, 1, "192.0.2.10", "198.51.100.1") + """
                m=image 40001 udptl t38
                a=T38FaxVersion:0
                a=T38FaxRateManagement:transferredTCF
                """));
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf(
                SdpText.session("fax", 2, 2, "198.51.100.7", "203.0.113.5") + """
                m=image 9 UDP/TLS/UDPTL t38
                a=T38FaxVersion:0
                a=T38FaxRateManagement:transferredTCF
                a=setup:active
                %s
                a=tls-id:alg-tls-id-0000000001
                a=3ge2ae:applied
                """.formatted(AGW_FP)));
    }

    @Test
    void aStreamTheCoreRejectsIsReleasedAndRejectedTowardTheUe() {
        Round r = round(UE_MSRP_OFFER, ALL, CORE_MSRP_ANSWER.replace("m=message 2855", "m=message 0"));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.release()).isTrue();
        assertThat(u.failure()).isNull();
        assertThat(SdpWriter.write(r.result().answer())).contains(crlf("m=message 0 TCP/TLS/MSRP *\n"))
                .doesNotContain("a=fingerprint", "a=3ge2ae", "a=setup");
        assertThat(agw.sent.get(1)).endsWith("T=2{C=1{S=access/1,S=core/1}}");
    }

    @Test
    void aCoreAnswerWithAnImpossibleSetupReleasesTheStream() {
        // Our offer had no a=setup (RFC 4145 default active): the core may not answer active as well.
        Round r = round(UE_MSRP_OFFER, ALL, CORE_MSRP_ANSWER.replace("a=setup:passive", "a=setup:active"));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.release()).isTrue();
        assertThat(u.failure()).startsWith("a=setup:active is not a valid answer to a=setup:active");
        assertThat(r.result().answer().media().get(0).port()).isZero();
    }

    @Test
    void sessionLevelTlsAttributesDoNotLeakFromAnE2aeStream() {
        // RFC 8122 §5: session-level a=fingerprint applies to every stream without its own.
        String offer = SdpText.session("alice", 1, 1, "192.0.2.10") + """
                a=setup:active
                %s
                m=message 7394 TCP/TLS/MSRP *
                a=path:msrps://192.0.2.10:7394/a;tcp
                a=3ge2ae:requested
                m=message 7396 TCP/TLS/MSRP *
                a=path:msrps://192.0.2.10:7396/b;tcp
                """.formatted(UE_FP);
        Round r = round(offer, ALL, null);
        assertThat(r.plan().streams()).extracting(p -> p.decision().action())
                .containsExactly(StreamAction.E2AE, StreamAction.PASS_THROUGH);
        assertThat(r.plan().stream(0).access().remote().fingerprints()).containsExactly(FakeAgw.UE_FP);
        // The pass-through stream keeps the values it inherited, now at media level; the e2ae stream has none.
        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(crlf(
                SdpText.session("alice", 1, 1, "192.0.2.10", "198.51.100.1") + """
                m=message 9 TCP/MSRP *
                a=path:msrp://198.51.100.1:9/agw2;tcp
                m=message 9 TCP/TLS/MSRP *
                a=path:msrps://192.0.2.10:7396/b;tcp
                a=setup:active
                %s
                """.formatted(UE_FP)));
    }
}
