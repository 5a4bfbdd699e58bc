package org.mediasec.pcscf.sip;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

import javax.sip.header.Header;
import javax.sip.message.Response;

import org.mediasec.common.TimerService;

/**
 * The bound on an established session's life, so that a session whose BYE never comes does not keep its
 * IMS-AGW contexts until the node stops:
 * <ul>
 * <li>{@code limits.max-session-duration}, counted from the first 2xx;</li>
 * <li>the RFC 4028 session interval when the 2xx the P-CSCF relays carries {@code Session-Expires}: §8.2 "The
 *     proxy computes the session expiration as the time when the 2xx response is forwarded upstream, plus the
 *     session interval. This session expiration MUST update any existing session expiration for the session."
 *     A 2xx to a refresh (re-INVITE or UPDATE) re-arms it; one without {@code Session-Expires} turns it off
 *     (the UAs no longer use a session timer).</li>
 * </ul>
 * The P-CSCF only observes the session timer: it inserts no {@code Session-Expires} or {@code Min-SE}
 * (§8.1 makes both a MAY). When a bound passes, {@code expired} is called with the session and the reason.
 */
final class SessionLifetime {
    private final TimerService timers;
    private final Duration maxDuration;
    private final BiConsumer<MediaSession, String> expired;

    SessionLifetime(TimerService timers, Duration maxDuration, BiConsumer<MediaSession, String> expired) {
        this.timers = timers;
        this.maxDuration = maxDuration;
        this.expired = expired;
    }

    /** A 2xx to the session's INVITE, re-INVITE or UPDATE is being relayed. */
    void answered(MediaSession s, Response ok) {
        if (!s.hasMaxTimer()) {
            s.maxTimer(timers.schedule(maxDuration, () -> expired.accept(s,
                    "longer than limits.max-session-duration (" + maxDuration + ")")));
        }
        Optional<Duration> interval = sessionExpires(ok);
        s.refreshTimer(interval.map(i -> timers.schedule(i, () -> expired.accept(s,
                "no session refresh within the session interval of " + i.toSeconds() + " s (RFC 4028)"))).orElse(null));
    }

    /**
     * The session interval of a response, RFC 4028 §4: {@code Session-Expires = ("Session-Expires" / "x") HCOLON
     * delta-seconds *(SEMI se-params)}; empty when absent or malformed.
     */
    static Optional<Duration> sessionExpires(Response r) {
        Header h = r.getHeader("Session-Expires");
        if (h == null) {
            h = r.getHeader("x");
        }
        if (h == null) {
            return Optional.empty();
        }
        String text = h.toString();
        int colon = text.indexOf(':');
        String value = text.substring(colon + 1).split(";", 2)[0].trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
