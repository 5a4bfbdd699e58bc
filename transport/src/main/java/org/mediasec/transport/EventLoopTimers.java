package org.mediasec.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.mediasec.common.Checks;
import org.mediasec.common.TimerService;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A {@link TimerService} on a Netty event loop: tasks run on that loop, so a state machine owned by
 * the loop (a channel's session, a transaction layer) needs no locks.
 */
public final class EventLoopTimers implements TimerService {
    private final EventExecutor executor;

    public EventLoopTimers(EventExecutor executor) {
        this.executor = Checks.notNull(executor, "executor");
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
