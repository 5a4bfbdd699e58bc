package org.mediasec.h248;

/** TerminationState {@code Buffer} (H.248.1 §7.1.5). */
public enum EventBufferControl {
    OFF("OFF", "OFF"),
    LOCK_STEP("LockStep", "SP");

    private final String token;
    private final String shortToken;

    EventBufferControl(String token, String shortToken) {
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
    public static EventBufferControl fromToken(String word) {
        for (EventBufferControl v : values()) {
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
