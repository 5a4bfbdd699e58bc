package org.mediasec.sdp;

/** A role in {@code a=floorctrl} (RFC 8856 §5.1): floor control client, server, or (RFC 4583 only) both. */
public enum FloorControlRole {
    C_ONLY("c-only"),
    S_ONLY("s-only"),
    C_S("c-s");

    private final String token;

    FloorControlRole(String token) {
        this.token = token;
    }

    public static FloorControlRole parse(String value) {
        for (FloorControlRole r : values()) {
            if (r.token.equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown floorctrl role \"" + value + "\" (expected: c-only, s-only, c-s)");
    }

    /**
     * The roles an offer allows, with the RFC 4583 value {@code c-s} read as {@code c-only s-only}:
     * RFC 8856 §5.1 "MUST NOT include the "c-s" 'floorctrl' attribute value in an offer or in an
     * answer but MUST accept the attribute value in an offer and process it as equivalent to
     * "c-only s-only"". An absent attribute means the offerer is client, the answerer server.
     */
    public static java.util.EnumSet<FloorControlRole> offered(java.util.List<FloorControlRole> roles) {
        java.util.EnumSet<FloorControlRole> out = java.util.EnumSet.noneOf(FloorControlRole.class);
        for (FloorControlRole r : roles) {
            if (r == C_S) {
                out.add(C_ONLY);
                out.add(S_ONLY);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The role the other side takes (RFC 8856 Table 1): c-only ↔ s-only. */
    public FloorControlRole opposite() {
        return switch (this) {
            case C_ONLY -> S_ONLY;
            case S_ONLY -> C_ONLY;
            case C_S -> C_S;
        };
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
