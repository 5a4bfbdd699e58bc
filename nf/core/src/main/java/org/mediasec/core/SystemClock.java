package org.mediasec.core;

import java.time.Duration;

import org.mediasec.common.TimerService;

/** The JVM's monotonic clock. The core reads time only (binding expiry is checked on use), it schedules nothing. */
final class SystemClock implements TimerService {
    static final SystemClock INSTANCE = new SystemClock();

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
        throw new UnsupportedOperationException("the core schedules no timers");
    }
}
