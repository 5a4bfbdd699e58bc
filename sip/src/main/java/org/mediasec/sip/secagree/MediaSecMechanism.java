package org.mediasec.sip.secagree;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The media-plane security mechanisms of TS 24.229 Table 7.2A.7.2-2, as they appear with
 * {@code ;mediasec} in the security-agreement headers. None is IANA-registered; tokens outside
 * this list are kept by {@link MediaSecCapabilities} as unknown tokens.
 */
public enum MediaSecMechanism {
    /** e2ae security for MSRP using TLS and certificate fingerprints. */
    MSRP_TLS("msrp-tls"),
    /** e2ae security for BFCP using TLS and certificate fingerprints. */
    BFCP_TLS("bfcp-tls"),
    /** e2ae security for UDPTL (T.38) using DTLS and certificate fingerprints (RFC 7345). */
    UDPTL_DTLS("udptl-dtls"),
    /** e2ae SRTP with SDES key negotiation. */
    SDES_SRTP("sdes-srtp"),
    /** DTLS-SRTP; added by a later 24.229 release (which one is unconfirmed, see specs.md §1.1). */
    DTLS_SRTP("dtls-srtp");

    private static final Map<String, MediaSecMechanism> BY_TOKEN = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(MediaSecMechanism::token, Function.identity()));

    private final String token;

    MediaSecMechanism(String token) {
        this.token = token;
    }

    /** The mechanism name on the wire, e.g. {@code msrp-tls}. */
    public String token() {
        return token;
    }

    /** Case-insensitive lookup of a mechanism name. */
    public static Optional<MediaSecMechanism> fromToken(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return token;
    }
}
