package org.mediasec.h248;

/** LocalControl {@code Mode} (H.248.1 §7.1.7). */
public enum StreamMode {
    SEND_ONLY("SendOnly", "SO"),
    RECEIVE_ONLY("ReceiveOnly", "RC"),
    SEND_RECEIVE("SendReceive", "SR"),
    INACTIVE("Inactive", "IN"),
    LOOPBACK("Loopback", "LB");

    private final String token;
    private final String shortToken;

    StreamMode(String token, String shortToken) {
        this.token = token;
        this.shortToken = shortToken;
    }

    /** Long (pretty) token. */
    public String token() {
        return token;
    }

    /** Short (compact) token. */
    public String shortToken() {
        return shortToken;
    }

    /** Case-insensitive lookup by long or short token; null if unknown. */
    public static StreamMode fromToken(String word) {
        for (StreamMode v : values()) {
            if (v.token.equalsIgnoreCase(word) || v.shortToken.equalsIgnoreCase(word)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return token;
    }
}
