package org.mediasec.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.bearer.RelayStats;

/**
 * The final statistics of every relay an AGW closes, and every context a Subtract releases, in order,
 * for the scenario that is running.
 */
final class RelayLog {
    private final LinkedBlockingQueue<RelayStats> closed = new LinkedBlockingQueue<>();
    private final java.util.Set<Long> removed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object removal = new Object();

    RelayLog(AgwNode agw) {
        agw.contexts().whenRelayClosed(closed::add);
        agw.contexts().whenContextRemoved(id -> {
            synchronized (removal) {
                removed.add(id);
                removal.notifyAll();
            }
        });
    }

    /** Forgets what closed before (a scenario starts). */
    void clear() {
        closed.clear();
        removed.clear();
    }

    /** Waits at most {@code timeout} until context {@code id} was released by a Subtract; whether it was. */
    boolean awaitRemoved(long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (removal) {
            while (!removed.contains(id)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                removal.wait(left);
            }
            return true;
        }
    }

    /** The next relay to close, waiting at most {@code timeout}; {@code null} when none closed in time. */
    RelayStats next(Duration timeout) throws InterruptedException {
        return closed.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whatever else closed. */
    List<RelayStats> rest() {
        List<RelayStats> l = new ArrayList<>();
        closed.drainTo(l);
        return l;
    }
}
