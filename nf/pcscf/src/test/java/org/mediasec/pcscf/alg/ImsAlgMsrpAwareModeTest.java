package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.pcscf.alg.ImsAlgSdp.ALL;
import static org.mediasec.pcscf.alg.ImsAlgSdp.CORE_MSRP_ANSWER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.UE_MSRP_OFFER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.sdp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;

/**
 * The choice between relayed bytes and MSRP application-aware mode (RFC 6714 §6.2, TS 23.334 §5.19,
 * iq-profile.md row 26): what the plan asks of the AGW and what each peer sees in {@code a=path}.
 */
class ImsAlgMsrpAwareModeTest {
    static final String UE_PATH = "msrps://192.0.2.10:7394/s111271;tcp";
    static final String CORE_PEER_PATH = "msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp";

    final ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
    final FakeAgw agw = new FakeAgw();

    record Round(IqPlan plan, SessionDescription forwarded, AnswerResult result) {
    }

    Round originating(String offer, String answer) {
        SessionDescription o = sdp(offer);
        IqPlan plan = alg.plan(o, CallDirection.ORIGINATING, ALL);
        Map<Integer, AgwReservation> reserved = agw.reserve(plan);
        SessionDescription fwd = alg.forwardOffer(o, plan, reserved);
        AnswerResult r = alg.onAnswer(o, plan, reserved, sdp(answer));
        agw.apply(r);       // every Modify goes through the text codec and reads back as planned
        return new Round(plan, fwd, r);
    }

    static String cema(String sdp) {
        return sdp.replace("a=accept-types:message/cpim text/plain\n", "a=accept-types:message/cpim text/plain\na=msrp-cema\n");
    }

    static MediaDescription m(SessionDescription s) {
        return s.media().get(0);
    }

    @Test
    void cemaOnBothSidesLeavesThePathsAloneAndTheAgwRelaysBytes() {
        Round r = originating(cema(UE_MSRP_OFFER), cema(CORE_MSRP_ANSWER));
        StreamPlan sp = r.plan().stream(0);
        assertThat(sp.msrpAware()).isFalse();
        assertThat(sp.access().proto()).isEqualTo(Proto.TCP_TLS);
        assertThat(sp.core().proto()).isEqualTo(Proto.TCP);
        assertThat(m(r.forwarded()).get(SdpAttributes.PATH)).contains(List.of(UE_PATH));
        assertThat(m(r.forwarded()).has(SdpAttributes.MSRP_CEMA)).isTrue();
        assertThat(m(r.result().answer()).get(SdpAttributes.PATH)).contains(List.of(CORE_PEER_PATH));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().localMsrpPath()).isEmpty();
        assertThat(u.core().localMsrpPath()).isEmpty();
        assertThat(u.access().remote().msrpPath()).isEmpty();
        assertThat(u.core().remote().msrpPath()).isEmpty();
        assertThat(agw.sent).noneMatch(text -> text.contains("a=path"));
    }

    @Test
    void withoutCemaEachPeerSeesTheAgwAndTheAgwKnowsBothPaths() {
        Round r = originating(UE_MSRP_OFFER, CORE_MSRP_ANSWER);
        StreamPlan sp = r.plan().stream(0);
        assertThat(sp.msrpAware()).isTrue();
        assertThat(sp.access().proto()).isEqualTo(Proto.TCP_TLS_MSRP);
        assertThat(sp.core().proto()).isEqualTo(Proto.TCP_MSRP);
        // The reservation does not know the AGW's ports yet: the Adds carry no a=path, the Modifies do.
        assertThat(agw.sent.get(0)).doesNotContain("a=path");
        String coreUri = "msrp://198.51.100.1:9/agw2;tcp";
        String accessUri = "msrps://203.0.113.5:40000/agw1;tcp";
        assertThat(m(r.forwarded()).get(SdpAttributes.PATH)).contains(List.of(coreUri));
        assertThat(m(r.result().answer()).get(SdpAttributes.PATH)).contains(List.of(accessUri));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().localMsrpPath()).containsExactly(accessUri);
        assertThat(u.access().remote().msrpPath()).containsExactly(UE_PATH);
        assertThat(u.core().localMsrpPath()).containsExactly(coreUri);
        assertThat(u.core().remote().msrpPath()).containsExactly(CORE_PEER_PATH);
        assertThat(agw.sent.get(1)).contains("a=path:" + accessUri, "a=path:" + UE_PATH, "a=path:" + coreUri,
                "a=path:" + CORE_PEER_PATH);
    }

    @Test
    void aCemaAnswerToAnOfferWithoutCemaIsNotForwarded() {
        // RFC 6714 §6.2: the Middlebox acting as MSRP B2BUA "will never forward the SDP 'msrp-cema' attribute".
        Round r = originating(UE_MSRP_OFFER, cema(CORE_MSRP_ANSWER));
        assertThat(r.plan().stream(0).msrpAware()).isTrue();
        assertThat(m(r.result().answer()).has(SdpAttributes.MSRP_CEMA)).isFalse();
    }

    @Test
    void anAnswerWithoutCemaToACemaOfferTurnsTheStreamAwareInTheAnswersModifies() {
        // RFC 6714 §6.2: the Middlebox is MSRP aware, it "implements MSRP B2BUA functionality"; the offer went on
        // with the UE's a=path, so the AGW keeps that URI toward the core peer and shows the UE a new one.
        Round r = originating(cema(UE_MSRP_OFFER), CORE_MSRP_ANSWER);
        StreamPlan sp = r.plan().stream(0);
        assertThat(sp.msrpAware()).as("planned agnostic: the offer had a=msrp-cema").isFalse();
        assertThat(sp.access().proto()).isEqualTo(Proto.TCP_TLS);
        assertThat(m(r.forwarded()).get(SdpAttributes.PATH)).contains(List.of(UE_PATH));
        assertThat(agw.sent.get(0)).doesNotContain("a=path");

        String accessUri = "msrps://203.0.113.5:40000/agw1;tcp";
        MediaDescription back = m(r.result().answer());
        assertThat(back.get(SdpAttributes.PATH)).contains(List.of(accessUri));
        assertThat(back.port()).isEqualTo(40000);          // the c/m-line matches the path (RFC 6714 §4.2, §4.4)
        assertThat(back.has(SdpAttributes.MSRP_CEMA)).isFalse();
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().proto()).isEqualTo(Proto.TCP_TLS_MSRP);
        assertThat(u.core().proto()).isEqualTo(Proto.TCP_MSRP);
        assertThat(u.access().localMsrpPath()).containsExactly(accessUri);
        assertThat(u.access().remote().msrpPath()).containsExactly(UE_PATH);
        assertThat(u.core().localMsrpPath()).as("the URI the core peer saw in the offer").containsExactly(UE_PATH);
        assertThat(u.core().remote().msrpPath()).containsExactly(CORE_PEER_PATH);
        assertThat(agw.sent.get(1)).contains("TCP/TLS/MSRP", "TCP/MSRP", "a=path:" + accessUri, "a=path:" + UE_PATH,
                "a=path:" + CORE_PEER_PATH);
    }

    @Test
    void aCemaOffererBehindARelayKeepsTheByteRelay() {
        // RFC 6714 §4.2 criteria 2-3: an offerer using a relay falls back with a new offer itself
        String relayed = cema(UE_MSRP_OFFER).replace("a=path:" + UE_PATH, "a=path:msrps://relay.example.net:2855/r1;tcp "
                + UE_PATH);
        Round r = originating(relayed, CORE_MSRP_ANSWER);
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.access().proto()).isEqualTo(Proto.TCP_TLS);
        assertThat(u.access().localMsrpPath()).isEmpty();
        assertThat(m(r.result().answer()).get(SdpAttributes.PATH)).contains(List.of(CORE_PEER_PATH));
        Round fallback = originating(UE_MSRP_OFFER, CORE_MSRP_ANSWER);
        assertThat(fallback.plan().stream(0).msrpAware()).as("the new offer, without CEMA").isTrue();
    }

    @Test
    void anAnswerWithoutPathIsReleased() {
        Round r = originating(UE_MSRP_OFFER, CORE_MSRP_ANSWER.replace("a=path:" + CORE_PEER_PATH + "\n", ""));
        StreamUpdate u = r.result().updates().get(0);
        assertThat(u.release()).isTrue();
        assertThat(u.failure()).contains("no a=path", "RFC 4975 §8.1");
        assertThat(m(r.result().answer()).port()).isZero();
    }

    @Test
    void tlsPassThroughIsNeverAware() {
        Round r = originating(UE_MSRP_OFFER.replace("a=3ge2ae:requested\n", ""), CORE_MSRP_ANSWER
                .replace("TCP/MSRP", "TCP/TLS/MSRP"));
        assertThat(r.plan().stream(0).decision().action()).isEqualTo(StreamAction.PASS_THROUGH);
        assertThat(r.plan().stream(0).msrpAware()).isFalse();
        assertThat(m(r.forwarded()).get(SdpAttributes.PATH)).contains(List.of(UE_PATH));
    }

    @Test
    void uriNamesTheSchemeAddressAndPortOfTheAgwSide() {
        IqLocal v6 = new IqLocal("message", Proto.TCP_TLS_MSRP, List.of("*"), MediaEndpoint.of("2001:db8::5", 20001),
                Setup.PASSIVE, List.of(), null);
        assertThat(MsrpAwareMode.uri(v6, "abc")).isEqualTo("msrps://[2001:db8::5]:20001/abc;tcp");
        IqLocal v4 = new IqLocal("message", Proto.TCP_MSRP, List.of("*"), MediaEndpoint.of("198.51.100.1", 40001),
                Setup.PASSIVE, List.of(), null);
        assertThat(MsrpAwareMode.uri(v4, "abc")).isEqualTo("msrp://198.51.100.1:40001/abc;tcp");
        assertThat(MsrpAwareMode.randomSessionIds(new java.security.SecureRandom()).get()).matches("[0-9a-f]{24}");
    }
}
