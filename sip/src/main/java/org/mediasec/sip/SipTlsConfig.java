package org.mediasec.sip;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsVersion;

/**
 * How a {@link SipEndpoint} speaks SIP over TLS ({@link SipTransport#TLS}). The JDK provider
 * (SunJSSE) does the TLS; suites are ECDHE with AEAD ciphers only.
 *
 * @param identity         the certificate chain and key presented to peers (as server, and as client
 *                         when the peer asks for one)
 * @param trust            which peer certificates are accepted: pinned fingerprints or CAs, never all
 * @param port             the TLS listening port (TLS needs its own TCP port, apart from the TCP
 *                         transport's); 0 picks a free one; SIP's default for TLS is
 *                         {@value #DEFAULT_PORT} (RFC 3261 §19.1.2)
 * @param clientAuth       whether a connecting peer must present a certificate
 * @param versions         the TLS versions offered and accepted (at least one)
 * @param handshakeTimeout bound on connecting plus the TLS handshake, in both directions; a peer
 *                         that stalls is disconnected after it
 */
public record SipTlsConfig(LocalIdentity identity, SipTlsTrust trust, int port, ClientAuth clientAuth,
                           Set<TlsVersion> versions, Duration handshakeTimeout) {

    /** The default port for SIP over TLS (RFC 3261 §19.1.2). */
    public static final int DEFAULT_PORT = 5061;
    /** Connect plus handshake on a loaded lab machine stays far below this; a stalled peer does not. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    /** Whether the TLS server side asks the connecting peer for a certificate. */
    public enum ClientAuth {
        /** The peer must present a certificate the trust accepts, or the handshake fails. */
        REQUIRED,
        /**
         * The peer is asked for a certificate; one it presents must be accepted by the trust, but a
         * peer presenting none is let in (the SIP layer above authenticates it, e.g. with digest).
         */
        OPTIONAL,
        /**
         * The peer is not asked for a certificate: server-authenticated TLS, as between a UA and its
         * registrar (RFC 3261 §26.3.2.1), the UA being authenticated by SIP digest. The trust still
         * applies to the peers this endpoint connects to.
         */
        NONE
    }

    public SipTlsConfig {
        Checks.notNull(identity, "identity");
        Checks.notNull(trust, "trust");
        Checks.inRange(port, 0, 65535, "port");
        Checks.notNull(clientAuth, "clientAuth");
        Checks.notNull(versions, "versions");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions: empty (expected: TLSv1.2 and/or TLSv1.3)");
        }
        versions = Collections.unmodifiableSet(EnumSet.copyOf(versions));
        Checks.notNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.toMillis() > 600_000) {
            throw new IllegalArgumentException("handshakeTimeout: " + handshakeTimeout + " (expected: 1 ms to 10 min)");
        }
    }

    /**
     * TLS with {@code identity}, accepting only peers whose certificate has one of {@code pins}: a
     * free port, client certificate required, TLS 1.2 and 1.3, {@link #DEFAULT_HANDSHAKE_TIMEOUT}.
     */
    public static SipTlsConfig pinned(LocalIdentity identity, Collection<CertificateFingerprint> pins) {
        return new SipTlsConfig(identity, SipTlsTrust.pinned(pins), 0, ClientAuth.REQUIRED,
                EnumSet.allOf(TlsVersion.class), DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * TLS with {@code identity} and {@code trust} (e.g. {@link SipTlsTrust#authoritiesPem}): a free
     * port, client certificate required, TLS 1.2 and 1.3, {@link #DEFAULT_HANDSHAKE_TIMEOUT}.
     */
    public static SipTlsConfig of(LocalIdentity identity, SipTlsTrust trust) {
        return new SipTlsConfig(identity, trust, 0, ClientAuth.REQUIRED, EnumSet.allOf(TlsVersion.class),
                DEFAULT_HANDSHAKE_TIMEOUT);
    }

    public SipTlsConfig withTrust(SipTlsTrust newTrust) {
        return new SipTlsConfig(identity, newTrust, port, clientAuth, versions, handshakeTimeout);
    }

    public SipTlsConfig withPort(int newPort) {
        return new SipTlsConfig(identity, trust, newPort, clientAuth, versions, handshakeTimeout);
    }

    public SipTlsConfig withClientAuth(ClientAuth newClientAuth) {
        return new SipTlsConfig(identity, trust, port, newClientAuth, versions, handshakeTimeout);
    }

    public SipTlsConfig withVersions(Set<TlsVersion> newVersions) {
        return new SipTlsConfig(identity, trust, port, clientAuth, newVersions, handshakeTimeout);
    }

    public SipTlsConfig withHandshakeTimeout(Duration timeout) {
        return new SipTlsConfig(identity, trust, port, clientAuth, versions, timeout);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SipTlsConfig[" + identity + ", trust=" + trust + ", port=" + port + ", clientAuth=" + clientAuth
                + ", versions=" + versions + ", handshakeTimeout=" + handshakeTimeout + "]";
    }
}
