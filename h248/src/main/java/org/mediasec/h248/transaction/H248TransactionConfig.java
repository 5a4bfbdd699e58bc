package org.mediasec.h248.transaction;

import java.time.Duration;

import org.mediasec.common.Checks;

/**
 * Timers and limits of the {@link H248TransactionLayer} (H.248.1 §8 and Annex D).
 *
 * <p>H.248.1 Annex D.1 leaves the retransmission algorithm to the implementation (D.1.3 suggests
 * an adaptive timer in the manner of TCP); the defaults below are fixed values, each documented
 * with where it comes from. Values marked "our choice" are not taken from the Recommendation.
 *
 * @param initialRetransmission first retransmission of a request over UDP (Annex D.1.3; see {@link #DEFAULT_INITIAL_RETRANSMISSION})
 * @param maxRetransmissionInterval cap of the exponential backoff (doubling) between retransmissions
 * @param maxRetransmissions retransmissions of a request before it fails with {@link H248TimeoutException}
 * @param longTimer LONG-TIMER of Annex D.1.1: how long a reply is kept for duplicate requests when no
 *                  TransactionResponseAck comes, and how long a request waits for its reply over a reliable transport
 * @param pendingTimer provisional response timer: when the user takes longer than this to answer a request,
 *                     a TransactionPending is sent, and again every {@code pendingTimer} (§8.2.3)
 * @param pendingWait how long a requester waits after a TransactionPending before it repeats the request
 * @param maxPendings TransactionPendings accepted for one request before it fails with error 506 (§8.2.3,
 *                    the root package's MGOriginatedPendingLimit / MGCOriginatedPendingLimit)
 * @param ackDelay how long TransactionResponseAcks are held to be batched (zero: sent at the end of the
 *                 message that carried the replies, or piggybacked on a request sent meanwhile)
 * @param requestAcks set ImmAckRequired on every reply we send, so the peer acknowledges it and the reply
 *                    cache is released early (Annex D.1.2)
 */
public record H248TransactionConfig(Duration initialRetransmission, Duration maxRetransmissionInterval,
                                    int maxRetransmissions, Duration longTimer, Duration pendingTimer,
                                    Duration pendingWait, int maxPendings, Duration ackDelay, boolean requestAcks) {

    /** 1 s: our choice, the usual initial RTO of RFC 6298 §2.1 for a link whose round trip is unknown (Annex D.1.3 defers to such an algorithm). */
    public static final Duration DEFAULT_INITIAL_RETRANSMISSION = Duration.ofSeconds(1);
    /** 4 s: our choice; with 1 s, doubling and 5 retransmissions a dead peer is detected after 1+2+4+4+4+4 = 19 s, inside LONG-TIMER. */
    public static final Duration DEFAULT_MAX_RETRANSMISSION_INTERVAL = Duration.ofSeconds(4);
    /** 5: our choice, bounded so that all repetitions end before LONG-TIMER (Annex D.1.1 requires LONG-TIMER to cover them). */
    public static final int DEFAULT_MAX_RETRANSMISSIONS = 5;
    /** 30 s: Annex D.1.1 LONG-TIMER, "a suggested value is 30 seconds" (recalled wording). */
    public static final Duration DEFAULT_LONG_TIMER = Duration.ofSeconds(30);
    /** 500 ms: our choice, below the requester's first retransmission, so that it stops repeating (§8.2.3; root package provisional response timer values). */
    public static final Duration DEFAULT_PENDING_TIMER = Duration.ofMillis(500);
    /** 5 s: our choice; the replier repeats TransactionPending every pending timer, so silence this long means a lost reply. */
    public static final Duration DEFAULT_PENDING_WAIT = Duration.ofSeconds(5);
    /** 30: our choice for the root package's OriginatedPendingLimit (H.248.1 Annex E.2). */
    public static final int DEFAULT_MAX_PENDINGS = 30;

    public static final H248TransactionConfig DEFAULT = new H248TransactionConfig(DEFAULT_INITIAL_RETRANSMISSION,
            DEFAULT_MAX_RETRANSMISSION_INTERVAL, DEFAULT_MAX_RETRANSMISSIONS, DEFAULT_LONG_TIMER, DEFAULT_PENDING_TIMER,
            DEFAULT_PENDING_WAIT, DEFAULT_MAX_PENDINGS, Duration.ZERO, false);

    public H248TransactionConfig {
        positive(initialRetransmission, "initialRetransmission");
        positive(maxRetransmissionInterval, "maxRetransmissionInterval");
        if (maxRetransmissionInterval.compareTo(initialRetransmission) < 0) {
            throw new IllegalArgumentException("maxRetransmissionInterval: " + maxRetransmissionInterval
                    + " (expected: >= initialRetransmission " + initialRetransmission + ")");
        }
        Checks.inRange(maxRetransmissions, 0, 100, "maxRetransmissions");
        positive(longTimer, "longTimer");
        positive(pendingTimer, "pendingTimer");
        positive(pendingWait, "pendingWait");
        Checks.inRange(maxPendings, 0, 1_000_000, "maxPendings");
        Checks.notNull(ackDelay, "ackDelay");
        if (ackDelay.isNegative()) {
            throw new IllegalArgumentException("ackDelay: " + ackDelay + " (expected: >= 0)");
        }
    }

    private static void positive(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    public H248TransactionConfig withRetransmission(Duration initial, Duration maxInterval, int maxRetransmissions) {
        return new H248TransactionConfig(initial, maxInterval, maxRetransmissions, longTimer, pendingTimer, pendingWait,
                maxPendings, ackDelay, requestAcks);
    }

    public H248TransactionConfig withLongTimer(Duration longTimer) {
        return new H248TransactionConfig(initialRetransmission, maxRetransmissionInterval, maxRetransmissions, longTimer,
                pendingTimer, pendingWait, maxPendings, ackDelay, requestAcks);
    }

    public H248TransactionConfig withPending(Duration pendingTimer, Duration pendingWait, int maxPendings) {
        return new H248TransactionConfig(initialRetransmission, maxRetransmissionInterval, maxRetransmissions, longTimer,
                pendingTimer, pendingWait, maxPendings, ackDelay, requestAcks);
    }

    public H248TransactionConfig withAcks(Duration ackDelay, boolean requestAcks) {
        return new H248TransactionConfig(initialRetransmission, maxRetransmissionInterval, maxRetransmissions, longTimer,
                pendingTimer, pendingWait, maxPendings, ackDelay, requestAcks);
    }
}
