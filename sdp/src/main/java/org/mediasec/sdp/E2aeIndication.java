package org.mediasec.sdp;

import java.util.Locale;

/**
 * {@code a=3ge2ae} (3GPP TS 24.229, IANA-registered, media level): {@code requested} in a UE's
 * offer asks for end-to-access-edge security on the stream; {@code applied} from the network says
 * it is applied (TS 23.334 §6.2.10.3). An open enum: unknown tokens are tolerated (the ABNF of
 * 24.229 was not available verbatim), only the token syntax is checked.
 */
public record E2aeIndication(String token) {
    public static final E2aeIndication REQUESTED = new E2aeIndication("requested");
    public static final E2aeIndication APPLIED = new E2aeIndication("applied");

    public E2aeIndication {
        org.mediasec.common.Checks.token(token, "3ge2ae");
    }

    /** The constant for a known token (ignoring case), else a new instance. */
    public static E2aeIndication of(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("3ge2ae: missing value (expected: requested or applied)");
        }
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "requested" -> REQUESTED;
            case "applied" -> APPLIED;
            default -> new E2aeIndication(token);
        };
    }

    public boolean isKnown() {
        return this.equals(REQUESTED) || this.equals(APPLIED);
    }

    @Override
    public String toString() {
        return token;
    }
}
