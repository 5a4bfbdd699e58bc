package org.mediasec.lab;

/**
 * What crossed one leg of a scenario, as the network functions at its ends saw it.
 *
 * @param name         the leg ("UE-A ↔ AGW-A", "AGW-A ↔ AGW-B", "AGW-B ↔ UE-B")
 * @param realm        {@code access} or {@code core}
 * @param protocol     what the leg carried ("MSRP over TLS", "MSRP (plain TCP)", "TLS passed through")
 * @param tls          whether the bytes on the wire were TLS
 * @param tlsVersion   negotiated version ({@code TLSv1.3}), or {@code null} when plain or unknown
 * @param cipher       negotiated cipher suite, or {@code null}
 * @param tlsEnds      who ended the TLS seen on this leg ("UE-A / AGW-A", "UE-A / UE-B (end to end)"), or {@code null}
 * @param fingerprint  what checked the peers' certificates against the SDP fingerprints ("AGW-A ✔ UE-A ✔"), or
 *                     {@code null} when plain
 * @param bytesForward bytes on the wire toward UE-B during the media exchange (until it was quiescent, before
 *                     hang-up); the final count when the exchange did not complete
 * @param bytesBack    bytes on the wire toward UE-A, the same way
 * @param teardownForward bytes toward UE-B after the exchange, until the relay was subtracted (close_notify), or
 *                     -1 when unknown (the exchange did not complete)
 * @param teardownBack the same toward UE-A
 * @param source       where these facts come from ("AGW-A access termination, UE-A tlsInfo")
 */
public record LegReport(String name, String realm, String protocol, boolean tls, String tlsVersion, String cipher,
                        String tlsEnds, String fingerprint, long bytesForward, long bytesBack, long teardownForward,
                        long teardownBack, String source) {
}
