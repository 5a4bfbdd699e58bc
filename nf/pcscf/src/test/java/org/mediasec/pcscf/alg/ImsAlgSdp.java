package org.mediasec.pcscf.alg;

import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.testkit.SdpText;

/**
 * SDP fixtures the IMS-ALG tests share: the parties' {@code a=fingerprint} lines, every mechanism registered, and
 * the MSRP offers and answers of an originating (UE alice, e2ae) and a terminating (core peer bob, plain) session.
 */
final class ImsAlgSdp {
    static final String UE_FP = "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF";
    static final String AGW_FP = "a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0";
    static final String PEER_FP = "a=fingerprint:sha-256 77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E:77:01:C3:9E";
    static final MediaSecCapabilities ALL = MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS,
            MediaSecMechanism.BFCP_TLS, MediaSecMechanism.UDPTL_DTLS);

    /** The UE's e2ae MSRP offer (alice at 192.0.2.10, active, {@code a=3ge2ae:requested}). */
    static final String UE_MSRP_OFFER = SdpText.session("alice", 2890844526L, 2890844527L, "192.0.2.10") + """
            m=message 7394 TCP/TLS/MSRP *
            a=accept-types:message/cpim text/plain
            a=path:msrps://192.0.2.10:7394/s111271;tcp
            a=setup:active
            %s
            a=3ge2ae:requested
            """.formatted(UE_FP);

    /** The core peer's plain MSRP answer to {@link #UE_MSRP_OFFER} (bob at 198.51.100.7:2855, passive). */
    static final String CORE_MSRP_ANSWER = corePeerMsrp(2808844564L, "passive");

    /** The core peer's plain MSRP offer of a terminating session (bob, actpass). */
    static final String CORE_MSRP_OFFER = corePeerMsrp(1, "actpass");

    private ImsAlgSdp() {
    }

    /** Bob in the core: plain MSRP at 198.51.100.7:2855 with his own {@code a=path} and {@code a=setup:<setup>}. */
    static String corePeerMsrp(long sessionIdAndVersion, String setup) {
        return SdpText.session("bob", sessionIdAndVersion, sessionIdAndVersion, "198.51.100.7") + """
                m=message 2855 TCP/MSRP *
                a=accept-types:message/cpim text/plain
                a=path:msrp://198.51.100.7:2855/kjhd37s2s20w2a;tcp
                a=setup:%s
                """.formatted(setup);
    }

    static SessionDescription sdp(String text) {
        return SdpParser.parse(SdpText.crlf(text));
    }

    static String crlf(String text) {
        return SdpText.crlf(text);
    }
}
