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
 * @param msrpPath     the peer's own {@code a=path} (RFC 4975 §8.2) for MSRP application-aware mode
 *                     (iq-profile.md row 26), empty when not asked for
 */
public record RemoteMedia(MediaEndpoint endpoint, Setup setup, List<CertificateFingerprint> fingerprints,
                          TlsId tlsId, List<String> msrpPath) {
    public RemoteMedia {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isChoose()) {
            throw new IllegalArgumentException("remote endpoint: " + endpoint + " ($ is only for the Local descriptor)");
        }
        fingerprints = List.copyOf(fingerprints);
        msrpPath = Rules.msrpPath(msrpPath, "Remote");
    }

    /** A remote without an MSRP path. */
    public RemoteMedia(MediaEndpoint endpoint, Setup setup, List<CertificateFingerprint> fingerprints, TlsId tlsId) {
        this(endpoint, setup, fingerprints, tlsId, List.of());
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
        return new RemoteMedia(endpoint, setup, fingerprints, tlsId, msrpPath);
    }

    /** This remote with the peer's {@code a=path} (Remote {@code a=path}, iq-profile.md row 26). */
    public RemoteMedia withMsrpPath(List<String> path) {
        return new RemoteMedia(endpoint, setup, fingerprints, tlsId, path);
    }
}
