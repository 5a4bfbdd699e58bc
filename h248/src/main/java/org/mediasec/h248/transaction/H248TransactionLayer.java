package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.mediasec.common.Checks;
import org.mediasec.common.TimerService;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.DecodeResult;
import org.mediasec.h248.text.H248MiniDecoder;
import org.mediasec.h248.text.RecoveredHeader;
import org.mediasec.h248.transaction.PeerState.Incoming;
import org.mediasec.h248.transaction.PeerState.Outgoing;
import org.mediasec.h248.transaction.PeerState.Queued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H.248.1 transaction layer (§8, Annex D): matches replies to requests by transaction id per
 * peer, repeats requests over UDP with exponential backoff, answers TransactionPending while the user
 * is slow and extends its own wait on a received Pending, answers duplicate requests from a reply
 * cache (kept until a TransactionResponseAck or LONG-TIMER), acknowledges replies that carry
 * ImmAckRequired (acks batched into ranges and piggybacked on requests), processes every transaction
 * of a message, and answers a malformed message with an error descriptor recovered by the mini decoder.
 *
 * <p>Threading: one thread owns the layer (a Netty event loop in production, the test thread with a
 * {@code ManualTimerService}). {@link #receive} and the timers run on it; {@link #sendRequest} may
 * be called from any thread and hops onto {@code executor}. Returned futures complete on that thread.
 */
public final class H248TransactionLayer {
    private static final Logger LOG = LoggerFactory.getLogger(H248TransactionLayer.class);
    private static final long MAX_ID = 0xFFFF_FFFFL;
    /** Stands for the reply of an acknowledged transaction once the real one is released. */
    private static final Transaction.Reply ACKED = Transaction.Reply.error(0, new ErrorDescriptor(ErrorCode.PROTOCOL_ERROR, null));

    private final H248TransactionConfig config;
    private final TimerService timers;
    private final Executor executor;
    private final H248Transport transport;
    private final H248TransactionHandler handler;
    private final H248TransactionEvents events;
    private final int defaultVersion;
    private volatile MId localMId;
    private final Map<InetSocketAddress, PeerState> peers = new HashMap<>();
    private long nextId = 1;

    /**
     * @param localMId       the mId written in every message we send
     * @param defaultVersion protocol version toward a peer until {@link #setVersion} says otherwise
     * @param executor       runs tasks on the thread that owns this layer (the event loop)
     */
    public H248TransactionLayer(H248TransactionConfig config, TimerService timers, Executor executor,
                                H248Transport transport, MId localMId, int defaultVersion,
                                H248TransactionHandler handler, H248TransactionEvents events) {
        this.config = Checks.notNull(config, "config");
        this.timers = Checks.notNull(timers, "timers");
        this.executor = Checks.notNull(executor, "executor");
        this.transport = Checks.notNull(transport, "transport");
        this.localMId = Checks.notNull(localMId, "localMId");
        this.defaultVersion = Checks.inRange(defaultVersion, 1, 3, "defaultVersion");
        this.handler = Checks.notNull(handler, "handler");
        this.events = events == null ? H248TransactionEvents.NONE : events;
    }

    public H248TransactionConfig config() {
        return config;
    }

    public MId localMId() {
        return localMId;
    }

    public void setLocalMId(MId mId) {
        this.localMId = Checks.notNull(mId, "mId");
    }

    /** The executor that owns this layer. */
    public Executor executor() {
        return executor;
    }

    public TimerService timers() {
        return timers;
    }

    /** Sets the protocol version used in messages to {@code peer} (after a ServiceChange negotiated it, §11.3). */
    public void setVersion(InetSocketAddress peer, int version) {
        Checks.inRange(version, 1, 3, "version");
        executor.execute(() -> peer(peer).version = version);
    }

    // ---------------------------------------------------------------- sending requests

    /**
     * Sends a transaction request with these actions to {@code peer}. The future completes with the
     * final reply (which may carry an error descriptor: that is the peer's answer, not a failure), or
     * exceptionally with {@link H248TimeoutException} or {@link H248Exception} (506, too many pendings).
     */
    public CompletableFuture<Transaction.Reply> sendRequest(InetSocketAddress peer, List<ActionRequest> actions) {
        Objects.requireNonNull(peer, "peer");
        List<ActionRequest> copy = List.copyOf(actions);
        CompletableFuture<Transaction.Reply> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                startRequest(peer(peer), copy, future);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /**
     * Sends several transaction requests to {@code peer} in one message (H.248.1 §8: a message may
     * carry several transactions). Each is repeated, answered and completed on its own.
     */
    public List<CompletableFuture<Transaction.Reply>> sendRequests(InetSocketAddress peer,
                                                                   List<List<ActionRequest>> transactions) {
        Objects.requireNonNull(peer, "peer");
        List<List<ActionRequest>> copy = transactions.stream().map(List::copyOf).toList();
        List<CompletableFuture<Transaction.Reply>> futures = copy.stream()
                .map(t -> new CompletableFuture<Transaction.Reply>()).toList();
        executor.execute(() -> {
            PeerState ps = peer(peer);
            boolean outer = ps.batching;
            ps.batching = true;
            try {
                for (int i = 0; i < copy.size(); i++) {
                    try {
                        startRequest(ps, copy.get(i), futures.get(i));
                    } catch (RuntimeException e) {
                        futures.get(i).completeExceptionally(e);
                    }
                }
            } finally {
                ps.batching = outer;
                flushUnlessBatching(ps);
            }
        });
        return futures;
    }

    private void startRequest(PeerState ps, List<ActionRequest> actions, CompletableFuture<Transaction.Reply> future) {
        long id = allocateId(ps);
        Outgoing out = new Outgoing(id, new Transaction.Request(id, actions), future);
        ps.outgoing.put(id, out);
        // the timer first: a transport may deliver the reply before send() returns
        if (transport.reliable()) {
            out.timer = timers.schedule(config.longTimer(), () -> timeOut(ps, out, "no reply within LONG-TIMER"));
        } else {
            out.interval = config.initialRetransmission();
            out.timer = timers.schedule(out.interval, () -> retransmit(ps, out));
        }
        events.requestSent(ps.address, id);
        enqueue(ps, ps.version, out.request);
        flushUnlessBatching(ps);
    }

    private long allocateId(PeerState ps) {
        for (long tries = 0; tries < 1_000_000; tries++) {
            long id = nextId;
            nextId = nextId == MAX_ID ? 1 : nextId + 1;
            if (!ps.outgoing.containsKey(id)) {
                return id;
            }
        }
        throw new H248Exception(ErrorCode.TOO_MANY_TRANSACTIONS, "no free transaction id toward " + ps.address);
    }

    private void retransmit(PeerState ps, Outgoing out) {
        if (ps.outgoing.get(out.id) != out) {
            return;
        }
        if (out.retransmissions >= config.maxRetransmissions()) {
            timeOut(ps, out, out.retransmissions + " retransmissions unanswered");
            return;
        }
        out.retransmissions++;
        events.requestRetransmitted(ps.address, out.id, out.retransmissions);
        LOG.debug("[h248] {} repeat transaction {} ({})", ps.address, out.id, out.retransmissions);
        Duration doubled = out.interval.multipliedBy(2);
        out.interval = doubled.compareTo(config.maxRetransmissionInterval()) > 0 ? config.maxRetransmissionInterval() : doubled;
        out.timer = timers.schedule(out.interval, () -> retransmit(ps, out));
        enqueue(ps, ps.version, out.request);
        flushUnlessBatching(ps);
    }

    private void timeOut(PeerState ps, Outgoing out, String detail) {
        if (ps.outgoing.remove(out.id, out)) {
            events.requestTimedOut(ps.address, out.id);
            LOG.debug("[h248] {} transaction {} timed out: {}", ps.address, out.id, detail);
            out.future.completeExceptionally(new H248TimeoutException(ps.address, out.id, detail));
        }
    }

    // ---------------------------------------------------------------- receiving

    /** One decoded (or malformed) message from {@code peer}. Call on the layer's thread. */
    public void receive(InetSocketAddress peer, DecodeResult result) {
        if (result instanceof DecodeResult.Malformed m) {
            malformed(peer, m);
            return;
        }
        H248Message message = ((DecodeResult.Ok) result).message();
        PeerState ps = peer(peer);
        handler.onMessage(peer, message);
        if (message.body() instanceof ErrorDescriptor error) {
            LOG.debug("[h248] {} message-level error {}", peer, error);
            handler.onMessageError(peer, message, error);
            return;
        }
        ps.batching = true;
        try {
            for (Transaction t : ((TransactionList) message.body()).transactions()) {
                if (t instanceof Transaction.Request r) {
                    request(ps, message, r);
                } else if (t instanceof Transaction.Reply r) {
                    reply(ps, r);
                } else if (t instanceof Transaction.Pending p) {
                    pending(ps, p.id());
                } else if (t instanceof Transaction.ResponseAck a) {
                    ack(ps, a);
                } else {
                    LOG.debug("[h248] {} ignoring {}", peer, t);
                }
            }
        } finally {
            ps.batching = false;
            flush(ps);
        }
    }

    private void request(PeerState ps, H248Message message, Transaction.Request r) {
        Incoming known = ps.incoming.get(r.id());
        if (known != null) {
            // Annex D.1: a repeated request is answered with the reply already sent, or with a
            // TransactionPending while it is still being processed; it is never executed twice.
            // After a TransactionResponseAck the requester has the reply: late copies are ignored.
            if (known.acked) {
                events.duplicateRequest(ps.address, r.id(), true);
            } else if (known.reply != null) {
                events.duplicateRequest(ps.address, r.id(), true);
                enqueue(ps, known.version, known.reply);
            } else {
                events.duplicateRequest(ps.address, r.id(), false);
                sendPending(ps, known);
            }
            return;
        }
        Incoming in = new Incoming(r.id(), message.version());
        ps.incoming.put(r.id(), in);
        CompletableFuture<Transaction.Reply> stage;
        try {
            CompletionStage<Transaction.Reply> s = handler.onRequest(ps.address, message, r);
            stage = s == null ? CompletableFuture.failedFuture(new NullPointerException("handler returned null"))
                    : s.toCompletableFuture();
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage.isDone()) {
            replyReady(ps, in, stage);
        } else {
            in.timer = timers.schedule(config.pendingTimer(), () -> pendingTimerFired(ps, in));
            CompletableFuture<Transaction.Reply> f = stage;
            f.whenComplete((rep, ex) -> executor.execute(() -> {
                replyReady(ps, in, f);
                flushUnlessBatching(ps);
            }));
        }
    }

    private void pendingTimerFired(PeerState ps, Incoming in) {
        if (in.reply != null || ps.incoming.get(in.id) != in) {
            return;
        }
        sendPending(ps, in);
        flushUnlessBatching(ps);
        in.timer = timers.schedule(config.pendingTimer(), () -> pendingTimerFired(ps, in));
    }

    private void sendPending(PeerState ps, Incoming in) {
        events.pendingSent(ps.address, in.id);
        enqueue(ps, in.version, new Transaction.Pending(in.id));
    }

    private void replyReady(PeerState ps, Incoming in, CompletableFuture<Transaction.Reply> stage) {
        if (in.reply != null || ps.incoming.get(in.id) != in) {
            return;
        }
        if (in.timer != null) {
            in.timer.cancel();
        }
        Transaction.Reply given = null;
        Throwable failure = null;
        try {
            given = stage.join();
            if (given == null) {
                failure = new NullPointerException("reply is null");
            }
        } catch (RuntimeException e) {
            failure = e.getCause() != null ? e.getCause() : e;
        }
        Transaction.Reply reply;
        if (failure != null) {
            // style §2.6: a failing user callback is answered with a 500-class error; we keep serving
            LOG.warn("[h248] {} user failed on transaction {}; answering 500", ps.address, in.id, failure);
            events.userFailure(ps.address, in.id, failure);
            reply = Transaction.Reply.error(in.id, new ErrorDescriptor(ErrorCode.INTERNAL_SOFTWARE_FAILURE,
                    ErrorCode.INTERNAL_SOFTWARE_FAILURE.name()));
        } else {
            reply = new Transaction.Reply(in.id, given.immAckRequired() || config.requestAcks(), given.segmentNumber(),
                    given.segmentationComplete(), given.error(), given.actions());
        }
        in.reply = reply;
        enqueue(ps, in.version, reply);
        // Annex D.1.1: the reply is kept for LONG-TIMER (or until acknowledged) to answer repeats
        in.timer = timers.schedule(config.longTimer(), () -> {
            if (ps.incoming.remove(in.id, in)) {
                events.replyExpired(ps.address, in.id);
            }
        });
    }

    private void reply(PeerState ps, Transaction.Reply r) {
        if (r.immAckRequired()) {
            // §8.2.4 / Annex D.1.2: ImmAckRequired asks for a TransactionResponseAck at once; a
            // repeated reply is acknowledged again (our first ack may have been lost)
            queueAck(ps, r.id());
        }
        Outgoing out = ps.outgoing.remove(r.id());
        if (out == null) {
            events.unexpectedReply(ps.address, r.id());
            LOG.debug("[h248] {} reply {} matches no outstanding request", ps.address, r.id());
            return;
        }
        out.timer.cancel();
        out.future.complete(r);
    }

    private void pending(PeerState ps, long id) {
        Outgoing out = ps.outgoing.get(id);
        if (out == null) {
            return;
        }
        events.pendingReceived(ps.address, id);
        out.pendings++;
        out.timer.cancel();
        if (out.pendings > config.maxPendings()) {
            ps.outgoing.remove(id);
            out.future.completeExceptionally(new H248Exception(ErrorCode.TOO_MANY_TRANSACTION_PENDINGS,
                    "more than " + config.maxPendings() + " TransactionPendings for transaction " + id));
            return;
        }
        // §8.2.3: the Pending says the request arrived and is being processed: stop repeating it and
        // wait longer. If nothing more arrives, repeat it (the reply may be lost) with a fresh backoff.
        out.timer = timers.schedule(transport.reliable() ? config.longTimer() : config.pendingWait(), () -> {
            if (ps.outgoing.get(id) != out) {
                return;
            }
            if (transport.reliable()) {
                timeOut(ps, out, "no reply within LONG-TIMER after TransactionPending");
                return;
            }
            out.retransmissions = 0;
            out.interval = config.initialRetransmission();
            out.timer = timers.schedule(out.interval, () -> retransmit(ps, out));
            enqueue(ps, ps.version, out.request);
            flushUnlessBatching(ps);
        });
    }

    private void ack(PeerState ps, Transaction.ResponseAck a) {
        int released = 0;
        for (Transaction.AckRange range : a.ranges()) {
            if (range.last() - range.first() < 64) {
                for (long id = range.first(); id <= range.last(); id++) {
                    released += release(ps, id);
                }
            } else {
                for (Map.Entry<Long, Incoming> e : ps.incoming.entrySet()) {
                    if (e.getKey() >= range.first() && e.getKey() <= range.last()) {
                        released += release(e.getValue());
                    }
                }
            }
        }
        events.ackReceived(ps.address, released);
    }

    private int release(PeerState ps, long id) {
        Incoming in = ps.incoming.get(id);
        return in == null ? 0 : release(in);
    }

    /**
     * Drops the cached reply of an acknowledged transaction. The id stays known until LONG-TIMER
     * (Annex D.1.1), so a copy of the request still in the network is not executed again.
     */
    private static int release(Incoming in) {
        if (in.reply == null || in.acked) {
            return 0;
        }
        in.acked = true;
        in.reply = ACKED;
        return 1;
    }

    private void malformed(InetSocketAddress peer, DecodeResult.Malformed m) {
        RecoveredHeader h = m.recovered();
        if (h.version() == null) {
            // style §2.6: a datagram that is not even an H.248 header is dropped, never answered
            LOG.debug("[h248] {} dropped undecodable input: {}", peer, m.reason());
            events.malformed(peer, m, false);
            return;
        }
        // the mini decoder's answer: a Reply with 403/406 when the request's id was recovered, else
        // a message-level error descriptor (400)
        LOG.debug("[h248] {} malformed message ({}), answering {}", peer, m.reason(), m.errorCode());
        events.malformed(peer, m, true);
        transport.send(peer, H248MiniDecoder.errorReply(m, localMId, 3));
    }

    // ---------------------------------------------------------------- acks and the outbox

    private void queueAck(PeerState ps, long id) {
        ps.acks.add(id);
        if (!config.ackDelay().isZero() && ps.ackTimer == null) {
            ps.ackTimer = timers.schedule(config.ackDelay(), () -> {
                ps.ackTimer = null;
                flushAcks(ps);
            });
        }
    }

    private void flushAcks(PeerState ps) {
        if (!ps.acks.isEmpty()) {
            ps.ackDue = true;
            flush(ps);
        }
    }

    private void enqueue(PeerState ps, int version, Transaction t) {
        ps.outbox.add(new Queued(version, t));
    }

    private void flushUnlessBatching(PeerState ps) {
        if (!ps.batching) {
            flush(ps);
        }
    }

    /**
     * Sends what is queued for {@code ps}, several transactions per message (one message per version).
     * Pending acks ride along whenever anything is sent; alone they wait for {@code ackDelay}.
     */
    private void flush(PeerState ps) {
        boolean acksNow = !ps.acks.isEmpty() && (config.ackDelay().isZero() || ps.ackDue || !ps.outbox.isEmpty());
        if (ps.outbox.isEmpty() && !acksNow) {
            return;
        }
        List<Queued> queued = new ArrayList<>(ps.outbox);
        ps.outbox.clear();
        if (acksNow) {
            queued.add(0, new Queued(ps.version, new Transaction.ResponseAck(PeerState.ranges(ps.acks))));
            events.ackSent(ps.address, ps.acks.size());
            ps.acks.clear();
            ps.ackDue = false;
            if (ps.ackTimer != null) {
                ps.ackTimer.cancel();
                ps.ackTimer = null;
            }
        }
        int i = 0;
        while (i < queued.size()) {
            int version = queued.get(i).version();
            List<Transaction> batch = new ArrayList<>();
            while (i < queued.size() && queued.get(i).version() == version) {
                batch.add(queued.get(i).transaction());
                i++;
            }
            transport.send(ps.address, new H248Message(version, localMId, new TransactionList(batch)));
        }
    }

    // ---------------------------------------------------------------- state

    /** Outstanding requests toward {@code peer} (for tests and diagnostics; call on the layer's thread). */
    public int outstanding(InetSocketAddress peer) {
        PeerState ps = peers.get(peer);
        return ps == null ? 0 : ps.outgoing.size();
    }

    /** Incoming transactions held (being processed or replies cached) for {@code peer}. */
    public int cachedReplies(InetSocketAddress peer) {
        PeerState ps = peers.get(peer);
        return ps == null ? 0 : (int) ps.incoming.values().stream().filter(in -> in.reply != null && !in.acked).count();
    }

    /**
     * Forgets a peer (a closed TCP connection, a lost MG): its outstanding requests fail with
     * {@link H248TimeoutException}, its cached replies and timers go.
     */
    public void forget(InetSocketAddress peer, String reason) {
        executor.execute(() -> {
            PeerState ps = peers.remove(peer);
            if (ps != null) {
                drop(ps, reason);
            }
        });
    }

    /** Forgets every peer (see {@link #forget}); for shutting down. */
    public void close(String reason) {
        executor.execute(() -> {
            List<PeerState> all = new ArrayList<>(peers.values());
            peers.clear();
            all.forEach(ps -> drop(ps, reason));
        });
    }

    private static void drop(PeerState ps, String reason) {
        for (Outgoing out : ps.outgoing.values()) {
            out.timer.cancel();
            out.future.completeExceptionally(new H248TimeoutException(ps.address, out.id, reason));
        }
        ps.outgoing.clear();
        for (Incoming in : ps.incoming.values()) {
            if (in.timer != null) {
                in.timer.cancel();
            }
        }
        ps.incoming.clear();
        if (ps.ackTimer != null) {
            ps.ackTimer.cancel();
        }
    }

    private PeerState peer(InetSocketAddress address) {
        return peers.computeIfAbsent(address, a -> new PeerState(a, defaultVersion));
    }
}
