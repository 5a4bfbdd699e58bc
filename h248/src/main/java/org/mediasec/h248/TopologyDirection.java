package org.mediasec.h248;

/** Topology direction (H.248.1 §7.1.18); the last two are version 3. */
public enum TopologyDirection {
    ISOLATE("Isolate", "IS"),
    ONEWAY("Oneway", "OW"),
    BOTHWAY("Bothway", "BW"),
    ONEWAY_EXTERNAL("OnewayExternal", "OWE"),
    ONEWAY_BOTH("OnewayBoth", "OWB");

    private final String token;
    private final String shortToken;

    TopologyDirection(String token, String shortToken) {
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
    public static TopologyDirection fromToken(String word) {
        for (TopologyDirection v : values()) {
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
