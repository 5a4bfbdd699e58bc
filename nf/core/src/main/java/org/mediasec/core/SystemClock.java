package org.mediasec.core;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.mediasec.common.TimerService;

/**
 * The JVM's monotonic clock, with timers on one shared daemon thread (created on first use). The core
 * reads binding expiry from a clock and schedules only the proxy's timer C (more than 3 minutes).
 */
final class SystemClock implements TimerService {
    static final SystemClock INSTANCE = new SystemClock();

    private static final class Scheduler {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "mediasec-core-timers");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = Scheduler.EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
