package org.mediasec.h248.iq;

import java.util.List;
import java.util.Objects;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/**
 * The peer's end of a stream, as the IMS-ALG copies it from the peer's SDP into the H.248 Remote
 * descriptor: address and port ({@code c=}, {@code m=}), the peer's {@code a=setup} as received, and,
 * on a termination where the AGW terminates (D)TLS, the TS 23.334 "Remote certificate fingerprint"
 * ({@code a=fingerprint}, RFC 8122; one line per fingerprint) and the peer's {@code a=tls-id}
 * (RFC 8842).
 *
 * @param endpoint     a concrete address and port (never {@code $})
 * @param setup        the peer's {@code a=setup} as received, or null
 * @param fingerprints the peer's certificate fingerprints (empty on plain terminations, and while unknown)
 * @param tlsId        the peer's {@code a=tls-id}, or null
 */
public record RemoteMedia(MediaEndpoint endpoint, Setup setup, List<CertificateFingerprint> fingerprints,
                          TlsId tlsId) {
    public RemoteMedia {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isChoose()) {
            throw new IllegalArgumentException("remote endpoint: " + endpoint + " ($ is only for the Local descriptor)");
        }
        fingerprints = List.copyOf(fingerprints);
    }

    /** A peer address without TLS information (core side, pass-through). */
    public static RemoteMedia of(String address, int port, Setup setup) {
        return new RemoteMedia(MediaEndpoint.of(address, port), setup, List.of(), null);
    }

    /** A peer address with its certificate fingerprints (access side where the AGW terminates TLS). */
    public static RemoteMedia of(String address, int port, Setup setup, CertificateFingerprint... fingerprints) {
        return new RemoteMedia(MediaEndpoint.of(address, port), setup, List.of(fingerprints), null);
    }

    /** True when the remote carries TLS information (fingerprints or tls-id). */
    public boolean hasTlsInformation() {
        return !fingerprints.isEmpty() || tlsId != null;
    }

    public RemoteMedia withTlsId(TlsId tlsId) {
        return new RemoteMedia(endpoint, setup, fingerprints, tlsId);
    }
}
