package org.mediasec.agw.bearer;

import java.net.InetSocketAddress;
import java.util.List;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.mediasec.tls.LocalIdentity;

/**
 * What one termination asks of its TCP bearer: the H.248 Local and Remote descriptors of a TCP or
 * TCP/TLS stream, in the AGW's terms.
 *
 * @param realm            where the leg binds
 * @param transport        plain, TLS terminated (server or client), or pass-through
 * @param setup            who opens the TCP connection ({@code a=setup} given to the AGW)
 * @param port             the local port of a {@link TcpSetup#PASSIVE} leg, or {@link #CHOOSE} for the
 *                         next free one of the realm ({@code $}); must be {@link #CHOOSE} for an active
 *                         leg, which leaves from an ephemeral port of the realm address
 * @param remote           the peer's address (Remote descriptor {@code c=}/{@code m=}); needed by an
 *                         active leg before it connects, may come later through
 *                         {@link BearerRelay#update(Side, BearerLeg)}; informative for a passive leg
 *                         (any peer may connect: NAT)
 * @param identity         our certificate and key, for a TLS-terminating leg only
 * @param peerFingerprints the peer's {@code a=fingerprint}s to pin ("Remote certificate fingerprint"),
 *                         TLS-terminating legs only; may be empty until the UE's SDP arrives, but a
 *                         handshake with no pin fails (fail closed)
 * @param msrp             MSRP application-aware mode: the paths the AGW rewrites To-Path/From-Path
 *                         with ({@link MsrpPathRewriter}); null relays bytes without parsing them.
 *                         Never on a {@link BearerTransport#PASS_THROUGH} leg
 */
public record BearerLeg(Realm realm, BearerTransport transport, TcpSetup setup, int port,
                        InetSocketAddress remote, LocalIdentity identity,
                        List<CertificateFingerprint> peerFingerprints, MsrpPaths msrp) {
    /** The CHOOSE wildcard ({@code $}) for {@link #port}. */
    public static final int CHOOSE = 0;

    public BearerLeg {
        Checks.notNull(realm, "realm");
        Checks.notNull(transport, "transport");
        Checks.notNull(setup, "setup");
        Checks.notNull(peerFingerprints, "peerFingerprints");
        peerFingerprints = List.copyOf(peerFingerprints);
        if (setup == TcpSetup.ACTIVE && port != CHOOSE) {
            throw new IllegalArgumentException("port: " + port + " (expected: CHOOSE for an active leg)");
        }
        if (port != CHOOSE && !realm.contains(port)) {
            throw new IllegalArgumentException("port: " + port + " (expected: " + realm.minPort() + ".."
                    + realm.maxPort() + " in realm " + realm.name() + ")");
        }
        if (transport.terminatesTls()) {
            Checks.notNull(identity, "identity");
            // RFC 4572 §6 / RFC 8122: the endpoint that is active at the TCP level is the TLS client
            TcpSetup expected = transport == BearerTransport.TLS_CLIENT ? TcpSetup.ACTIVE : TcpSetup.PASSIVE;
            if (setup != expected) {
                throw new IllegalArgumentException("setup: " + setup + " with " + transport + " (expected: "
                        + expected + "; the TCP-active endpoint is the TLS client)");
            }
        } else if (identity != null || !peerFingerprints.isEmpty()) {
            throw new IllegalArgumentException(transport + ": no TLS identity or fingerprints expected "
                    + "(the AGW terminates no TLS on this leg)");
        }
        if (msrp != null && transport == BearerTransport.PASS_THROUGH) {
            throw new IllegalArgumentException("msrp: a pass-through leg is never parsed (use PLAIN_TCP for "
                    + "MSRP application-aware mode)");
        }
    }

    /** A leg that relays bytes without parsing them (no MSRP-aware mode). */
    public BearerLeg(Realm realm, BearerTransport transport, TcpSetup setup, int port, InetSocketAddress remote,
                     LocalIdentity identity, List<CertificateFingerprint> peerFingerprints) {
        this(realm, transport, setup, port, remote, identity, peerFingerprints, null);
    }

    /** A plain TCP leg. */
    public static BearerLeg plain(Realm realm, TcpSetup setup) {
        return new BearerLeg(realm, BearerTransport.PLAIN_TCP, setup, CHOOSE, null, null, List.of());
    }

    /** A pass-through leg: bytes relayed untouched. */
    public static BearerLeg passThrough(Realm realm, TcpSetup setup) {
        return new BearerLeg(realm, BearerTransport.PASS_THROUGH, setup, CHOOSE, null, null, List.of());
    }

    /**
     * A TLS-terminating leg: the AGW is TLS server when the peer connects ({@code setup} passive),
     * TLS client when the AGW connects ({@code setup} active).
     */
    public static BearerLeg tls(Realm realm, TcpSetup setup, LocalIdentity identity,
                                List<CertificateFingerprint> peerFingerprints) {
        BearerTransport t = setup == TcpSetup.ACTIVE ? BearerTransport.TLS_CLIENT : BearerTransport.TLS_SERVER;
        return new BearerLeg(realm, t, setup, CHOOSE, null, identity, peerFingerprints);
    }

    public BearerLeg withRemote(InetSocketAddress remote) {
        return new BearerLeg(realm, transport, setup, port, remote, identity, peerFingerprints, msrp);
    }

    public BearerLeg withPort(int port) {
        return new BearerLeg(realm, transport, setup, port, remote, identity, peerFingerprints, msrp);
    }

    public BearerLeg withPeerFingerprints(List<CertificateFingerprint> peerFingerprints) {
        return new BearerLeg(realm, transport, setup, port, remote, identity, peerFingerprints, msrp);
    }

    /** The same leg in MSRP application-aware mode with {@code msrp} (null: bytes relayed unparsed). */
    public BearerLeg withMsrp(MsrpPaths msrp) {
        return new BearerLeg(realm, transport, setup, port, remote, identity, peerFingerprints, msrp);
    }

    @Override
    public String toString() {
        return transport + "/" + setup + "@" + realm.name() + (remote == null ? "" : "->" + remote)
                + (msrp == null ? "" : " msrp-aware");
    }
}
