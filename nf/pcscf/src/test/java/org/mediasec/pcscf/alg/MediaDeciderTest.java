package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.pcscf.alg.ImsAlgSdp.ALL;
import static org.mediasec.pcscf.alg.ImsAlgSdp.UE_FP;
import static org.mediasec.pcscf.alg.ImsAlgSdp.sdp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.testkit.SdpText;

class MediaDeciderTest {

    static SessionDescription one(String mLine, String attributes) {
        return sdp(SdpText.session("alice", 1, 1, "192.0.2.10") + """
                %s
                %s""".formatted(mLine, attributes.isEmpty() ? "" : attributes + "\n").replace("\n\n", "\n"));
    }

    static StreamDecision decide(SessionDescription s, CallDirection d, MediaSecCapabilities caps) {
        return MediaDecider.decide(s, d, caps).stream(0);
    }

    @ParameterizedTest(name = "{0} | {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            m=message 7394 TCP/TLS/MSRP *   | a=setup:active,FP,a=3ge2ae:requested  | NONE  | REJECT | a=3ge2ae:requested on TCP/TLS/MSRP but msrp-tls;mediasec was not indicated by both the UE and the P-CSCF at registration
            m=message 7394 TCP/MSRP *       | a=setup:active,a=3ge2ae:requested     | ALL   | REJECT | a=3ge2ae:requested on the plain proto TCP/MSRP (e2ae needs the TLS/DTLS proto in the UE's offer)
            m=message 7394 TCP/TLS/MSRP *   | a=setup:active,a=3ge2ae:requested     | ALL   | REJECT | a=3ge2ae:requested on TCP/TLS/MSRP without a=fingerprint (the Remote certificate fingerprint, RFC 8122)
            m=message 7394 TCP/TLS/MSRP *   | a=setup:active,FP,a=3ge2ae:applied    | ALL   | REJECT | a=3ge2ae:applied in a UE offer (expected: requested)
            m=application 5000 UDP/TLS/BFCP * | a=setup:actpass,FP,a=3ge2ae:requested | ALL | REJECT | a=3ge2ae:requested on UDP/TLS/BFCP, for which there is no e2ae procedure
            m=application 5000 TCP/TLS/BFCP * | a=setup:holdconn,FP,a=3ge2ae:requested | ALL | REJECT | a=setup:holdconn: no connection role to give the IMS-AGW
            m=message 7394 TCP/TLS/MSRP *   | a=setup:sideways,FP,a=3ge2ae:requested | ALL  | REJECT | malformed attribute: a=setup:sideways: unknown setup value "sideways" (expected: active, passive, actpass, holdconn)
            m=audio 5000 DCCP/RTP/AVP 0     |                                        | ALL   | REJECT | the IMS-AGW cannot anchor proto DCCP/RTP/AVP
            m=message 7394 TCP/TLS/MSRP *   | a=setup:holdconn,FP,a=3ge2ae:requested | ALL   | E2AE   | e2ae requested and registered
            m=application 5000 TCP/TLS/BFCP * | a=setup:active,FP,a=3ge2ae:requested | BFCP | E2AE   | e2ae requested and registered
            m=image 5004 UDP/TLS/UDPTL t38  | a=setup:actpass,FP,a=3ge2ae:requested  | T38   | E2AE   | e2ae requested and registered
            m=message 7394 TCP/TLS/MSRP *   | a=setup:active,FP                      | NONE  | PASS_THROUGH | TLS without 3ge2ae: end-to-end
            m=audio 49170 RTP/SAVP 0        | a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj | ALL | ANCHOR | plain media
            m=message 7394 TCP/MSRP *       | a=setup:active                         | ALL   | ANCHOR | plain media (msrp-tls not registered)
            m=video 0 RTP/AVP 96            |                                        | ALL   | DISABLED | offered with port 0
            """)
    void originating(String mLine, String attrs, String caps, StreamAction action, String reason) {
        String a = attrs == null ? "" : String.join("\n", attrs.split(",")).replace("FP", UE_FP);
        StreamDecision d = decide(one(mLine, a), CallDirection.ORIGINATING, caps(caps));
        assertThat(d.action()).isEqualTo(action);
        assertThat(d.reason()).isEqualTo(reason);
    }

    static MediaSecCapabilities caps(String name) {
        return switch (name) {
            case "NONE" -> MediaSecCapabilities.none();
            case "BFCP" -> MediaSecCapabilities.of(MediaSecMechanism.BFCP_TLS);
            case "T38" -> MediaSecCapabilities.of(MediaSecMechanism.UDPTL_DTLS);
            default -> ALL;
        };
    }

    @ParameterizedTest(name = "{0} with {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            m=message 2855 TCP/MSRP *       | ALL  | TERMINATING_UPGRADE
            m=message 2855 TCP/MSRP *       | BFCP | ANCHOR
            m=application 5000 TCP/BFCP *   | BFCP | TERMINATING_UPGRADE
            m=image 6000 udptl t38          | T38  | TERMINATING_UPGRADE
            m=image 6000 udptl t38          | NONE | ANCHOR
            m=message 2855 TCP/TLS/MSRP *   | ALL  | PASS_THROUGH
            m=audio 3456 RTP/AVP 0          | ALL  | ANCHOR
            """)
    void terminating(String mLine, String caps, StreamAction action) {
        assertThat(decide(one(mLine, "a=setup:actpass"), CallDirection.TERMINATING, caps(caps)).action()).isEqualTo(action);
    }

    @Test
    void aStreamWithoutConnectionAddressIsRejected() {
        SessionDescription s = sdp(SdpText.sessionWithoutConnection("alice", 1, 1, "192.0.2.10") + """
                m=audio 49170 RTP/AVP 0
                """);
        assertThat(decide(s, CallDirection.ORIGINATING, ALL).reason()).isEqualTo("no c= line for the stream");
    }

    @Test
    void a3ge2aeFromTheCoreDoesNotReachTheUe() {
        SessionDescription offer = one("m=message 2855 TCP/TLS/MSRP *", "a=setup:actpass\n" + UE_FP + "\na=3ge2ae:applied");
        ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        IqPlan plan = alg.plan(offer, CallDirection.TERMINATING, ALL);
        assertThat(plan.stream(0).decision().action()).isEqualTo(StreamAction.PASS_THROUGH);
        String toUe = SdpWriter.write(alg.forwardOffer(offer, plan, new FakeAgw().reserve(plan)));
        assertThat(toUe).doesNotContain("3ge2ae").contains(UE_FP, "a=setup:actpass");
    }
}
