package org.mediasec.sdp;

/** A role in {@code a=floorctrl} (RFC 8856 §4): floor control client, server, or both. */
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

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
