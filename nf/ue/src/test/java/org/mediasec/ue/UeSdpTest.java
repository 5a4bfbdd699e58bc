package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.testkit.SdpText;

/**
 * The UE's offers and answers, against the SDP the P-CSCF gives a UE (nf/pcscf ImsAlgOriginatingTest and
 * ImsAlgTerminatingTest): e2ae originating (answer with {@code a=3ge2ae:applied} and the AGW fingerprint →
 * the UE connects to c=/m= and pins the AGW), e2ae terminating (upgraded offer), e2e, and what is refused.
 */
class UeSdpTest {
    static final String UE_FP = "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF";
    static final String AGW_FP = "sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0";
    static final UeSdp.Local LOCAL = new UeSdp.Local("alice", "192.0.2.10", 7394,
            MsrpUri.parse("msrps://192.0.2.10:7394/s111271;tcp"), CertificateFingerprint.parse(UE_FP), 1048576);

    static SessionDescription sdp(String text) {
        return SdpParser.parse(SdpText.crlf(text));
    }

    static String crlf(String text) {
        return SdpText.crlf(text);
    }

    /** What {@link #LOCAL} writes, offer or answer: its TLS MSRP stream with {@code a=setup} and {@code a=3ge2ae} given. */
    static String localMsrpSdp(long sessionId, String setup, String e2ae) {
        return SdpText.session("alice", sessionId, 1, "192.0.2.10") + """
                m=message 7394 TCP/TLS/MSRP *
                a=accept-types:message/cpim text/plain application/octet-stream
                a=accept-wrapped-types:text/plain
                a=max-size:1048576
                a=path:msrps://192.0.2.10:7394/s111271;tcp
                a=msrp-cema
                a=setup:%s
                a=fingerprint:%s
                a=3ge2ae:%s
                """.formatted(setup, UE_FP, e2ae);
    }

    @Test
    void e2aeOffer() {
        assertThat(SdpWriter.write(UeSdp.offer(SecurityMode.E2AE, LOCAL, 42))).isEqualTo(crlf(localMsrpSdp(42, "actpass", "requested")));
    }

    @Test
    void e2eOfferIsTheSameWithout3ge2ae() {
        String e2ae = SdpWriter.write(UeSdp.offer(SecurityMode.E2AE, LOCAL, 42));
        assertThat(SdpWriter.write(UeSdp.offer(SecurityMode.E2E, LOCAL, 42))).isEqualTo(e2ae.replace("a=3ge2ae:requested\r\n", ""));
    }

    /** ImsAlgOriginatingTest.msrpE2aeWithCemaAndActpass: the answer the P-CSCF gives the UE. */
    static final String E2AE_ANSWER = SdpText.sessionWithoutConnection("bob", 2, 2, "198.51.100.7") + """
            m=message 40000 TCP/TLS/MSRP *
            c=IN IP4 203.0.113.5
            a=msrp-cema
            a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
            a=setup:passive
            a=fingerprint:%s
            a=3ge2ae:applied
            """.formatted(AGW_FP);

    @Test
    void e2aeAnswerConnectsToTheAgwAndPinsItsFingerprint() {
        SessionDescription offer = UeSdp.offer(SecurityMode.E2AE, LOCAL, 42);
        SessionDescription answer = sdp(E2AE_ANSWER);
        UeSdp.Agreed agreed = UeSdp.checkAnswer(offer, answer);
        assertThat(agreed.mode()).isEqualTo(SecurityMode.E2AE);
        MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(offer, agreed.index(), answer, agreed.index(), true);
        assertThat(spec.active()).isTrue();                  // actpass answered passive: the UE is the TLS client
        assertThat(spec.secure()).isTrue();
        assertThat(spec.cema()).isTrue();
        // RFC 6714 §4.2: c=/m= (the AGW's access side), not the a=path of the far UE
        assertThat(spec.connectTo()).isEqualTo(InetSocketAddress.createUnresolved("203.0.113.5", 40000));
        assertThat(spec.remoteFingerprints()).containsExactly(CertificateFingerprint.parse(AGW_FP));
        assertThat(spec.remotePath()).extracting(Object::toString).containsExactly("msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp");
    }

    @Test
    void answerWithout3ge2aeIsE2e() {
        SessionDescription offer = UeSdp.offer(SecurityMode.E2AE, LOCAL, 42);
        assertThat(UeSdp.checkAnswer(offer, sdp(E2AE_ANSWER.replace("a=3ge2ae:applied\n", ""))).mode()).isEqualTo(SecurityMode.E2E);
    }

    @Test
    void unusableAnswersAreRefusedNeverDowngraded() {
        SessionDescription offer = UeSdp.offer(SecurityMode.E2AE, LOCAL, 42);
        assertThatThrownBy(() -> UeSdp.checkAnswer(offer, sdp(E2AE_ANSWER.replace("TCP/TLS/MSRP", "TCP/MSRP"))))
                .isInstanceOf(UeException.class).hasMessage("the answer's MSRP stream is TCP/MSRP, not TCP/TLS/MSRP: refused (no downgrade)");
        assertThatThrownBy(() -> UeSdp.checkAnswer(offer, sdp(E2AE_ANSWER.replace("m=message 40000", "m=message 0"))))
                .isInstanceOf(UeException.class).hasMessage("the MSRP stream was refused (port 0 in the answer)");
        assertThatThrownBy(() -> UeSdp.checkAnswer(offer, sdp(E2AE_ANSWER.replace("a=fingerprint:" + AGW_FP + "\n", ""))))
                .isInstanceOf(UeException.class).hasMessage("the answer's MSRP stream has no a=fingerprint (RFC 8122 §5)");
    }

    /** ImsAlgTerminatingTest.msrpTerminatingUpgrade: the upgraded offer the P-CSCF gives the called UE. */
    static final String UPGRADED_OFFER = SdpText.session("bob", 1, 1, "198.51.100.7", "203.0.113.5") + """
            m=message 40000 TCP/TLS/MSRP *
            a=accept-types:message/cpim text/plain
            a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
            a=setup:actpass
            a=fingerprint:%s
            a=3ge2ae:applied
            """.formatted(AGW_FP);

    @Test
    void answerToAnUpgradedE2aeOffer() {
        UeSdp.Answer a = UeSdp.answer(sdp(UPGRADED_OFFER), LOCAL, 7);
        assertThat(a.mode()).isEqualTo(SecurityMode.E2AE);
        assertThat(SdpWriter.write(a.sdp())).isEqualTo(crlf(localMsrpSdp(7, "passive", "applied")));
        // passive answerer: the AGW connects; the UE pins the AGW's certificate
        MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(a.sdp(), 0, sdp(UPGRADED_OFFER), 0, false);
        assertThat(spec.active()).isFalse();
        assertThat(spec.remoteFingerprints()).containsExactly(CertificateFingerprint.parse(AGW_FP));
    }

    @Test
    void aPassiveOfferIsAnsweredActiveOnPort9() {
        UeSdp.Answer a = UeSdp.answer(sdp(UPGRADED_OFFER.replace("a=setup:actpass", "a=setup:passive")), LOCAL, 7);
        assertThat(SdpWriter.write(a.sdp())).contains(crlf("m=message 9 TCP/TLS/MSRP *\n"), crlf("a=setup:active\n"));
    }

    @Test
    void e2eOfferIsAnsweredWithout3ge2ae() {
        UeSdp.Answer a = UeSdp.answer(sdp(UPGRADED_OFFER.replace("a=3ge2ae:applied\n", "")), LOCAL, 7);
        assertThat(a.mode()).isEqualTo(SecurityMode.E2E);
        assertThat(SdpWriter.write(a.sdp())).doesNotContain("3ge2ae");
    }

    @Test
    void offersTheUeCannotSecureAreRefusedWith488() {
        assertThatThrownBy(() -> UeSdp.answer(sdp(UPGRADED_OFFER.replace("TCP/TLS/MSRP", "TCP/MSRP")), LOCAL, 7))
                .isInstanceOfSatisfying(UeSdp.Rejection.class, r -> assertThat(r.status()).isEqualTo(488))
                .hasMessage("the MSRP stream is TCP/MSRP, this UE accepts only TCP/TLS/MSRP");
        assertThatThrownBy(() -> UeSdp.answer(sdp(UPGRADED_OFFER.replace("a=fingerprint:" + AGW_FP + "\n", "")), LOCAL, 7))
                .isInstanceOf(UeSdp.Rejection.class).hasMessage("the MSRP stream has no a=fingerprint (RFC 8122 §5)");
        assertThatThrownBy(() -> UeSdp.answer(sdp(UPGRADED_OFFER.replace("m=message 40000 TCP/TLS/MSRP *", "m=audio 4000 RTP/AVP 0")), LOCAL, 7))
                .isInstanceOf(UeSdp.Rejection.class).hasMessage("the offer has no MSRP stream (m=message)");
    }

    @Test
    void otherStreamsOfAnOfferAreRejectedWithPort0() {
        String twoStreams = UPGRADED_OFFER.replace("m=message 40000", "m=audio 4000 RTP/AVP 0\nm=message 40000");
        UeSdp.Answer a = UeSdp.answer(sdp(twoStreams), LOCAL, 7);
        assertThat(a.index()).isEqualTo(1);
        assertThat(a.sdp().media()).hasSize(2);
        assertThat(a.sdp().media().get(0).port()).isZero();
        assertThat(a.sdp().media().get(1).port()).isEqualTo(7394);
    }
}
