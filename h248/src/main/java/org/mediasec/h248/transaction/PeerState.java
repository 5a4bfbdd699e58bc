package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.mediasec.common.TimerService;
import org.mediasec.h248.Transaction;

/** What the {@link H248TransactionLayer} knows about one peer; confined to the layer's thread. */
final class PeerState {
    final InetSocketAddress address;
    int version;
    final Map<Long, Outgoing> outgoing = new HashMap<>();
    final Map<Long, Incoming> incoming = new HashMap<>();
    final TreeSet<Long> acks = new TreeSet<>();
    final List<Queued> outbox = new ArrayList<>();
    TimerService.Timeout ackTimer;
    boolean ackDue;
    boolean batching;

    PeerState(InetSocketAddress address, int version) {
        this.address = address;
        this.version = version;
    }

    static List<Transaction.AckRange> ranges(TreeSet<Long> ids) {
        List<Transaction.AckRange> out = new ArrayList<>();
        long first = -1;
        long last = -1;
        for (long id : ids) {
            if (first >= 0 && id == last + 1) {
                last = id;
                continue;
            }
            if (first >= 0) {
                out.add(new Transaction.AckRange(first, last));
            }
            first = id;
            last = id;
        }
        if (first >= 0) {
            out.add(new Transaction.AckRange(first, last));
        }
        return out;
    }

    /** A transaction waiting in a peer's outbox, with the version of the message it must go in. */
    record Queued(int version, Transaction transaction) {
    }

    /** A request we sent and whose final reply has not come. */
    static final class Outgoing {
        final long id;
        final Transaction.Request request;
        final CompletableFuture<Transaction.Reply> future;
        TimerService.Timeout timer;
        Duration interval;
        int retransmissions;
        int pendings;

        Outgoing(long id, Transaction.Request request, CompletableFuture<Transaction.Reply> future) {
            this.id = id;
            this.request = request;
            this.future = future;
        }
    }

    /** A request we received: being processed ({@code reply} null) or answered (reply cached). */
    static final class Incoming {
        final long id;
        final int version;
        Transaction.Reply reply;
        boolean acked;
        TimerService.Timeout timer;

        Incoming(long id, int version) {
            this.id = id;
            this.version = version;
        }
    }
}
