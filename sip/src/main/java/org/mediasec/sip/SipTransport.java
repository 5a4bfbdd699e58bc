package org.mediasec.sip;

import java.util.Locale;

import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * SIP transports a {@link SipEndpoint} listens on. TLS needs a {@link SipTlsConfig} in the
 * {@link SipStackConfig} and listens on its own port ({@link SipTlsConfig#port()}).
 */
public enum SipTransport {
    UDP,
    TCP,
    /** SIP over TLS over TCP (RFC 3261 §26.2; Via token {@code TLS}, RFC 3261 §18.2.1/§20.42). */
    TLS;

    /** The JAIN-SIP transport name ({@code udp}, {@code tcp}, {@code tls}). */
    public String jainSipName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for TLS: the hop is confidential and its peer authenticated. */
    public boolean isSecure() {
        return this == TLS;
    }

    /**
     * The transport for a Via transport token or configuration word ({@code UDP}, {@code tcp},
     * {@code TLS}, ...), case-insensitive.
     *
     * @throws IllegalArgumentException for anything else (SCTP, WS, ...)
     */
    public static SipTransport ofToken(String token) {
        if (token != null) {
            for (SipTransport t : values()) {
                if (t.name().equalsIgnoreCase(token.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("transport: \"" + token + "\" (expected: udp, tcp or tls)");
    }

    /**
     * The transport toward the hop a URI names, as the JAIN-SIP router picks it: a {@code sips:} URI
     * is always TLS (RFC 3261 §26.2.2: "a SIPS URI specifies that the resource be contacted securely
     * ... using TLS"); otherwise the {@code transport} parameter ({@code udp}, {@code tcp},
     * {@code tls}), else UDP (RFC 3261 §18.1.1 / RFC 3263 §4.1 default for a sip: URI without port
     * hint).
     *
     * @throws IllegalArgumentException for a sips: URI with transport=udp (RFC 3261 §26.2.2: "UDP is
     *                                  not a valid transport for SIPS") or an unsupported transport
     */
    public static SipTransport forUri(URI uri) {
        if (!(uri instanceof SipURI sip)) {
            throw new IllegalArgumentException("uri: " + uri + " (expected: a sip: or sips: URI)");
        }
        String param = sip.getTransportParam();
        if (sip.isSecure()) {
            if (param != null && param.equalsIgnoreCase("udp")) {
                throw new IllegalArgumentException("uri: " + uri + " (UDP is not a valid transport for SIPS, RFC 3261 §26.2.2)");
            }
            return TLS;
        }
        return param == null ? UDP : ofToken(param);
    }

    /** The Via transport token ({@code UDP}, {@code TCP}, {@code TLS}). */
    @Override
    public String toString() {
        return name();
    }
}
