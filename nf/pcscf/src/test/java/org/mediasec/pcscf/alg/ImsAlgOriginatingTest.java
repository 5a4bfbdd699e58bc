package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;

/** UE-originated sessions: the offer comes from the UE, goes on to the core (specs.md §1.4 B, C, D, E). */
class ImsAlgOriginatingTest {
    static final String UE_FP = "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF";
    static final String AGW_FP = "a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0";
    static final String PEER_FP = "a=fingerprint:sha-256 77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E";
    static final MediaSecCapabilities ALL = MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS,
            MediaSecMechanism.BFCP_TLS, MediaSecMechanism.UDPTL_DTLS);

    final ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds());
    final FakeAgw agw = new FakeAgw();

    static SessionDescription sdp(String text) {
        return SdpParser.parse(text.replace("\n", "\r\n"));
    }

    static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

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

    static final String MSRP_OFFER = """
            v=0
            o=alice 2890844526 2890844527 IN IP4 192.0.2.10
            s=-
            c=IN IP4 192.0.2.10
            t=0 0
            m=message 7394 TCP/TLS/MSRP *
            a=accept-types:message/cpim text/plain
            a=path:msrps://192.0.2.10:7394/s111271;tcp
            a=setup:active
            %s
            a=3ge2ae:requested
            """.formatted(UE_FP);

    static final String MSRP_ANSWER_FROM_CORE = """
            v=0
            o=bob 2808844564 2808844564 IN IP4 198.51.100.7
            s=-
            c=IN IP4 198.51.100.7
            t=0 0
            m=message 2855 TCP/MSRP *
            a=accept-types:message/cpim text/plain
            a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
            a=setup:passive
            """;

    @Test
    void msrpE2aeOriginating() {
        Round r = round(MSRP_OFFER, ALL, MSRP_ANSWER_FROM_CORE);

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

        // Offer toward the core: plain proto, the AGW's core side, no fingerprint/setup/3ge2ae; a=path untouched.
        assertThat(SdpWriter.write(r.coreOffer())).isEqualTo(crlf("""
                v=0
                o=alice 2890844526 2890844527 IN IP4 192.0.2.10
                s=-
                c=IN IP4 198.51.100.1
                t=0 0
                m=message 9 TCP/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                """));

        // Answer toward the UE: TLS proto, the AGW's fingerprint and access address, complementary role, applied.
        assertThat(SdpWriter.write(r.result().answer())).isEqualTo(crlf("""
                v=0
                o=bob 2808844564 2808844564 IN IP4 198.51.100.7
                s=-
                c=IN IP4 203.0.113.5
                t=0 0
                m=message 40000 TCP/TLS/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                a=setup:passive
                %s
                a=3ge2ae:applied
                """.formatted(AGW_FP)));

        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.release()).isFalse();
        assertThat(u.core().remote()).isEqualTo(RemoteMedia.of("198.51.100.7", 2855, Setup.PASSIVE));
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
                },R{
                v=0
                c=IN IP4 198.51.100.7
                m=message 2855 TCP/MSRP *
                a=setup:passive
                }}}},MF=access/1{M{ST=1{O{MO=SR},L{
                v=0
                c=IN IP4 203.0.113.5
                m=message 40000 TCP/TLS/MSRP *
                a=setup:passive
                },R{
                v=0
                c=IN IP4 192.0.2.10
                m=message 7394 TCP/TLS/MSRP *
                a=setup:active
                %s
                }}}}}}""".formatted(UE_FP));
    }
}
