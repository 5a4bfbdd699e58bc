package org.mediasec.tls;

import java.util.List;

import org.mediasec.common.CertificateFingerprint;

/**
 * Told of every certificate check a {@link FingerprintTrustManager} makes, so that a network
 * function can count and report them. Methods run on the TLS handshake thread (a Netty event loop):
 * they must be quick, must not block and should not throw (a thrown exception is logged and
 * otherwise ignored; it never changes the verdict).
 */
public interface PinningListener {
    /** Ignores everything. */
    PinningListener NONE = new PinningListener() {
    };

    /**
     * The peer's end-entity certificate matched a pinned fingerprint.
     *
     * @param localRole our role in the connection (the peer has the other one)
     * @param peer      {@code host:port} of the peer when known, else {@code "?"}
     * @param matched   the pin that matched
     */
    default void verified(TlsRole localRole, String peer, CertificateFingerprint matched) {
    }

    /**
     * The peer's certificate was refused; the handshake fails.
     *
     * @param localRole our role in the connection
     * @param peer      {@code host:port} of the peer when known, else {@code "?"}
     * @param expected  the pins we had (possibly empty)
     * @param received  the fingerprints of the peer's certificate, one per hash function among the
     *                  pins (just the sha-256 one when no pin is usable; empty when the peer sent no
     *                  certificate)
     * @param reason    the same text as the {@link java.security.cert.CertificateException} message
     */
    default void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                         List<CertificateFingerprint> received, String reason) {
    }
}
