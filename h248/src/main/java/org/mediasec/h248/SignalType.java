package org.mediasec.h248;

/** Signal type (H.248.1 §7.1.11). */
public enum SignalType {
    BRIEF("Brief", "BR"),
    ON_OFF("OnOff", "OO"),
    TIME_OUT("TimeOut", "TO");

    private final String token;
    private final String shortToken;

    SignalType(String token, String shortToken) {
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
    public static SignalType fromToken(String word) {
        for (SignalType v : values()) {
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
