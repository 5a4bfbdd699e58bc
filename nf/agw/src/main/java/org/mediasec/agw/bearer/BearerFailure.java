package org.mediasec.agw.bearer;

import java.util.List;

import org.mediasec.common.CertificateFingerprint;

/**
 * Why a leg failed. The H.248 layer turns {@link Kind#isTlsEstablishment()} kinds into the "Notify
 * (D)TLS session establishment Failure Event" and the others into a TCP connection or bearer
 * failure Notify ({@link Kind#BIND_FAILED} can only happen before {@link BearerRelay#open()} completes,
 * so it is an error reply to the Add rather than a Notify).
 *
 * @param side     the failing leg
 * @param kind     the cause
 * @param detail   a human-readable reason (for a fingerprint mismatch the text of
 *                 {@link org.mediasec.tls.FingerprintTrustManager}: expected and received)
 * @param expected the pinned fingerprints, for {@link Kind#TLS_FINGERPRINT_MISMATCH}; else empty
 * @param received the fingerprints of the certificate the peer presented, for
 *                 {@link Kind#TLS_FINGERPRINT_MISMATCH}; else empty
 * @param cause    the exception, or {@code null}
 */
public record BearerFailure(Side side, Kind kind, String detail, List<CertificateFingerprint> expected,
                            List<CertificateFingerprint> received, Throwable cause) {
    /** Failure causes. */
    public enum Kind {
        /** The peer's certificate matched none of the pinned fingerprints (or no pin was given). */
        TLS_FINGERPRINT_MISMATCH(true),
        /** The TLS handshake failed otherwise (alert, protocol error, peer closed during it). */
        TLS_HANDSHAKE_FAILED(true),
        /** The TLS handshake did not finish within the configured timeout. */
        TLS_HANDSHAKE_TIMEOUT(true),
        /** A TLS error after the handshake (bad record, MAC failure): a bearer failure, not an establishment one. */
        TLS_ERROR(false),
        /** The active leg's connection was refused. */
        TCP_CONNECT_REFUSED(false),
        /** The active leg did not connect within the configured timeout. */
        TCP_CONNECT_TIMEOUT(false),
        /** The peer reset the connection. */
        TCP_RESET(false),
        /** Another socket error. */
        TCP_ERROR(false),
        /** The passive leg could not listen (no free port, address unusable). */
        BIND_FAILED(false),
        /** The peer sent more before the other leg was established than the AGW holds. */
        OVERFLOW(false),
        /**
         * MSRP application-aware mode: the leg lost the MSRP framing (not MSRP, a limit passed), or a
         * message could not be rewritten (no {@code a=path} for the other leg).
         */
        MSRP_ERROR(false);

        private final boolean tlsEstablishment;

        Kind(boolean tlsEstablishment) {
            this.tlsEstablishment = tlsEstablishment;
        }

        /**
         * Whether this is a (D)TLS session establishment failure (the "Notify (D)TLS session
         * establishment Failure Event" of TS 23.334) rather than a TCP or bearer failure.
         */
        public boolean isTlsEstablishment() {
            return tlsEstablishment;
        }
    }

    public BearerFailure {
        expected = List.copyOf(expected);
        received = List.copyOf(received);
    }

    static BearerFailure of(Side side, Kind kind, String detail, Throwable cause) {
        return new BearerFailure(side, kind, detail, List.of(), List.of(), cause);
    }

    @Override
    public String toString() {
        return side + " " + kind + ": " + detail;
    }
}
