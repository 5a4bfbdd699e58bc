package org.mediasec.lab;

import org.mediasec.common.CertificateFingerprint;

/**
 * What one UE saw of a call's MSRP connection (taken from the UE's own call object, not assumed).
 *
 * @param name            {@code UE-A} or {@code UE-B}
 * @param ownFingerprint  the fingerprint of this UE's certificate, as it put it in its SDP ({@code null} if none)
 * @param e2aeApplied     the SDP it received carried {@code a=3ge2ae:applied}
 * @param tls             whether its MSRP connection was TLS
 * @param tlsVersion      negotiated version, or {@code null}
 * @param cipher          negotiated cipher suite, or {@code null}
 * @param peerVerified    the peer's certificate matched a fingerprint of the SDP it received
 * @param peerFingerprint the fingerprint it matched, or {@code null}
 * @param remoteAddress   {@code host:port} of the far end of its connection (the AGW's access port, or {@code ?})
 */
public record UeEnd(String name, CertificateFingerprint ownFingerprint, boolean e2aeApplied, boolean tls,
                    String tlsVersion, String cipher, boolean peerVerified, CertificateFingerprint peerFingerprint,
                    String remoteAddress) {
}
