package org.mediasec.msrp.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.common.Bytes;
import org.mediasec.common.TimerService;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;

/**
 * The sending half of a session (RFC 4975 §7.1.1): queued messages cut into chunks and interleaved
 * round robin, SEND transactions with their timeouts, responses and failure reports that stop a
 * message, and the backpressure that keeps what is queued on the connection bounded.
 */
final class MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);

    /**
     * An open SEND transaction. With Failure-Report "yes" a response is due ({@code expectsResponse});
     * with "partial" only a negative response may come, so the entry just lets one be matched until
     * the transaction timeout silently expires it.
     */
    private record Pending(String messageId, MsrpHeader.ByteRange range, TimerService.Timeout timeout,
                           boolean expectsResponse) {
    }

    private final MsrpSessionMachine session;
    private final MsrpSessionConfig config;
    private final TimerService timers;
    private final RandomGenerator random;
    private final ArrayDeque<OutgoingMessage> queue = new ArrayDeque<>();
    private final Map<String, OutgoingMessage> outgoing = new LinkedHashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private long peerMaxSize = Long.MAX_VALUE;
    private long inflight;
    private String bindMessageId;

    MessageSender(MsrpSessionMachine session, MsrpSessionConfig config, TimerService timers, RandomGenerator random) {
        this.session = session;
        this.config = config;
        this.timers = timers;
        this.random = random;
    }

    void setPeerMaxSize(long octets) {
        this.peerMaxSize = octets;
    }

    int pendingTransactions() {
        return pending.size();
    }

    /** Writes the active side's body-less initial SEND and waits for its response. */
    void sendInitial(MsrpWire w) {
        bindMessageId = MsrpTransactionIds.random(random);
        MsrpHeader.ByteRange range = new MsrpHeader.ByteRange(1, 0, 0);
        MsrpRequest send = new MsrpRequest(MsrpTransactionIds.random(random), MsrpMethod.SEND, session.remotePath(),
                session.fromPath(), List.of(new MsrpHeader.MessageId(bindMessageId), range), Optional.empty(),
                MsrpContinuation.COMPLETE);
        startTransaction(send.transactionId(), bindMessageId, range, true);
        LOG.debug("{} bound to {} (active): initial SEND {}", session.tag(), w.describe(), send.transactionId());
        w.write(send, cause -> {
            if (cause != null) {
                session.fail("cannot send the initial SEND on " + w.describe() + ": " + cause);
            }
        });
    }

    void send(String messageId, MsrpPayload payload, SendOptions options) {
        if (outgoing.containsKey(messageId)) {
            throw new IllegalArgumentException("messageId: " + messageId + " is already being sent");
        }
        if (payload.size() > peerMaxSize) {
            try {
                payload.close();
            } catch (IOException ignored) {
                // not sent anyway
            }
            session.emit(l -> l.sendFailed(new SendFailure(messageId, MsrpStatus.STOP_SENDING, "message of "
                    + payload.size() + " octets exceeds the peer's a=max-size " + peerMaxSize)));
            return;
        }
        OutgoingMessage m = new OutgoingMessage(messageId, payload, options);
        outgoing.put(messageId, m);
        queue.addLast(m);
        pump();
    }

    /**
     * Aborts a message being sent. RFC 4975 §7.1.1 (recalled): a sender that wants to stop sending a
     * message ends the current chunk with the "#" continuation flag; no further chunks follow.
     */
    void abort(String messageId) {
        OutgoingMessage m = outgoing.get(messageId);
        if (m == null || m.failed || m.lastChunkQueued) {
            return;
        }
        if (!m.started()) {
            queue.remove(m);
            outgoing.remove(messageId);
            m.closePayload();
            return;
        }
        m.abortRequested = true;
        pump();
    }

    /** Writes chunks while the connection is writable and the in-flight budget allows (backpressure). */
    void pump() {
        MsrpWire wire = session.wire();
        if (wire == null || !session.isConnected() || session.isClosed()) {
            return;
        }
        while (!queue.isEmpty() && inflight < config.maxInflightBytes() && wire.writable()) {
            OutgoingMessage m = queue.pollFirst();
            if (m.failed) {
                continue;
            }
            MsrpRequest chunk;
            if (m.abortRequested) {
                // body-less chunk ending in '#': Byte-Range start is the next octet, nothing carried
                chunk = request(m, new MsrpHeader.ByteRange(m.position + 1, m.position, m.total), Optional.empty(),
                        MsrpContinuation.ABORT, Bytes.EMPTY);
                m.lastChunkQueued = true;
            } else {
                Bytes slice;
                try {
                    slice = m.nextSlice(config.chunkSize());
                } catch (IOException | RuntimeException e) {
                    failMessage(m, MsrpStatus.UNINTELLIGIBLE, "cannot read the payload: " + e.getMessage());
                    continue;
                }
                long start = m.position + 1;
                m.position += slice.size();
                boolean last = m.position >= m.total;
                m.lastChunkQueued = last;
                chunk = request(m, new MsrpHeader.ByteRange(start, start + slice.size() - 1, m.total),
                        Optional.of(new MsrpContent(m.payload.contentType(), m.payload.mimeHeaders(), slice)),
                        last ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE, slice);
            }
            if (!m.lastChunkQueued) {
                queue.addLast(m); // round robin: the next message's chunk goes before this one's next
            }
            writeChunk(wire, m, chunk);
        }
    }

    private MsrpRequest request(OutgoingMessage m, MsrpHeader.ByteRange range, Optional<MsrpContent> content,
                                MsrpContinuation flag, Bytes slice) {
        List<MsrpHeader> headers = new ArrayList<>(4);
        headers.add(new MsrpHeader.MessageId(m.messageId));
        headers.add(range);
        // RFC 4975 §7.1.1 (recalled): the Success-Report and Failure-Report values must be the same in
        // every chunk of a message; we only write them when they differ from the defaults.
        if (m.options.successReport()) {
            headers.add(MsrpHeader.SuccessReport.YES);
        }
        if (m.options.failureReport() != MsrpHeader.FailureReport.Kind.YES) {
            headers.add(new MsrpHeader.FailureReport(m.options.failureReport()));
        }
        // RFC 4975 §7.1: "The transaction identifier MUST NOT collide with that of other transactions
        // that exist at the same time. Therefore, it MUST contain at least 64 bits of randomness."
        // chooseFor also keeps the end-line out of the body (§7.1).
        return new MsrpRequest(MsrpTransactionIds.chooseFor(slice, random), MsrpMethod.SEND, session.remotePath(),
                session.fromPath(), headers, content, flag);
    }

    private void writeChunk(MsrpWire wire, OutgoingMessage m, MsrpRequest chunk) {
        MsrpHeader.ByteRange range = chunk.byteRange().orElseThrow();
        if (m.options.failureReport() == MsrpHeader.FailureReport.Kind.YES) {
            // Only "yes" makes the receiver answer 200, so only then can a missing response time out.
            m.openTransactions++;
            startTransaction(chunk.transactionId(), m.messageId, range, true);
        } else if (m.options.failureReport() == MsrpHeader.FailureReport.Kind.PARTIAL) {
            startTransaction(chunk.transactionId(), m.messageId, range, false);
        }
        int size = chunk.body().size();
        boolean last = chunk.continuation() != MsrpContinuation.MORE;
        inflight += size;
        wire.write(chunk, cause -> {
            inflight -= size;
            if (cause != null) {
                session.fail("write failed on " + wire.describe() + ": " + cause);
                return;
            }
            if (!m.failed) {
                m.written += size;
                if (size > 0) {
                    session.emit(l -> l.progress(m.messageId, true, m.written, m.total));
                }
                if (last) {
                    m.lastWritten = true;
                    maybeSent(m);
                }
            }
            pump();
        });
    }

    private void startTransaction(String tid, String messageId, MsrpHeader.ByteRange range, boolean expectsResponse) {
        TimerService.Timeout t = timers.schedule(config.transactionTimeout(), () -> onTimeout(tid));
        pending.put(tid, new Pending(messageId, range, t, expectsResponse));
    }

    private void maybeSent(OutgoingMessage m) {
        if (m.failed || !m.lastWritten || m.openTransactions > 0 || outgoing.get(m.messageId) != m) {
            return;
        }
        outgoing.remove(m.messageId);
        m.closePayload();
        if (m.abortRequested) {
            LOG.debug("{} message {} aborted after {} octets", session.tag(), m.messageId, m.position);
            return;
        }
        LOG.debug("{} message {} sent ({} octets)", session.tag(), m.messageId, m.total);
        session.emit(l -> l.messageSent(m.messageId));
    }

    /**
     * A SEND transaction got no response in time. RFC 4975 (recalled, §7.1.1/§10.6): with
     * Failure-Report "yes" the sender waits for the response (30 seconds recommended) and treats a
     * missing one as a failed transaction, as if a 408 had arrived; the application is told as it
     * would be by a failure REPORT.
     */
    private void onTimeout(String tid) {
        Pending p = pending.remove(tid);
        if (p == null || session.isClosed() || !p.expectsResponse) {
            return;
        }
        Duration d = config.transactionTimeout();
        if (p.messageId.equals(bindMessageId)) {
            session.fail("no response to the initial SEND within " + d.toSeconds() + " s (408)");
            return;
        }
        OutgoingMessage m = outgoing.get(p.messageId);
        LOG.debug("{} transaction {} of message {} timed out after {}", session.tag(), tid, p.messageId, d);
        session.emit(l -> l.reportReceived(new MsrpReport(p.messageId, MsrpStatus.TIMEOUT, p.range, true)));
        if (m != null) {
            m.openTransactions--;
            failMessage(m, MsrpStatus.TIMEOUT, "no response to SEND " + tid + " (bytes " + p.range.value()
                    + ") within " + d.toSeconds() + " s");
        }
    }

    /** A transaction response arrived. */
    void onResponse(MsrpResponse r) {
        Pending p = pending.remove(r.transactionId());
        if (p == null || session.isClosed()) {
            LOG.debug("{} response {} to unknown transaction {} ignored", session.tag(), r.status(), r.transactionId());
            return;
        }
        p.timeout.cancel();
        if (p.messageId.equals(bindMessageId)) {
            if (r.status().isSuccess()) {
                session.markConnected();
            } else {
                session.fail("the peer refused the session's initial SEND with " + r.status());
            }
            return;
        }
        OutgoingMessage m = outgoing.get(p.messageId);
        if (m == null) {
            if (!r.status().isSuccess()) {
                // Failure-Report "partial": the message counted as sent once written; a late negative
                // response still tells the application it failed.
                cancelTransactions(p.messageId);
                String reason = "the peer answered " + r.status() + " to bytes " + p.range.value();
                session.emit(l -> l.sendFailed(new SendFailure(p.messageId, r.status(), reason)));
            }
            return;
        }
        if (p.expectsResponse) {
            m.openTransactions--;
        }
        if (r.status().isSuccess()) {
            maybeSent(m);
        } else if (r.status().equals(MsrpStatus.STOP_SENDING)) {
            // RFC 4975 §10.5 (recalled): 413 "indicates that the receiver wishes the sender to stop
            // sending the particular message"; the sender stops and sends no more chunks of it.
            failMessage(m, MsrpStatus.STOP_SENDING, "the peer answered 413 (stop sending) to bytes " + p.range.value());
        } else {
            failMessage(m, r.status(), "the peer answered " + r.status() + " to bytes " + p.range.value());
        }
    }

    /** A failure REPORT from the peer stops the message if it is still being sent. */
    void onFailureReport(String messageId, MsrpStatus status, MsrpHeader.ByteRange range) {
        OutgoingMessage m = outgoing.get(messageId);
        if (m != null) {
            failMessage(m, status, "failure REPORT " + status + " for bytes " + range.value());
        }
    }

    private void failMessage(OutgoingMessage m, MsrpStatus status, String reason) {
        if (m.failed) {
            return;
        }
        m.failed = true;
        queue.remove(m);
        outgoing.remove(m.messageId);
        cancelTransactions(m.messageId);
        m.closePayload();
        LOG.debug("{} sending message {} failed: {}", session.tag(), m.messageId, reason);
        session.emit(l -> l.sendFailed(new SendFailure(m.messageId, status, reason)));
    }

    private void cancelTransactions(String messageId) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.messageId.equals(messageId)) {
                p.timeout.cancel();
                it.remove();
            }
        }
    }

    /** Cancels every timer and closes every payload. */
    void shutdown() {
        for (Pending p : pending.values()) {
            p.timeout.cancel();
        }
        pending.clear();
        for (OutgoingMessage m : outgoing.values()) {
            m.closePayload();
        }
        outgoing.clear();
        queue.clear();
    }
}
