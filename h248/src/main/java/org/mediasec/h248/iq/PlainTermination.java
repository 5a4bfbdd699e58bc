package org.mediasec.h248.iq;

import java.util.List;
import java.util.Objects;

import org.mediasec.h248.StreamMode;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/**
 * A termination where the MG handles no TLS: the core side of e2ae ({@code TCP/MSRP}, {@code TCP},
 * {@code TCP/BFCP}, {@code UDP}), and both terminations of a pass-through context.
 *
 * <p>Pass-through ("configure the IMS-AGW to pass media transparently", TS 23.334 §6.2.10 e2e case,
 * and the TrGW on Ix) has no wire element of its own: it is "TCP" (or the plain proto as received,
 * e.g. {@code RTP/SAVP} for end-to-end SDES) with no TLS information on every termination of the
 * context. A termination of this type never carries {@code a=fingerprint} or {@code a=tls-id}, so the
 * MG never decrypts its bytes; with {@link #passThrough} the MGC says which use it means, for
 * readability only.
 *
 * @param media   {@code m=} media
 * @param proto   one of {@link IqTermination#PLAIN_PROTOS}
 * @param formats {@code m=} formats
 * @param local   Local {@code c=}/port; {@code $} to let the MG choose
 * @param setup   the MG's TCP role (required for TCP protos, null for UDP ones)
 * @param remote  the peer, without TLS information, or null while unknown
 * @param mode    LocalControl Mode, or null
 * @param events  the failure events to request, or null
 * @param localMsrpPath MSRP application-aware mode (iq-profile.md row 26): the AGW's MSRP URI toward this
 *                termination's peer, as Local {@code a=path}; empty: bytes relayed
 */
public record PlainTermination(String media, Proto proto, List<String> formats, MediaEndpoint local, Setup setup,
                               RemoteMedia remote, StreamMode mode, IqEvents events, List<String> localMsrpPath)
        implements IqTermination {
    public PlainTermination {
        localMsrpPath = Rules.msrpPath(localMsrpPath, "Local");
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        Rules.media(media, formats);
        Objects.requireNonNull(local, "local");
        if (!Rules.in(PLAIN_PROTOS, proto)) {
            throw new IllegalArgumentException("proto: " + proto + " (expected one of " + PLAIN_PROTOS
                    + "; TLS protos make a TlsTermination)");
        }
        proto = Rules.known(PLAIN_PROTOS, proto);
        String problem = Rules.setupProblem(proto, setup);
        if (problem == null) {
            problem = Rules.setupConflict(setup, remote);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (remote != null && remote.hasTlsInformation()) {
            throw new IllegalArgumentException("remote: TLS information (a=fingerprint, a=tls-id) on a plain "
                    + proto + " termination");
        }
        String pathProblem = Rules.msrpPathProblem(media, proto, localMsrpPath, remote);
        if (pathProblem != null) {
            throw new IllegalArgumentException(pathProblem);
        }
    }

    /** A termination without MSRP paths (relayed bytes, or not MSRP). */
    public PlainTermination(String media, Proto proto, List<String> formats, MediaEndpoint local, Setup setup,
                            RemoteMedia remote, StreamMode mode, IqEvents events) {
        this(media, proto, formats, local, setup, remote, mode, events, List.of());
    }

    /** Core side of e2ae MSRP: {@code TCP/MSRP} (application-aware) or {@code TCP} (agnostic, CEMA). */
    public static PlainTermination msrpCore(MsrpHandling handling, Setup setup) {
        Proto p = handling == MsrpHandling.APPLICATION_AWARE ? Proto.TCP_MSRP : Proto.TCP;
        return new PlainTermination("message", p, List.of("*"), MediaEndpoint.choose(), setup, null, null, null);
    }

    /** Core side of e2ae BFCP: {@code m=application $ TCP/BFCP *}. */
    public static PlainTermination bfcpCore(Setup setup) {
        return new PlainTermination("application", Proto.TCP_BFCP, List.of("*"), MediaEndpoint.choose(), setup, null,
                null, null);
    }

    /** Core side of e2ae T.38 as TS 23.334 names it to the AGW: {@code m=image $ UDP t38}. */
    public static PlainTermination t38Core() {
        return new PlainTermination("image", Proto.UDP, List.of("t38"), MediaEndpoint.choose(), null, null, null, null);
    }

    /**
     * One side of a TLS pass-through (e2e TLS, TS 23.334 §6.2.10; TrGW on Ix):
     * {@code m=<media> $ TCP *}, no TLS information.
     */
    public static PlainTermination passThrough(String media, Setup setup) {
        return new PlainTermination(media, Proto.TCP, List.of("*"), MediaEndpoint.choose(), setup, null, null, null);
    }

    public static PlainTermination of(String media, Proto proto, Setup setup, String... formats) {
        return new PlainTermination(media, proto, List.of(formats), MediaEndpoint.choose(), setup, null, null, null);
    }

    @Override
    public boolean terminatesTls() {
        return false;
    }

    public PlainTermination withLocal(MediaEndpoint local) {
        return new PlainTermination(media, proto, formats, local, setup, remote, mode, events, localMsrpPath);
    }

    public PlainTermination withRemote(RemoteMedia remote) {
        return new PlainTermination(media, proto, formats, local, setup, remote, mode, events, localMsrpPath);
    }

    public PlainTermination withSetup(Setup setup) {
        return new PlainTermination(media, proto, formats, local, setup, remote, mode, events, localMsrpPath);
    }

    public PlainTermination withMode(StreamMode mode) {
        return new PlainTermination(media, proto, formats, local, setup, remote, mode, events, localMsrpPath);
    }

    public PlainTermination withEvents(IqEvents events) {
        return new PlainTermination(media, proto, formats, local, setup, remote, mode, events, localMsrpPath);
    }

    /** This termination with the AGW's MSRP URI toward its peer (Local {@code a=path}, iq-profile.md row 26). */
    public PlainTermination withLocalMsrpPath(List<String> path) {
        return new PlainTermination(media, proto, formats, local, setup, remote, mode, events, path);
    }
}
