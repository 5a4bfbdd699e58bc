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
import org.mediasec.msrp.MsrpChunker;
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
 * The sending half of a session (RFC 4975 §7.1.1): queued messages handed to the connection as
 * streams of interruptible chunks ({@link OutgoingStream}) or cut into whole chunks interleaved round
 * robin, SEND transactions with their timeouts (opened per transaction, never per piece), responses and
 * failure reports that stop a message, and the backpressure that keeps what is queued on the connection
 * bounded.
 */
final class MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);

    /**
     * An open SEND transaction. With Failure-Report "yes" a response is due ({@code expectsResponse});
     * with "partial" only a negative response may come, so the entry just lets one be matched until
     * the transaction timeout silently expires it.
     */
    private static final class Pending {
        final String messageId;
        MsrpHeader.ByteRange range;
        final boolean expectsResponse;
        /** Armed when the request's last byte has been handed to the connection. */
        TimerService.Timeout timeout;

        Pending(String messageId, MsrpHeader.ByteRange range, boolean expectsResponse) {
            this.messageId = messageId;
            this.range = range;
            this.expectsResponse = expectsResponse;
        }

        void cancel() {
            if (timeout != null) {
                timeout.cancel();
            }
        }
    }

    /** RFC 4975 §7.1.1: chunks with a larger body must be interruptible, so their range-end is "*". */
    static final int INTERRUPTIBLE_ABOVE = 2048;

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
        MsrpRequest send = new MsrpRequest(MsrpTransactionIds.random(random), MsrpMethod.SEND, session.toPath(),
                session.fromPath(), List.of(new MsrpHeader.MessageId(bindMessageId), range), Optional.empty(),
                MsrpContinuation.COMPLETE);
        Pending p = openTransaction(send.transactionId(), bindMessageId, range, true);
        LOG.debug("{} bound to {} (active): initial SEND {}", session.tag(), w.describe(), send.transactionId());
        w.write(send, cause -> {
            if (cause != null) {
                session.fail("cannot send the initial SEND on " + w.describe() + ": " + cause);
            } else {
                armTimer(send.transactionId(), p);
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
     * Aborts a message being sent with a body-less chunk ending in "#". RFC 4975 §7.1: "If the sender
     * is aborting an incomplete message, and intends to send no further chunks in that message, the
     * flag MUST be a "#"." Its Byte-Range is {@code 1-0/total}: §7.1.1 "a Byte-Range header field
     * referring to nonexistent or zero-length content MUST still have a range-start value of 1".
     */
    void abort(String messageId) {
        OutgoingMessage m = outgoing.get(messageId);
        if (m == null || m.failed || m.lastChunkQueued) {
            return;
        }
        if (m.stream != null) {
            m.abortRequested = true;
            m.stream.stop(); // the connection ends the open chunk with '#', or gives the stream back (onChunkEnd)
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

    /**
     * Hands queued messages to the connection. {@link MsrpSessionConfig.Chunking#FIXED}: whole chunks
     * while the connection is writable and the in-flight budget allows (backpressure).
     * {@link MsrpSessionConfig.Chunking#STREAMED}: a message of more than 2048 octets is handed over as
     * one {@link OutgoingStream} (the connection writes it as interruptible chunks, reading the payload
     * only while writable); smaller ones, and the remainder of 2048 octets or less of a message the
     * connection gave back, go out as whole chunks under the same budget.
     */
    void pump() {
        MsrpWire wire = session.wire();
        if (wire == null || !session.isConnected() || session.isClosed()) {
            return;
        }
        boolean streamed = config.chunking() == MsrpSessionConfig.Chunking.STREAMED;
        while (!queue.isEmpty()) {
            OutgoingMessage m = queue.peekFirst();
            if (m.failed) {
                queue.pollFirst();
                continue;
            }
            if (streamed && !m.abortRequested && m.total - m.position > INTERRUPTIBLE_ABOVE) {
                queue.pollFirst();
                submit(wire, m);
                continue;
            }
            // a streamed chunk keeps the channel at its high-water mark while it runs: whole messages then
            // wait for the in-flight budget only, and the connection interrupts the stream for them
            if (inflight >= config.maxInflightBytes() || (!streamed && !wire.writable())) {
                break;
            }
            queue.pollFirst();
            MsrpRequest chunk = nextChunk(m, streamed ? INTERRUPTIBLE_ABOVE : config.chunkSize());
            if (chunk == null) {
                continue;
            }
            if (!m.lastChunkQueued) {
                queue.addLast(m); // round robin: the next message's chunk goes before this one's next
            }
            writeChunk(wire, m, chunk);
        }
    }

    /** The next whole chunk of {@code m} (at most {@code size} octets), or its '#' chunk; null if the payload failed. */
    private MsrpRequest nextChunk(OutgoingMessage m, int size) {
        if (m.abortRequested) {
            // body-less chunk ending in '#': Byte-Range start is the next octet, nothing carried
            List<MsrpHeader> headers = new ArrayList<>(4);
            headers.add(new MsrpHeader.MessageId(m.messageId));
            headers.add(new MsrpHeader.ByteRange(1, 0, m.total));
            headers.addAll(reportHeaders(m));
            m.lastChunkQueued = true;
            return new MsrpRequest(MsrpTransactionIds.random(random), MsrpMethod.SEND, session.toPath(),
                    session.fromPath(), headers, Optional.empty(), MsrpContinuation.ABORT);
        }
        Bytes slice;
        try {
            slice = m.nextSlice(size);
        } catch (IOException | RuntimeException e) {
            failMessage(m, MsrpStatus.UNINTELLIGIBLE, "cannot read the payload: " + e.getMessage());
            return null;
        }
        long start = m.position + 1;
        m.position += slice.size();
        boolean last = m.position >= m.total;
        m.lastChunkQueued = last;
        MsrpRequest chunk = MsrpChunker.chunk(session.toPath(), session.fromPath(), m.messageId,
                new MsrpContent(m.payload.contentType(), m.payload.mimeHeaders(), slice), start, m.total,
                reportHeaders(m), last, random);
        if (slice.size() > INTERRUPTIBLE_ABOVE) {
            // RFC 4975 §7.1.1: "senders MUST NOT send chunks with a body larger than 2048 octets unless
            // they are prepared to interrupt them (meaning that any chunk with a body of greater than 2048
            // octets will have a "*" character in the range-end field)". FIXED chunking writes such a
            // chunk whole (other traffic waits for it); STREAMED never builds one.
            chunk = chunk.withHeader(new MsrpHeader.ByteRange(start, MsrpHeader.ByteRange.UNKNOWN, m.total));
        }
        return chunk;
    }

    /** Hands {@code m} from its current position to the connection as interruptible chunks. */
    private void submit(MsrpWire wire, OutgoingMessage m) {
        OutgoingStream s = new OutgoingStream(session.toPath(), session.fromPath(), m.messageId, reportHeaders(m),
                m.payload, m.position, config.chunkSize(), end -> onChunkEnd(m, end));
        m.stream = s;
        wire.stream(s);
    }

    /**
     * The connection ended a transaction of a streamed message (its end-line is handed to the
     * connection, so the transaction timer starts now; RFC 4975 §7.1.1 counts "from the time the last
     * byte of the transaction is sent, or submitted to the operating system for sending"), or gave the
     * stream back.
     */
    private void onChunkEnd(OutgoingMessage m, ChunkEnd end) {
        if (end.released()) {
            m.stream = null;
        }
        if (m.failed || session.isClosed() || outgoing.get(m.messageId) != m) {
            if (end.released()) {
                m.closePayload();
            }
            return;
        }
        if (end.transactionId() != null) {
            m.position = end.nextPosition();
            MsrpHeader.ByteRange range = end.octets() == 0 ? new MsrpHeader.ByteRange(end.start(), end.start() - 1, m.total)
                    : MsrpHeader.ByteRange.ofChunk(end.start(), end.octets(), m.total);
            Pending p = openTransaction(end.transactionId(), m);
            if (p != null) {
                p.range = range;
                armTimer(end.transactionId(), p);
            }
            if (end.octets() > 0) {
                m.written += end.octets();
                session.emit(l -> l.progress(m.messageId, true, m.written, m.total));
            }
        }
        if (end.failure() != null) {
            failMessage(m, end.failure(), end.reason());
            return;
        }
        switch (end.flag()) {
            case COMPLETE -> {
                m.abortRequested = false; // the last chunk went out before the abort could stop it
                m.lastChunkQueued = true;
                m.lastWritten = true;
                maybeSent(m);
            }
            case ABORT -> {
                if (end.transactionId() != null) {
                    m.lastChunkQueued = true; // the open chunk ended with '#'
                    m.lastWritten = true;
                    maybeSent(m);
                } else if (m.started()) {
                    queue.addLast(m); // nothing open on the wire: a body-less '#' chunk ends the message
                    pump();
                } else {
                    outgoing.remove(m.messageId);
                    m.closePayload();
                }
            }
            case MORE -> {
                // the connection carries on with a new transaction at the next octet
            }
        }
    }

    /**
     * RFC 4975 §7.1.1: "All chunks of the same message MUST use the same Failure-Report and
     * Success-Report values in their SEND requests." They are written only when not the defaults. Transaction
     * ids come from {@link MsrpChunker#chunk} / {@link MsrpTransactionIds}: RFC 4975 §7.1 "The
     * transaction identifier MUST NOT collide with that of other transactions that exist at the same
     * time. Therefore, it MUST contain at least 64 bits of randomness." (16 alphanumerics, ~95 bits).
     */
    private static List<MsrpHeader> reportHeaders(OutgoingMessage m) {
        List<MsrpHeader> headers = new ArrayList<>(2);
        if (m.options.successReport()) {
            headers.add(MsrpHeader.SuccessReport.YES);
        }
        if (m.options.failureReport() != MsrpHeader.FailureReport.Kind.YES) {
            headers.add(new MsrpHeader.FailureReport(m.options.failureReport()));
        }
        return headers;
    }

    private void writeChunk(MsrpWire wire, OutgoingMessage m, MsrpRequest chunk) {
        int size = chunk.body().size();
        MsrpHeader.ByteRange wireRange = chunk.byteRange().orElseThrow();
        MsrpHeader.ByteRange range = chunk.continuation() == MsrpContinuation.ABORT ? wireRange
                : MsrpHeader.ByteRange.ofChunk(wireRange.start(), size, m.total);
        String tid = chunk.transactionId();
        Pending transaction = openTransaction(tid, m);
        if (transaction != null) {
            transaction.range = range;
        }
        boolean last = chunk.continuation() != MsrpContinuation.MORE;
        inflight += size;
        wire.write(chunk, cause -> {
            inflight -= size;
            if (cause != null) {
                session.fail("write failed on " + wire.describe() + ": " + cause);
                return;
            }
            if (transaction != null) {
                armTimer(tid, transaction);
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

    /**
     * Opens the transaction of a chunk of {@code m} when a response may come: only "yes" makes the
     * receiver answer 200, so only then can a missing response time out; under "partial" only a
     * negative response can be matched; under "no" nothing. Null under "no".
     */
    private Pending openTransaction(String tid, OutgoingMessage m) {
        if (m.options.failureReport() == MsrpHeader.FailureReport.Kind.YES) {
            m.openTransactions++;
            return openTransaction(tid, m.messageId, null, true);
        } else if (m.options.failureReport() == MsrpHeader.FailureReport.Kind.PARTIAL) {
            return openTransaction(tid, m.messageId, null, false);
        }
        return null;
    }

    private Pending openTransaction(String tid, String messageId, MsrpHeader.ByteRange range, boolean expectsResponse) {
        Pending p = new Pending(messageId, range, expectsResponse);
        pending.put(tid, p);
        return p;
    }

    /**
     * Starts the transaction timer once the request is written. RFC 4975 §7.1.1: "If the value of
     * "Failure-Report" is set to "yes", then the sender of the request runs a timer. If a 200 response
     * to the transaction is not received within 30 seconds from the time the last byte of the
     * transaction is sent, or submitted to the operating system for sending, the element MUST inform
     * the user that the request probably failed." Under "partial" the entry expires silently.
     */
    private void armTimer(String tid, Pending p) {
        if (pending.get(tid) == p && !session.isClosed()) {
            p.timeout = timers.schedule(config.transactionTimeout(), () -> onTimeout(tid));
        }
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

    /** A SEND transaction got no response in time: the message fails with 408 (see {@link #armTimer}). */
    private void onTimeout(String tid) {
        Pending p = pending.remove(tid);
        if (p == null || session.isClosed() || !p.expectsResponse) {
            return;
        }
        Duration d = config.transactionTimeout();
        LOG.debug("{} transaction {} of message {} timed out after {}", session.tag(), tid, p.messageId, d);
        timedOut(p, "no response to SEND " + tid + " (bytes " + p.range.value() + ") within " + d.toSeconds() + " s");
    }

    /**
     * The user is told of a transaction that timed out as a failure report with 408 (a local one:
     * nothing crossed the wire) and the message stops.
     */
    private void timedOut(Pending p, String reason) {
        if (p.messageId.equals(bindMessageId)) {
            session.fail("initial SEND failed: " + reason + " (408)");
            return;
        }
        session.emit(l -> l.reportReceived(new MsrpReport(p.messageId, MsrpStatus.TIMEOUT, p.range, true)));
        OutgoingMessage m = outgoing.get(p.messageId);
        if (m != null) {
            if (p.expectsResponse) {
                m.openTransactions--;
            }
            failMessage(m, MsrpStatus.TIMEOUT, reason);
        }
    }

    /** A transaction response arrived. */
    void onResponse(MsrpResponse r) {
        Pending p = pending.remove(r.transactionId());
        if (p == null || session.isClosed()) {
            LOG.debug("{} response {} to unknown transaction {} ignored", session.tag(), r.status(), r.transactionId());
            return;
        }
        p.cancel();
        if (r.status().equals(MsrpStatus.TIMEOUT)) {
            // RFC 4975 §10.4: "An endpoint MUST treat a 408 response in the same manner as it would
            // treat a local timeout."
            timedOut(p, "the peer answered 408 to bytes " + p.range.value());
            return;
        }
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
                // Failure-Report "partial": the message counted as sent once written. RFC 4975 §7.1.1: "If
                // the value is set to "partial", then the element sending the transaction does not have
                // to run a timer, but MUST inform the user if it receives a non-recoverable error
                // response to the transaction."
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
            // RFC 4975 §10.5: "If a message sender receives a 413 in a response, or in a REPORT request,
            // it MUST NOT send any further chunks in the message, that is, any further chunks with the
            // same Message-ID value." A streamed chunk in progress ends with '#' (releasePayload).
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
        releasePayload(m);
        LOG.debug("{} sending message {} failed: {}", session.tag(), m.messageId, reason);
        session.emit(l -> l.sendFailed(new SendFailure(m.messageId, status, reason)));
    }

    /**
     * Closes the payload, or, while the connection reads it (a stream not given back), stops the
     * stream: the payload is closed when the connection gives it back ({@link #onChunkEnd}). RFC 4975
     * §10.5: "If the sender receives the 413 while in the process of sending a chunk, and the chunk is
     * interruptible, the sender MUST interrupt it."
     */
    private void releasePayload(OutgoingMessage m) {
        if (m.stream != null) {
            m.stream.stop();
        } else {
            m.closePayload();
        }
    }

    private void cancelTransactions(String messageId) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.messageId.equals(messageId)) {
                p.cancel();
                it.remove();
            }
        }
    }

    /** Cancels every timer and closes every payload. */
    void shutdown() {
        for (Pending p : pending.values()) {
            p.cancel();
        }
        pending.clear();
        for (OutgoingMessage m : outgoing.values()) {
            releasePayload(m);
        }
        outgoing.clear();
        queue.clear();
    }
}
