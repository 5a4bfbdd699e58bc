package org.mediasec.sdp;

import java.util.Locale;

/**
 * {@code a=connection} (RFC 4145 §5): whether the media uses a new TCP (and TLS) connection or
 * reuses the existing one. Default when absent: {@link #NEW}.
 */
public enum TcpConnection {
    NEW("new"),
    EXISTING("existing");

    private final String token;

    TcpConnection(String token) {
        this.token = token;
    }

    public static TcpConnection parse(String value) {
        if (value != null) {
            String v = value.toLowerCase(Locale.ROOT);
            for (TcpConnection c : values()) {
                if (c.token.equals(v)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown connection value " + (value == null ? "(none)" : "\"" + value + "\"")
                + " (expected: new, existing)");
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
