package org.mediasec.h248;

/** TerminationState {@code ServiceStates} (H.248.1 §7.1.5). */
public enum ServiceState {
    TEST("Test", "TE"),
    OUT_OF_SERVICE("OutOfService", "OS"),
    IN_SERVICE("InService", "IV");

    private final String token;
    private final String shortToken;

    ServiceState(String token, String shortToken) {
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
    public static ServiceState fromToken(String word) {
        for (ServiceState v : values()) {
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
