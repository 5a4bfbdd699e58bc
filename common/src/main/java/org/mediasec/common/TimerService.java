package org.mediasec.common;

import java.time.Duration;

/**
 * The clock and timers that protocol state machines use (transaction timeouts, retransmissions,
 * pending timers). Injected, so tests step time by hand ({@code org.mediasec.testkit.ManualTimerService})
 * and production runs timers on the event loop that owns the state ({@code org.mediasec.transport.EventLoopTimers}).
 *
 * <p>Implementations run each task at most once, never before its delay has elapsed, and never
 * after {@link Timeout#cancel()} returned true.
 */
public interface TimerService {
    /** Monotonic time in nanoseconds, for measuring intervals only. */
    long nanoTime();

    /** Runs {@code task} once after {@code delay}. */
    Timeout schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    interface Timeout {
        /** Cancels the task; true if it had not run yet (and now never will). */
        boolean cancel();
    }
}
