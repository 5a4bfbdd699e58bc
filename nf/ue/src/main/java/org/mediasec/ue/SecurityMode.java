package org.mediasec.ue;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a call's MSRP stream is secured (TS 33.328): end to access edge, where the UE's TLS ends at its
 * IMS-AGW and the offer carries {@code a=3ge2ae:requested} (TS 23.334 §6.2.10.3.1.1.1 step 1), or end to
 * end, where the TLS runs to the other UE through pass-through gateways, authenticated by the
 * fingerprints in SDP, with no {@code 3ge2ae} attribute (its absence signals e2e, specs.md §1.2).
 */
public enum SecurityMode {
    /** TLS to the IMS-AGW; plain MSRP in the core. */
    E2AE("e2ae"),
    /** TLS to the other UE. */
    E2E("e2e");

    private final String token;

    SecurityMode(String token) {
        this.token = token;
    }

    /** The name in configuration files, scenarios and on the command line: {@code e2ae} or {@code e2e}. */
    @JsonValue
    public String token() {
        return token;
    }

    /** Case-insensitive {@code e2ae} or {@code e2e}. */
    @JsonCreator
    public static SecurityMode parse(String token) {
        for (SecurityMode m : values()) {
            if (m.token.equalsIgnoreCase(token.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("security mode: \"" + token + "\" (expected: e2ae or e2e)");
    }

    @Override
    public String toString() {
        return token.toLowerCase(Locale.ROOT);
    }
}
