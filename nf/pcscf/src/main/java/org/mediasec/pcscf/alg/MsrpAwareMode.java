package org.mediasec.pcscf.alg;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
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
 * the Add's reply gives.
 *
 * <p>At the answer ({@link #cemaDropped}): an e2ae stream offered with {@code a=msrp-cema} whose answer
 * has none is turned MSRP-aware by the answer's Modifies. The answerer does not apply RFC 6714 (§4.3: a
 * CEMA answerer "MUST include an SDP 'msrp-cema' attribute" unless it falls back), and §6.2 assumes the
 * Middlebox then "implements MSRP B2BUA functionality". Otherwise the offerer, seeing a c/m-line (the
 * AGW) that does not match the answer's {@code a=path}, either falls back with a new offer (§4.2, "MUST
 * fall back to RFC 4975 behavior by sending a new SDP offer", when it becomes passive) or sends through
 * the byte relay; an RFC 4975 answerer that becomes active connects to the {@code a=path} it was given,
 * around the AGW. With the switch the offerer sees the AGW's URI in the answer's {@code a=path}, at the
 * answer's c/m address, and needs no new offer. A new offer without {@code a=msrp-cema} is still planned
 * in this mode from its Add on. What TS 23.334 §5.19.2-§5.19.5 say of an answer without
 * {@code a=msrp-cema} is UNCONFIRMED (only §5.19.1 was found).
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

    /**
     * Whether the answer drops CEMA for a stream whose AGW could parse MSRP: an e2ae MSRP stream (the AGW
     * terminates TLS toward the UE; never TLS pass-through, whose octets the AGW must not read) planned
     * application-agnostic because the offer carried {@code a=msrp-cema}, answered without it, the offerer
     * naming only itself in {@code a=path}. An offerer behind an MSRP relay (more than one URI) keeps the
     * byte relay: RFC 6714 §4.2 has it fall back with a new offer itself (criteria 2 and 3).
     */
    static boolean cemaDropped(StreamPlan sp, MediaDescription offered, MediaDescription answered) {
        return sp.reserves() && sp.decision().action().terminatesTls()
                && sp.decision().msrpHandling() == MsrpHandling.APPLICATION_AGNOSTIC
                && offered.media().equalsIgnoreCase("message") && offered.has(SdpAttributes.MSRP_CEMA)
                && !answered.has(SdpAttributes.MSRP_CEMA)
                && offered.get(SdpAttributes.PATH).map(List::size).orElse(0) == 1;
    }

    /**
     * {@code t} turned MSRP-aware (iq-profile.md row 26): the application-aware proto of its kind
     * ({@code TCP} to {@code TCP/MSRP}, {@code TCP/TLS} to {@code TCP/TLS/MSRP}; TS 23.334 §6.2.18.4),
     * {@code localPath} as Local {@code a=path} (the URI its peer addresses), {@code peerPath} as Remote
     * {@code a=path}.
     *
     * @throws AlgException when the termination has no Remote (no peer path to give)
     */
    static IqTermination turnAware(IqTermination t, List<String> localPath, List<String> peerPath) {
        if (t.remote() == null) {
            throw new AlgException("no Remote on the " + t.proto() + " termination: no peer a=path for MSRP-aware mode");
        }
        if (t instanceof TlsTermination tls) {
            return new TlsTermination(tls.media(), awareProto(tls.proto()), tls.formats(), tls.local(), tls.setup(),
                    tls.requestLocalFingerprint(), tls.localTlsId(), tls.remote().withMsrpPath(peerPath), tls.mode(),
                    tls.psk(), tls.events(), localPath);
        }
        PlainTermination p = (PlainTermination) t;
        return new PlainTermination(p.media(), awareProto(p.proto()), p.formats(), p.local(), p.setup(),
                p.remote().withMsrpPath(peerPath), p.mode(), p.events(), localPath);
    }

    private static Proto awareProto(Proto p) {
        if (p.is(Proto.TCP_TLS) || p.is(Proto.TCP_TLS_MSRP)) {
            return Proto.TCP_TLS_MSRP;
        }
        if (p.is(Proto.TCP) || p.is(Proto.TCP_MSRP)) {
            return Proto.TCP_MSRP;
        }
        throw new AlgException("proto " + p + " has no application-aware MSRP form");
    }

    /** The m-line as the peer is to see it: the AGW's URI as the only path, no {@code a=msrp-cema}. */
    static MediaDescription.Builder rewrite(MediaDescription.Builder b, String agwUri) {
        // RFC 6714 §6.2: a Middlebox acting as MSRP B2BUA "will never forward the SDP 'msrp-cema' attribute".
        return b.remove(SdpAttributes.MSRP_CEMA).set(SdpAttributes.PATH, List.of(agwUri));
    }
}
