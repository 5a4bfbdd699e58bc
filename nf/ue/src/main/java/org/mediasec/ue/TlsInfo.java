package org.mediasec.ue;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.common.CertificateFingerprint;

/**
 * What secured a call's MSRP connection, as this UE saw it.
 *
 * @param secure          TLS was used
 * @param version         the negotiated TLS version ({@code TLSv1.3}), when known
 * @param cipherSuite     the negotiated cipher suite, when known
 * @param peerVerified    the peer's certificate matched the {@code a=fingerprint} of the SDP this UE received
 *                        (the connection is refused otherwise, so a connected TLS call is always verified)
 * @param peerFingerprint the pin from the received SDP that the peer's certificate matched
 * @param localRole       {@code client} (this UE opened the connection) or {@code server}
 * @param remoteAddress   {@code host:port} of the far end of the connection: the IMS-AGW in e2ae, the
 *                        other UE (or a pass-through gateway) in e2e; {@code ?} when not known
 */
public record TlsInfo(boolean secure, Optional<String> version, Optional<String> cipherSuite, boolean peerVerified,
                      Optional<CertificateFingerprint> peerFingerprint, String localRole, String remoteAddress) {
    public TlsInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(peerFingerprint, "peerFingerprint");
        Objects.requireNonNull(localRole, "localRole");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /**
     * One line for people: {@code TLSv1.3 TLS_AES_128_GCM_SHA256, client to 127.0.0.1:31200, peer fingerprint
     * verified sha-256 AB:...}.
     */
    public String summary() {
        return (secure ? version.orElse("TLS") + " " + cipherSuite.orElse("") : "plain TCP") + ", " + localRole
                + " to " + remoteAddress + ", peer fingerprint " + (peerVerified ? "verified " + peerFingerprint
                .map(CertificateFingerprint::toString).orElse("") : "NOT verified");
    }

    @Override
    public String toString() {
        return summary();
    }
}
