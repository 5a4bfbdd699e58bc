package org.mediasec.testkit;

import java.time.Duration;
import java.util.PriorityQueue;

import org.mediasec.common.TimerService;

/**
 * A {@link TimerService} whose time moves only when the test calls {@link #advance(Duration)}.
 * Tasks due at the same instant run in the order they were scheduled. Not thread-safe: drive it
 * from the test thread.
 */
public final class ManualTimerService implements TimerService {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private final class Task implements Timeout, Comparable<Task> {
        final long due;
        final long seq;
        final Runnable runnable;
        boolean done;

        Task(long due, long seq, Runnable runnable) {
            this.due = due;
            this.seq = seq;
            this.runnable = runnable;
        }

        @Override
        public boolean cancel() {
            if (done) {
                return false;
            }
            done = true;
            queue.remove(this);
            return true;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
        }
        Task t = new Task(now + delay.toNanos(), sequence++, task);
        queue.add(t);
        return t;
    }

    /** Moves time forward by {@code d}, running every task that falls due, in due order. */
    public void advance(Duration d) {
        long target = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            now = t.due;
            t.done = true;
            t.runnable.run();
        }
        now = target;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return queue.size();
    }
}
