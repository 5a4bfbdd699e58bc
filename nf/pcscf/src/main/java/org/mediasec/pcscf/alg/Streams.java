package org.mediasec.pcscf.alg;

import java.util.List;
import java.util.Optional;

import org.mediasec.h248.iq.IqTermination;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.offeranswer.SetupNegotiation;
import org.mediasec.sip.secagree.MediaSecMechanism;

/** Per-stream facts shared by the decider, the planner and the rewriter. */
final class Streams {
    private Streams() {
    }

    /**
     * The TS 24.229 mechanism whose e2ae procedure covers this proto (TLS or plain form):
     * {@code TCP/TLS/MSRP}, {@code TCP/MSRP} → msrp-tls; {@code TCP/TLS/BFCP}, {@code TCP/BFCP} → bfcp-tls;
     * {@code UDP/TLS/UDPTL}, {@code udptl} → udptl-dtls. Null for anything else (e.g. BFCP over DTLS,
     * for which 23.334 gives no e2ae procedure).
     */
    static MediaSecMechanism mechanism(Proto p) {
        if (p.is(Proto.TCP_TLS_MSRP) || p.is(Proto.TCP_MSRP)) {
            return MediaSecMechanism.MSRP_TLS;
        }
        if (p.is(Proto.TCP_TLS_BFCP) || p.is(Proto.TCP_BFCP)) {
            return MediaSecMechanism.BFCP_TLS;
        }
        if (p.is(Proto.UDP_TLS_UDPTL) || p.is(Proto.UDPTL)) {
            return MediaSecMechanism.UDPTL_DTLS;
        }
        return null;
    }

    /**
     * TS 23.334 §5.19: when the offer carries {@code a=msrp-cema} the IMS-ALG "shall ensure that the
     * IMS-AGW performs application agnostic MSRP handling"; otherwise application-aware. Null for
     * media other than {@code message}.
     */
    static MsrpHandling msrpHandling(MediaDescription m) {
        if (!m.media().equalsIgnoreCase("message")) {
            return null;
        }
        return m.has(SdpAttributes.MSRP_CEMA) ? MsrpHandling.APPLICATION_AGNOSTIC : MsrpHandling.APPLICATION_AWARE;
    }

    /** True when the stream runs over TCP (RFC 4145 {@code a=setup} decides who connects). */
    static boolean tcp(Proto p) {
        return p.isTcp();
    }

    /** True when the stream needs a TCP or DTLS role. */
    static boolean needsRole(Proto p) {
        return p.isTcp() || p.isDtls();
    }

    /**
     * The offer's effective {@code a=setup} (RFC 4145 §4.1 default active when absent). For MSRP,
     * RFC 6135 §4.2.1: "If an MSRP UA receives the "holdconn" attribute value, it MUST ignore it and
     * process the message as if it did not contain an a=setup attribute."
     */
    static Setup effectiveOffer(MediaDescription m, Optional<Setup> received) {
        Optional<Setup> s = m.proto().isMsrp() ? SetupNegotiation.forMsrp(received) : received;
        return s.orElse(SetupNegotiation.DEFAULT_OFFER);
    }

    /** The answer's effective {@code a=setup} (RFC 4145 §4.1 default passive when absent; MSRP as above). */
    static Setup effectiveAnswer(Proto p, Optional<Setup> received) {
        Optional<Setup> s = p.isMsrp() ? SetupNegotiation.forMsrp(received) : received;
        return s.orElse(SetupNegotiation.DEFAULT_ANSWER);
    }

    /** The complementary role: active ↔ passive. */
    static Setup complement(Setup s) {
        return switch (s) {
            case ACTIVE -> Setup.PASSIVE;
            case PASSIVE -> Setup.ACTIVE;
            default -> throw new IllegalArgumentException("no complement of " + s);
        };
    }

    /**
     * The role of the IMS-AGW termination that faces the offerer (it will answer): the complement of the
     * offer; for {@code actpass} passive until the answer says otherwise. This is the TS 23.334 §6.2.18.4
     * "TCP merge mode": "The IMS-ALG preconfigures the IMS-AGW to operate in TCP merge mode by providing
     * the "a=setup:passive" attribute" toward a UE that offered {@code a=setup:active}.
     */
    static Setup answerSideRole(Setup offer) {
        return offer == Setup.ACTPASS ? Setup.PASSIVE : complement(offer);
    }

    /**
     * The role of the IMS-AGW termination that faces the answerer (it re-issues the offer): the offer's
     * own role; for {@code actpass} passive until the answer says otherwise (fixed by the Modify). Passive,
     * because the re-issued {@code actpass} offer carries this termination's port, on which the AGW must be
     * able to listen if the answerer chooses active (an active termination's port is 9, RFC 4145 §4.1).
     */
    static Setup offerSideRole(Setup offer) {
        return offer == Setup.ACTPASS ? Setup.PASSIVE : offer;
    }

    /**
     * The transport named to the IMS-AGW for a stream it does not decrypt (pass-through or anchoring),
     * or null when it cannot carry it. TLS over TCP: TS 23.334 §6.2.10, "IMS-ALG providing "TCP" to the
     * IMS-AGW as transport protocol and not providing any TLS related information"; DTLS: plain
     * {@code UDP} by the same rule; a plain proto the profile knows goes as received (iq-profile.md row
     * 17), MSRP with CEMA as {@code TCP} (TS 23.334 §6.2.18.4: "TCP" media "for application-agnostic
     * interworking"); another plain TCP or UDP proto as {@code TCP} / {@code UDP}.
     */
    static Proto agwPlainProto(MediaDescription m, MsrpHandling handling) {
        Proto p = m.proto();
        if (p.isTls()) {
            return p.isTcp() ? Proto.TCP : p.isUdp() ? Proto.UDP : null;
        }
        if (p.isMsrp() && handling == MsrpHandling.APPLICATION_AGNOSTIC) {
            return Proto.TCP;
        }
        for (Proto q : IqTermination.PLAIN_PROTOS) {
            if (q.is(p)) {
                return q;
            }
        }
        return p.isTcp() ? Proto.TCP : p.isUdp() ? Proto.UDP : null;
    }

    /** {@code m=} formats for a termination: {@code *} on a bare TCP stream, else the offered ones. */
    static List<String> agwFormats(Proto agwProto, MediaDescription m) {
        if (agwProto.is(Proto.TCP) || m.formats().isEmpty()) {
            return List.of("*");
        }
        return m.formats();
    }
}
