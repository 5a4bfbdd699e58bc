package org.mediasec.sip.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.mediasec.common.TimerService;

/**
 * A manual clock that SIP threads may schedule on while the test thread advances it. Unlike the
 * testkit's ManualTimerService it runs due tasks outside its lock, so a task may take other locks
 * (the proxy's) without deadlocking against a SIP thread that holds those and schedules here.
 */
final class ThreadSafeManualTimers implements TimerService {
    private final List<Task> tasks = new ArrayList<>();
    private long now;

    private final class Task implements Timeout {
        final long due;
        final Runnable runnable;

        Task(long due, Runnable runnable) {
            this.due = due;
            this.runnable = runnable;
        }

        @Override
        public boolean cancel() {
            synchronized (ThreadSafeManualTimers.this) {
                return tasks.remove(this);
            }
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Timeout schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toNanos(), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward and runs the tasks that fell due, in due order, outside the lock. */
    void advance(Duration d) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            now += d.toNanos();
            for (Task t : List.copyOf(tasks)) {
                if (t.due <= now) {
                    tasks.remove(t);
                    due.add(t);
                }
            }
        }
        due.sort((a, b) -> Long.compare(a.due, b.due));
        due.forEach(t -> t.runnable.run());
    }

    synchronized int pending() {
        return tasks.size();
    }
}
