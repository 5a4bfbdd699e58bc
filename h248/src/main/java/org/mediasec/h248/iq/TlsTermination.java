package org.mediasec.h248.iq;

import java.util.List;
import java.util.Objects;

import org.mediasec.h248.StreamMode;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/**
 * A termination where the MG terminates TLS or DTLS: the access side of e2ae MSRP, BFCP or T.38 on
 * Iq (TS 23.334 §6.2.10), the MRFP's TLS leg on Mp (TS 23.333 §6.2.19). Stage-2 information elements
 * and where they are:
 * <ul>
 *   <li>transport: {@link #proto()} ({@code TCP/TLS/MSRP}, {@code TCP/TLS/BFCP}, {@code TCP/TLS},
 *       {@code UDP/DTLS}, {@code UDP/TLS/UDPTL});</li>
 *   <li>"Local certificate fingerprint Request": {@link #requestLocalFingerprint()}
 *       ({@code a=fingerprint:$} in Local);</li>
 *   <li>"Remote certificate fingerprint": {@link RemoteMedia#fingerprints()} ({@code a=fingerprint} in Remote);</li>
 *   <li>TLS/DTLS role and "Establish (D)TLS session": {@link #setup()} and {@link #establish()};</li>
 *   <li>TLS/DTLS association identity: {@link #localTlsId()} and {@link RemoteMedia#tlsId()} (off by default);</li>
 *   <li>"Pre-Shared Key" (Mp): {@link #psk()};</li>
 *   <li>"Notify (D)TLS session establishment Failure Event": {@link #events()}.</li>
 * </ul>
 *
 * @param media                   {@code m=} media
 * @param proto                   one of {@link IqTermination#TLS_PROTOS}
 * @param formats                 {@code m=} formats
 * @param local                   Local {@code c=}/port; {@code $} to let the MG choose
 * @param setup                   the MG's role; required for TCP, optional for DTLS
 * @param requestLocalFingerprint ask the MG for its certificate fingerprint ({@code a=fingerprint:$})
 * @param localTlsId              {@code a=tls-id} the MGC chose for the MG's side, or null
 * @param remote                  the peer, or null while unknown
 * @param mode                    LocalControl Mode, or null
 * @param psk                     TLS-PSK for the MG (Mp), or null for certificate fingerprints
 * @param events                  the failure events to request, or null
 * @param localMsrpPath           MSRP application-aware mode (iq-profile.md row 26): the AGW's MSRP URI
 *                                toward this termination's peer, as Local {@code a=path}; empty: bytes relayed
 */
public record TlsTermination(String media, Proto proto, List<String> formats, MediaEndpoint local, Setup setup,
                             boolean requestLocalFingerprint, TlsId localTlsId, RemoteMedia remote, StreamMode mode,
                             TlsPsk psk, IqEvents events, List<String> localMsrpPath) implements IqTermination {
    public TlsTermination {
        localMsrpPath = Rules.msrpPath(localMsrpPath, "Local");
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        Rules.media(media, formats);
        Objects.requireNonNull(local, "local");
        if (!Rules.in(TLS_PROTOS, proto)) {
            throw new IllegalArgumentException("proto: " + proto + " (expected one of " + TLS_PROTOS + ")");
        }
        proto = Rules.known(TLS_PROTOS, proto);
        String problem = Rules.setupProblem(proto, setup);
        if (problem == null) {
            problem = Rules.setupConflict(setup, remote);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (psk != null && requestLocalFingerprint) {
            throw new IllegalArgumentException("psk: a TLS-PSK termination has no certificate fingerprint to request");
        }
        String pathProblem = Rules.msrpPathProblem(media, proto, localMsrpPath, remote);
        if (pathProblem != null) {
            throw new IllegalArgumentException(pathProblem);
        }
    }

    /** A termination without MSRP paths (relayed bytes, or not MSRP). */
    public TlsTermination(String media, Proto proto, List<String> formats, MediaEndpoint local, Setup setup,
                          boolean requestLocalFingerprint, TlsId localTlsId, RemoteMedia remote, StreamMode mode,
                          TlsPsk psk, IqEvents events) {
        this(media, proto, formats, local, setup, requestLocalFingerprint, localTlsId, remote, mode, psk, events,
                List.of());
    }

    /** MSRP over TLS ({@code m=message $ TCP/TLS/MSRP *}, application-aware), fingerprint requested. */
    public static Builder msrp(Setup setup) {
        return builder("message", Proto.TCP_TLS_MSRP, "*").setup(setup).requestLocalFingerprint(true);
    }

    /** MSRP over TLS handled application-agnostically ({@code m=message $ TCP/TLS *}; CEMA), fingerprint requested. */
    public static Builder msrpAgnostic(Setup setup) {
        return builder("message", Proto.TCP_TLS, "*").setup(setup).requestLocalFingerprint(true);
    }

    /** BFCP over TLS ({@code m=application $ TCP/TLS/BFCP *}), fingerprint requested. */
    public static Builder bfcp(Setup setup) {
        return builder("application", Proto.TCP_TLS_BFCP, "*").setup(setup).requestLocalFingerprint(true);
    }

    /** T.38 over DTLS as TS 23.334 names it to the AGW ({@code m=image $ UDP/DTLS t38}), fingerprint requested. */
    public static Builder t38() {
        return builder("image", Proto.UDP_DTLS, "t38").requestLocalFingerprint(true);
    }

    public static Builder builder(String media, Proto proto, String... formats) {
        return new Builder(media, proto, List.of(formats));
    }

    public Builder toBuilder() {
        return new Builder(media, proto, formats).local(local).setup(setup).requestLocalFingerprint(requestLocalFingerprint)
                .localTlsId(localTlsId).remote(remote).mode(mode).psk(psk).events(events).localMsrpPath(localMsrpPath);
    }

    @Override
    public boolean terminatesTls() {
        return true;
    }

    /**
     * "Establish (D)TLS session": the MG is the TLS/DTLS client ({@code a=setup:active}) and knows
     * the peer's address. Coded by exactly these two facts (PROPOSAL, specs.md §5.6.1): the MG opens
     * TCP and sends the ClientHello as soon as they coexist.
     */
    public boolean establish() {
        return setup == Setup.ACTIVE && remote != null;
    }

    public TlsTermination withLocal(MediaEndpoint local) {
        return toBuilder().local(local).build();
    }

    public TlsTermination withRemote(RemoteMedia remote) {
        return toBuilder().remote(remote).build();
    }

    public TlsTermination withSetup(Setup setup) {
        return toBuilder().setup(setup).build();
    }

    /** Builder; the Local endpoint defaults to {@link MediaEndpoint#choose()}. */
    public static final class Builder {
        private final String media;
        private final Proto proto;
        private final List<String> formats;
        private MediaEndpoint local = MediaEndpoint.choose();
        private Setup setup;
        private boolean requestLocalFingerprint;
        private TlsId localTlsId;
        private RemoteMedia remote;
        private StreamMode mode;
        private TlsPsk psk;
        private IqEvents events;
        private List<String> localMsrpPath = List.of();

        Builder(String media, Proto proto, List<String> formats) {
            this.media = media;
            this.proto = proto;
            this.formats = formats;
        }

        public Builder local(MediaEndpoint local) {
            this.local = local;
            return this;
        }

        public Builder setup(Setup setup) {
            this.setup = setup;
            return this;
        }

        public Builder requestLocalFingerprint(boolean request) {
            this.requestLocalFingerprint = request;
            return this;
        }

        public Builder localTlsId(TlsId tlsId) {
            this.localTlsId = tlsId;
            return this;
        }

        public Builder remote(RemoteMedia remote) {
            this.remote = remote;
            return this;
        }

        public Builder mode(StreamMode mode) {
            this.mode = mode;
            return this;
        }

        /** TLS-PSK (Mp); also turns the fingerprint request off. */
        public Builder psk(TlsPsk psk) {
            this.psk = psk;
            if (psk != null) {
                this.requestLocalFingerprint = false;
            }
            return this;
        }

        public Builder events(IqEvents events) {
            this.events = events;
            return this;
        }

        /** The AGW's MSRP URI toward the peer (Local {@code a=path}, iq-profile.md row 26); empty for none. */
        public Builder localMsrpPath(List<String> path) {
            this.localMsrpPath = path;
            return this;
        }

        public TlsTermination build() {
            return new TlsTermination(media, proto, formats, local, setup, requestLocalFingerprint, localTlsId, remote,
                    mode, psk, events, localMsrpPath);
        }
    }
}
