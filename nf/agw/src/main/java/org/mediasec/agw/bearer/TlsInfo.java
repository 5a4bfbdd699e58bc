package org.mediasec.agw.bearer;

import org.mediasec.common.CertificateFingerprint;

/**
 * The TLS session the AGW terminated on a leg.
 *
 * @param version         negotiated protocol ({@code TLSv1.3})
 * @param cipherSuite     negotiated cipher suite
 * @param peerFingerprint the pinned fingerprint the peer's certificate matched, or {@code null}
 * @param peerVerified    whether the peer's certificate matched a pin (always true for an
 *                        established session: a mismatch fails the handshake)
 */
public record TlsInfo(String version, String cipherSuite, CertificateFingerprint peerFingerprint,
                      boolean peerVerified) {
    @Override
    public String toString() {
        return version + " " + cipherSuite + (peerVerified ? " peer " + peerFingerprint : " peer unverified");
    }
}
