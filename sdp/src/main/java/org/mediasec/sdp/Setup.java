package org.mediasec.sdp;

import java.util.Locale;

/**
 * {@code a=setup} (RFC 4145 §4): which end opens the TCP connection, and through RFC 8122 §6.2
 * (TCP/TLS: the {@code setup:active} end is the TLS client) and RFC 8842 §5 (DTLS: the {@code active} end
 * is the DTLS client) which end starts the TLS/DTLS handshake. The offer/answer table is in
 * {@link org.mediasec.sdp.offeranswer.SetupNegotiation}.
 */
public enum Setup {
    /** "The endpoint will initiate an outgoing connection." */
    ACTIVE("active"),
    /** "The endpoint will accept an incoming connection." */
    PASSIVE("passive"),
    /** "The endpoint is willing to accept an incoming connection or to initiate an outgoing connection." */
    ACTPASS("actpass"),
    /** "The endpoint does not want the connection to be established for the time being." */
    HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    /**
     * Parses a setup value (compared ignoring case).
     *
     * @throws IllegalArgumentException naming the expected values
     */
    public static Setup parse(String value) {
        if (value != null) {
            String v = value.toLowerCase(Locale.ROOT);
            for (Setup s : values()) {
                if (s.token.equals(v)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown setup value " + (value == null ? "(none)" : "\"" + value + "\"")
                + " (expected: active, passive, actpass, holdconn)");
    }

    /** The wire token. */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
