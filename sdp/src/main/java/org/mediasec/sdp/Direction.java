package org.mediasec.sdp;

import java.util.Optional;

/**
 * The direction property attributes (RFC 8866 §6.7, RFC 3264 §6.1): {@code a=sendrecv},
 * {@code a=sendonly}, {@code a=recvonly}, {@code a=inactive}. RFC 5547 uses sendonly (push) and
 * recvonly (pull) for file transfer.
 */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String token;

    Direction(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The attribute line value: a property attribute with this name. */
    public Attribute attribute() {
        return Attribute.flag(token);
    }

    /** The direction an answer gives to an offered one (RFC 3264 §6.1): send ↔ receive swap. */
    public Direction answer() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** The direction attribute present at this level, if any (the first one). */
    public static Optional<Direction> of(SdpLevel level) {
        for (Attribute a : level.attributes()) {
            for (Direction d : values()) {
                if (a.isFlag() && a.hasName(d.token)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The direction in effect for a media description: its own attribute, else the session's,
     * else {@link #SENDRECV} (RFC 8866 §6.7: sendrecv is the default).
     */
    public static Direction effective(SessionDescription session, MediaDescription media) {
        return of(media).or(() -> of(session)).orElse(SENDRECV);
    }

    @Override
    public String toString() {
        return token;
    }
}
