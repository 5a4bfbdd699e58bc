package org.mediasec.sdp.offeranswer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mediasec.sdp.Setup;

/**
 * The RFC 4145 §4.1 offer/answer rules for {@code a=setup}, as pure functions.
 *
 * <pre>
 *   Offer      Answer
 *   ________________
 *   active     passive / holdconn
 *   passive    active / holdconn
 *   actpass    active / passive / holdconn
 *   holdconn   holdconn
 * </pre>
 *
 * "The default value of the setup attribute in an offer/answer exchange is 'active' in the offer
 * and 'passive' in the answer" (RFC 4145 §4.1).
 */
public final class SetupNegotiation {
    /** RFC 4145 §4.1 default for an offer without {@code a=setup}. */
    public static final Setup DEFAULT_OFFER = Setup.ACTIVE;
    /** RFC 4145 §4.1 default for an answer without {@code a=setup}. */
    public static final Setup DEFAULT_ANSWER = Setup.PASSIVE;

    /**
     * The port an {@code active} TCP endpoint puts on its m-line: "the endpoint using the value
     * 'active' SHOULD specify a port number of 9 (the discard port)" (RFC 4145 §4.1; RFC 6135 §4.2.2
     * and RFC 8856 §4 repeat it for MSRP and BFCP).
     */
    public static final int DISCARD_PORT = 9;

    private SetupNegotiation() {
    }

    /**
     * An MSRP peer's setup value as RFC 6135 §4.2.1 wants it read: "If an MSRP UA receives the
     * "holdconn" attribute value, it MUST ignore it and process the message as if it did not contain
     * an a=setup attribute."
     */
    public static Optional<Setup> forMsrp(Optional<Setup> received) {
        return received.filter(s -> s != Setup.HOLDCONN);
    }

    /** The answers RFC 4145 allows for an offered value. */
    public static Set<Setup> allowedAnswers(Setup offer) {
        return switch (Objects.requireNonNull(offer, "offer")) {
            case ACTIVE -> EnumSet.of(Setup.PASSIVE, Setup.HOLDCONN);
            case PASSIVE -> EnumSet.of(Setup.ACTIVE, Setup.HOLDCONN);
            case ACTPASS -> EnumSet.of(Setup.ACTIVE, Setup.PASSIVE, Setup.HOLDCONN);
            case HOLDCONN -> EnumSet.of(Setup.HOLDCONN);
        };
    }

    public static boolean isValidAnswer(Setup offer, Setup answer) {
        return allowedAnswers(offer).contains(Objects.requireNonNull(answer, "answer"));
    }

    /**
     * The answer to an offered setup value: actpass → {@code preferred} (active or passive);
     * active → passive; passive → active; holdconn → holdconn.
     *
     * @param preferred what to answer to actpass: {@link Setup#ACTIVE} (for DTLS-SRTP RFC 5763 §5 says
     *                  "setup:active is RECOMMENDED", so the handshake runs in parallel with the answer)
     *                  or {@link Setup#PASSIVE} (RFC 6135 §4.2.2: an MSRP answerer "SHOULD include an
     *                  a=setup "passive" attribute value if it knows that it is not located behind a NAT")
     */
    public static Setup answer(Setup offer, Setup preferred) {
        Objects.requireNonNull(offer, "offer");
        if (preferred != Setup.ACTIVE && preferred != Setup.PASSIVE) {
            throw new IllegalArgumentException("preferred: " + preferred + " (expected: active or passive)");
        }
        return switch (offer) {
            case ACTIVE -> Setup.PASSIVE;
            case PASSIVE -> Setup.ACTIVE;
            case ACTPASS -> preferred;
            case HOLDCONN -> Setup.HOLDCONN;
        };
    }

    /**
     * Derives the roles from an offer and its answer.
     *
     * @throws IllegalArgumentException when the answer is not allowed for the offer (e.g.
     *                                  active/active, or an actpass answer)
     */
    public static ConnectionRoles roles(Setup offer, Setup answer) {
        if (!isValidAnswer(offer, answer)) {
            throw new IllegalArgumentException("a=setup:" + answer + " is not a valid answer to a=setup:" + offer
                    + " (RFC 4145 §4.1 allows " + allowedAnswers(offer) + ")");
        }
        Side active;
        if (answer == Setup.HOLDCONN) {
            active = null;
        } else if (answer == Setup.ACTIVE) {
            active = Side.ANSWERER;
        } else {
            active = Side.OFFERER;
        }
        return new ConnectionRoles(offer, answer, active);
    }

    /** Like {@link #roles(Setup, Setup)}, applying the RFC 4145 defaults to missing values. */
    public static ConnectionRoles roles(Optional<Setup> offer, Optional<Setup> answer) {
        return roles(offer.orElse(DEFAULT_OFFER), answer.orElse(DEFAULT_ANSWER));
    }
}
