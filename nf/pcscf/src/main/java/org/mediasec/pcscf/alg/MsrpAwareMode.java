package org.mediasec.pcscf.alg;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;

/**
 * MSRP application-aware mode ("MSRP-aware mode", TR 29.828; iq-profile.md row 26, §10): the IMS-AGW
 * stands as the MSRP endpoint toward each peer, under an MSRP URI the IMS-ALG chooses for that side and
 * writes into the {@code a=path} of the SDP it sends that peer.
 *
 * <p>The decision: RFC 6714 §6.2, "The Middlebox enables that functionality [MSRP B2BUA] in cases where
 * the offerer does not support the CEMA extension. In cases where the SDP offer indicates support of the
 * CEMA extension, the Middlebox can simply modify the SDP c/m-line address information for the MSRP
 * connection."; TS 23.334 §5.19: with {@code a=msrp-cema} the IMS-ALG "shall ensure that the IMS-AGW
 * performs application agnostic MSRP handling". An offer without {@code a=msrp-cema} already gives both
 * terminations an application-aware proto ({@code TCP/MSRP}, {@code TCP/TLS/MSRP}; row 16,
 * {@link Streams#msrpHandling}); the mode applies then to e2ae streams (the AGW terminates TLS toward the
 * UE, plain {@code TCP/MSRP} toward the core), never to TLS pass-through (the AGW sees no MSRP there, proto
 * {@code TCP}). Plain MSRP anchoring keeps relaying: the AGW makes two plain terminations a pass-through
 * bearer at the Add and refuses to turn it MSRP-aware in a Modify (473), yet the AGW's URI needs the port
 * the Add's reply gives. An answer without {@code a=msrp-cema} to a CEMA offer needs nothing
 * here: RFC 6714 §4.2 has the offerer "fall back to RFC 4975 behavior by sending a new SDP offer ... The
 * new offer MUST NOT contain an SDP 'msrp-cema' attribute", and that offer is planned in this mode.
 */
public final class MsrpAwareMode {
    /** RFC 4975 §14.1: the session-id "SHOULD" have "at least 80 bits of randomness"; 96 here. */
    private static final int SESSION_ID_BYTES = 12;

    private MsrpAwareMode() {
    }

    /** The session-ids of the AGW's two URIs of one stream (access side, core side). */
    public record SessionIds(String access, String core) {
        public SessionIds {
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(core, "core");
        }
    }

    /** New random session-ids (RFC 4975 §9 session-id: unreserved characters; hex here). */
    static Supplier<String> randomSessionIds(SecureRandom random) {
        return () -> {
            byte[] b = new byte[SESSION_ID_BYTES];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        };
    }

    /** True when both terminations are MSRP on an application-aware proto (no CEMA in the offer). */
    static boolean applies(IqTermination access, IqTermination core) {
        return aware(access) && aware(core);
    }

    private static boolean aware(IqTermination t) {
        return t.media().equalsIgnoreCase("message") && t.proto().isMsrp();
    }

    /**
     * The AGW's MSRP URI toward one peer: {@code msrps} where the AGW terminates TLS, {@code msrp} on a
     * plain termination (RFC 4975 §6: "msrps" means TLS), the address and port the AGW chose for that
     * termination (so RFC 6714 §4.3's c/m-line versus path check passes at a non-CEMA peer), and
     * {@code ;tcp} (RFC 4975 §6: "transport" ... "tcp").
     */
    static String uri(IqLocal local, String sessionId) {
        ConnectionData c = local.endpoint().connection();
        String host = c.addrType().equalsIgnoreCase("IP6") ? "[" + c.address() + "]" : c.address();
        String scheme = local.proto().isTls() ? "msrps" : "msrp";
        return scheme + "://" + host + ":" + local.endpoint().port() + "/" + sessionId + ";tcp";
    }

    /**
     * The peer's own {@code a=path} (RFC 4975 §8.1: an endpoint "MUST include" its URI in the path
     * attribute), for the Remote descriptor.
     *
     * @throws AlgException when the m-line has none
     */
    static List<String> peerPath(MediaDescription m, String who) {
        return m.get(SdpAttributes.PATH).orElseThrow(() -> new AlgException("no a=path in " + who
                + "'s MSRP m-line (RFC 4975 §8.1): no peer path for MSRP-aware mode"));
    }

    /** The m-line as the peer is to see it: the AGW's URI as the only path, no {@code a=msrp-cema}. */
    static MediaDescription.Builder rewrite(MediaDescription.Builder b, String agwUri) {
        // RFC 6714 §6.2: a Middlebox acting as MSRP B2BUA "will never forward the SDP 'msrp-cema' attribute".
        return b.remove(SdpAttributes.MSRP_CEMA).set(SdpAttributes.PATH, List.of(agwUri));
    }
}
