package org.mediasec.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.bearer.RelayStats;

/** The final statistics of every relay an AGW closes, in order, for the scenario that is running. */
final class RelayLog {
    private final LinkedBlockingQueue<RelayStats> closed = new LinkedBlockingQueue<>();

    RelayLog(AgwNode agw) {
        agw.contexts().whenRelayClosed(closed::add);
    }

    /** Forgets what closed before (a scenario starts). */
    void clear() {
        closed.clear();
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
