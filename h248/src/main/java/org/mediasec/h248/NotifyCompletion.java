package org.mediasec.h248;

/** Signal {@code NotifyCompletion} reasons (H.248.1 §7.1.11); ITERATION is version 3. */
public enum NotifyCompletion {
    TIME_OUT("TimeOut", "TO"),
    INTERRUPTED_BY_EVENT("IntByEvent", "IBE"),
    INTERRUPTED_BY_NEW_SIGNALS("IntBySigDescr", "IBS"),
    OTHER_REASON("OtherReason", "OR"),
    ITERATION("Iteration", "IR");

    private final String token;
    private final String shortToken;

    NotifyCompletion(String token, String shortToken) {
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
    public static NotifyCompletion fromToken(String word) {
        for (NotifyCompletion v : values()) {
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
