package org.mediasec.sdp.offeranswer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Origin;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TcpConnection;

class OfferAnswerTest {
    static final String OFFER = String.join("\r\n",
            "v=0",
            "o=ue 1 1 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=message 7394 TCP/TLS/MSRP *",
            "a=setup:actpass",
            "a=connection:new",
            "a=sendonly",
            "a=path:msrps://192.0.2.10:7394/abc;tcp",
            "m=application 50000 TCP/TLS/BFCP *",
            "a=setup:passive",
            "a=floorctrl:c-only",
            "m=image 40000 UDP/TLS/UDPTL t38",
            "a=setup:actpass",
            "m=audio 0 RTP/AVP 0",
            "m=video 5000 RTP/AVP 31 32",
            "");

    static LocalCapabilities caps() {
        return new LocalCapabilities(Origin.of("99", "1", "198.51.100.1"), ConnectionData.of("198.51.100.1"),
                List.of(), List.of(
                MediaCapability.of("message", Proto.TCP_TLS_MSRP, 2855,
                        Attribute.of("path", "msrps://198.51.100.1:2855/xyz;tcp")).withPreferredSetup(Setup.PASSIVE),
                MediaCapability.of("application", Proto.TCP_TLS_BFCP, 5070),
                MediaCapability.of("audio", Proto.RTP_AVP, 6000),
                MediaCapability.of("video", Proto.RTP_AVP, 6002).withFormats(List.of("34"))));
    }

    @Test
    void answersEveryMLineRejectingWithPortZero() {
        SessionDescription offer = SdpParser.parse(OFFER);
        Answer answer = OfferAnswer.answer(offer, caps());
        SessionDescription sdp = answer.sdp();
        assertThat(sdp.media()).hasSameSizeAs(offer.media());
        assertThat(answer.streams()).hasSize(5);
        for (int i = 0; i < offer.media().size(); i++) {
            assertThat(sdp.media().get(i).media()).isEqualTo(offer.media().get(i).media());
            assertThat(sdp.media().get(i).proto()).isEqualTo(offer.media().get(i).proto());
        }

        MediaDescription msrp = sdp.media().get(0);
        assertThat(msrp.port()).isEqualTo(2855);
        assertThat(msrp.get(SdpAttributes.SETUP)).contains(Setup.PASSIVE);
        assertThat(msrp.get(SdpAttributes.CONNECTION)).contains(TcpConnection.NEW);
        assertThat(msrp.has("recvonly")).isTrue();
        assertThat(answer.streams().get(0).roles().orElseThrow().tlsClient()).contains(Side.OFFERER);

        MediaDescription bfcp = sdp.media().get(1);
        assertThat(bfcp.get(SdpAttributes.SETUP)).contains(Setup.ACTIVE);
        assertThat(bfcp.port()).as("RFC 4145 §4.1: active endpoint uses port 9").isEqualTo(9);
        assertThat(answer.streams().get(1).roles().orElseThrow().tlsClient()).contains(Side.ANSWERER);

        assertThat(sdp.media().get(2).port()).isZero();
        assertThat(sdp.media().get(2).formats()).containsExactly("t38");
        assertThat(answer.streams().get(2).accepted()).isFalse();
        assertThat(answer.streams().get(2).reason()).contains("no local capability");

        assertThat(sdp.media().get(3).port()).isZero();
        assertThat(answer.streams().get(3).reason()).contains("port 0");

        assertThat(sdp.media().get(4).port()).isZero();
        assertThat(answer.streams().get(4).reason()).contains("no common format");

        assertThat(sdp.origin().orElseThrow().address()).isEqualTo("198.51.100.1");
        assertThat(SdpParser.parse(SdpWriter.write(sdp))).isEqualTo(sdp);
    }

    @Test
    void dtlsStreamGetsSetupEvenWithoutOfferedSetup() {
        SessionDescription offer = SdpParser.parse(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 a", "s=-", "c=IN IP4 a",
                "t=0 0", "m=image 40000 UDP/TLS/UDPTL t38", ""));
        Answer answer = OfferAnswer.answer(offer, new LocalCapabilities(Origin.of("1", "1", "b"), ConnectionData.of("b"),
                List.of(), List.of(MediaCapability.of("image", Proto.UDP_TLS_UDPTL, 40002))));
        // offer without a=setup defaults to active (RFC 4145 §4.1), so the answerer is passive and the offerer the DTLS client
        assertThat(answer.sdp().media().get(0).get(SdpAttributes.SETUP)).contains(Setup.PASSIVE);
        assertThat(answer.streams().get(0).roles().orElseThrow().dtlsClient()).contains(Side.OFFERER);
    }

    @Test
    void msrpHoldconnIsReadAsNoSetup() {
        SessionDescription offer = SdpParser.parse(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 a", "s=-", "c=IN IP4 a",
                "t=0 0", "m=message 7394 TCP/MSRP *", "a=setup:holdconn", ""));
        Answer answer = OfferAnswer.answer(offer, LocalCapabilities.of(Origin.of("1", "1", "b"), ConnectionData.of("b"),
                MediaCapability.of("message", Proto.TCP_MSRP, 2855)));
        // RFC 6135 §4.2.1: ignore holdconn; RFC 4145 default: offer active, so the answer is passive
        assertThat(answer.sdp().media().get(0).get(SdpAttributes.SETUP)).contains(Setup.PASSIVE);
        assertThat(answer.sdp().media().get(0).port()).isEqualTo(2855);
    }

    @Test
    void directionMirrorsSessionLevel() {
        SessionDescription offer = SdpParser.parse(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 a", "s=-", "c=IN IP4 a",
                "t=0 0", "a=recvonly", "m=audio 4000 RTP/AVP 0", ""));
        Answer answer = OfferAnswer.answer(offer, LocalCapabilities.of(Origin.of("1", "1", "b"), ConnectionData.of("b"),
                MediaCapability.of("audio", Proto.RTP_AVP, 4002)));
        assertThat(answer.sdp().media().get(0).has("sendonly")).isTrue();
        assertThat(answer.sdp().media().get(0).has("setup")).isFalse();
    }
}
