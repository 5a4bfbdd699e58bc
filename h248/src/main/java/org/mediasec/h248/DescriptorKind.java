package org.mediasec.h248;

/** Descriptor names with their Annex B long and short tokens. */
public enum DescriptorKind {
    MEDIA("Media", "M"),
    MODEM("Modem", "MD"),
    MUX("Mux", "MX"),
    EVENTS("Events", "E"),
    SIGNALS("Signals", "SG"),
    DIGIT_MAP("DigitMap", "DM"),
    AUDIT("Audit", "AT"),
    OBSERVED_EVENTS("ObservedEvents", "OE"),
    EVENT_BUFFER("EventBuffer", "EB"),
    STATISTICS("Statistics", "SA"),
    PACKAGES("Packages", "PG"),
    SERVICES("Services", "SV"),
    ERROR("Error", "ER");

    private final String token;
    private final String shortToken;

    DescriptorKind(String token, String shortToken) {
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
    public static DescriptorKind fromToken(String word) {
        for (DescriptorKind v : values()) {
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
