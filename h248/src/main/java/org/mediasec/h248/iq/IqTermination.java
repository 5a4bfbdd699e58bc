package org.mediasec.h248.iq;

import java.util.List;
import java.util.Optional;

import org.mediasec.h248.StreamMode;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/**
 * What the MGC (IMS-ALG on Iq, MRFC on Mp, IBCF on Ix) asks of one termination, in the terms of the
 * stage-2 information elements; {@link IqCommands} codes it into an Add or Modify, {@link IqRequests}
 * reads it back on the MG. The profile is in {@code docs/iq-profile.md}.
 *
 * <p>Two kinds, told apart on the wire by the transport protocol alone:
 * <ul>
 *   <li>{@link TlsTermination}: the {@code m=} proto has a TLS/DTLS element ({@code TCP/TLS/MSRP},
 *       {@code TCP/TLS/BFCP}, {@code TCP/TLS}, {@code UDP/DTLS}, {@code UDP/TLS/UDPTL}): the MG
 *       terminates (D)TLS. The access side of e2ae on Iq, the MRFP's TLS leg on Mp.</li>
 *   <li>{@link PlainTermination}: any other proto of {@link #PLAIN_PROTOS}, and no TLS information:
 *       the core side of e2ae, and both sides of a pass-through context (TS 23.334: "providing "TCP"
 *       to the IMS-AGW as transport protocol and not providing any TLS related information … and
 *       configuring the IMS-AGW to pass media transparently"; Ix at the TrGW).</li>
 * </ul>
 */
public sealed interface IqTermination permits TlsTermination, PlainTermination {

    /** Protos of a termination where the MG terminates TLS or DTLS. */
    List<Proto> TLS_PROTOS = List.of(Proto.TCP_TLS_MSRP, Proto.TCP_TLS_BFCP, Proto.TCP_TLS, Proto.UDP_DTLS,
            Proto.UDP_TLS_UDPTL);

    /** Protos of a plain termination (core side of e2ae, pass-through). */
    List<Proto> PLAIN_PROTOS = List.of(Proto.TCP, Proto.TCP_MSRP, Proto.TCP_BFCP, Proto.UDP, Proto.UDPTL,
            Proto.RTP_AVP, Proto.RTP_AVPF, Proto.RTP_SAVP, Proto.RTP_SAVPF);

    /** {@code m=} media type: {@code message}, {@code application}, {@code image}, {@code audio}, ... */
    String media();

    /** {@code m=} transport protocol (the TS 23.334 "transport protocol" indication). */
    Proto proto();

    /** {@code m=} formats ({@code *} for MSRP, BFCP and TCP, {@code t38} for T.38). */
    List<String> formats();

    /** The Local {@code c=} address and {@code m=} port; {@code $} asks the MG to choose. */
    MediaEndpoint local();

    /**
     * The MG's own TCP (and thus TLS/DTLS) role as the Local {@code a=setup}: {@code passive} listens,
     * {@code active} connects (TS 23.334 §6.2.18.4; RFC 4145, RFC 8122 §6.2). Required for TCP protos;
     * optional for DTLS (null until the role is known); null for plain UDP.
     */
    Setup setup();

    /** The Remote descriptor, or null while the peer is unknown. */
    RemoteMedia remote();

    /** LocalControl Mode (gate, "Change Through-Connection"), or null to leave it out. */
    StreamMode mode();

    /** The requested failure (and heartbeat) events, or null for no Events descriptor. */
    IqEvents events();

    /**
     * MSRP application-aware mode (iq-profile.md row 26, §10): the AGW's MSRP URI(s) toward this
     * termination's peer, coded as Local {@code a=path}; empty when the AGW relays bytes.
     */
    List<String> localMsrpPath();

    /** True when the MG terminates TLS/DTLS on this termination. */
    boolean terminatesTls();

    /**
     * True when the context is a pass-through one: it has terminations and none terminates TLS
     * ("configuring the IMS-AGW to pass media transparently", TS 23.334 §6.2.10). The MG decides this
     * from all terminations of the context it knows; a single plain termination may equally be the
     * core side of e2ae.
     */
    static boolean passThrough(java.util.Collection<? extends IqTermination> context) {
        return !context.isEmpty() && context.stream().noneMatch(IqTermination::terminatesTls);
    }

    /** For {@code m=message}: the MSRP handling its proto asks for; empty for other media. */
    default Optional<MsrpHandling> msrpHandling() {
        if (!media().equalsIgnoreCase("message")) {
            return Optional.empty();
        }
        return Optional.of(proto().isMsrp() ? MsrpHandling.APPLICATION_AWARE : MsrpHandling.APPLICATION_AGNOSTIC);
    }
}
