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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.common.Bytes;
import org.mediasec.common.TimerService;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpException;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;

/**
 * The state of one MSRP session (RFC 4975 §5-§7): outgoing messages chunked and interleaved,
 * transactions with timeouts, reassembly of incoming messages, success and failure reports.
 *
 * <p>Not thread-safe: every method, timer task and {@link MsrpWire} completion runs on the one
 * thread that owns the session (its event loop in production, the test thread with a manual clock).
 *
 * <p>RFC sentences below marked "recalled" were quoted from memory: the RFC text was not available
 * to check the exact wording when this was written.
 */
public final class MsrpSessionMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpSessionMachine.class);

    /**
     * An open SEND transaction. With Failure-Report "yes" a response is due ({@code expectsResponse});
     * with "partial" only a negative response may come, so the entry just lets one be matched until
     * the transaction timeout silently expires it.
     */
    private record Pending(String messageId, MsrpHeader.ByteRange range, TimerService.Timeout timeout,
                           boolean expectsResponse) {
    }

    private final MsrpUri localUri;
    private final List<MsrpUri> fromPath;
    private final List<MsrpUri> toPath;
    private final MsrpUri remoteUri;
    private final MsrpSessionConfig config;
    private final TimerService timers;
    private final RandomGenerator random;
    private final MsrpSessionListener listener;
    private final String tag;
    private MsrpSession self;

    private MsrpWire wire;
    private final ArrayDeque<OutgoingMessage> queue = new ArrayDeque<>();
    private final Map<String, OutgoingMessage> outgoing = new LinkedHashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, IncomingMessage> incoming = new HashMap<>();
    private final CompletableFuture<Void> connectedFuture = new CompletableFuture<>();
    private List<String> acceptTypes = List.of("*");
    private long peerMaxSize = Long.MAX_VALUE;
    private long inflight;
    private boolean connected;
    private boolean closed;
    private String bindMessageId;

    /**
     * @param localPath  our {@code a=path}; its last URI is ours (From-Path, matched against To-Path)
     * @param remotePath the peer's {@code a=path}, used as To-Path; its last URI is the peer's
     */
    public MsrpSessionMachine(List<MsrpUri> localPath, List<MsrpUri> remotePath, MsrpSessionConfig config,
                              TimerService timers, RandomGenerator random, MsrpSessionListener listener) {
        if (localPath.isEmpty() || remotePath.isEmpty()) {
            throw new IllegalArgumentException("localPath and remotePath: must not be empty");
        }
        this.localUri = localPath.get(localPath.size() - 1);
        this.fromPath = List.of(localUri);
        this.toPath = List.copyOf(remotePath);
        this.remoteUri = toPath.get(toPath.size() - 1);
        this.config = Objects.requireNonNull(config, "config");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.tag = "[sess " + localUri.sessionId().orElse(localUri.authority()) + "]";
    }

    /** The API object handed to {@link MsrpSessionListener#connected}. */
    public void setSelf(MsrpSession self) {
        this.self = self;
    }

    /**
     * Our {@code a=accept-types} (RFC 4975 §8.6): {@code *}, {@code type/*} or {@code type/subtype}.
     * A message of another type gets 415 (RFC 4975 §7.3.1, recalled: a recipient that does not
     * understand the Content-Type answers 415).
     */
    public void setAcceptTypes(List<String> types) {
        this.acceptTypes = List.copyOf(types);
    }

    /** The peer's {@code a=max-size} (RFC 4975 §8.6): larger messages are not sent (413 locally). */
    public void setPeerMaxSize(long octets) {
        this.peerMaxSize = octets;
    }

    public MsrpUri localUri() {
        return localUri;
    }

    public List<MsrpUri> remotePath() {
        return toPath;
    }

    public CompletableFuture<Void> connectedFuture() {
        return connectedFuture;
    }

    public boolean isConnected() {
        return connected;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The connection this session is bound to, or null. */
    public MsrpWire wire() {
        return wire;
    }

    /** Number of messages being reassembled. */
    public int incomingCount() {
        return incoming.size();
    }

    /** Number of open SEND transactions. */
    public int pendingTransactions() {
        return pending.size();
    }

    /** A fresh Message-ID. */
    public String newMessageId() {
        return MsrpTransactionIds.random(random);
    }

    // ------------------------------------------------------------------ binding

    /**
     * Binds the session to a connection. The active side (the one that opened the connection) sends
     * a body-less SEND at once. RFC 4975 §5.4 (recalled wording): "... the active endpoint MUST
     * immediately issue a SEND request. This initial SEND request MAY have a body if the sender has
     * content to send, or it MAY have no body at all." It lets the passive side bind the connection to
     * the session; the session counts as connected when its 200 arrives.
     */
    public void bind(MsrpWire w, boolean active) {
        if (closed) {
            return;
        }
        this.wire = Objects.requireNonNull(w, "wire");
        if (!active) {
            markConnected();
            return;
        }
        bindMessageId = newMessageId();
        MsrpHeader.ByteRange range = new MsrpHeader.ByteRange(1, 0, 0);
        MsrpRequest send = new MsrpRequest(MsrpTransactionIds.random(random), MsrpMethod.SEND, toPath, fromPath,
                List.of(new MsrpHeader.MessageId(bindMessageId), range), Optional.empty(), MsrpContinuation.COMPLETE);
        startTransaction(send.transactionId(), bindMessageId, range, true);
        LOG.debug("{} bound to {} (active): initial SEND {}", tag, w.describe(), send.transactionId());
        w.write(send, cause -> {
            if (cause != null) {
                fail("cannot send the initial SEND on " + w.describe() + ": " + cause);
            }
        });
    }

    /**
     * Passive side: fails the session when no connection binds to it within the transaction
     * timeout (the peer never connected, or its certificate was refused).
     */
    public void expectConnection() {
        if (closed || wire != null) {
            return;
        }
        Duration d = config.transactionTimeout();
        TimerService.Timeout t = timers.schedule(d, () -> {
            if (wire == null && !closed) {
                fail("no connection from the peer within " + d.toSeconds() + " s");
            }
        });
        connectedFuture.whenComplete((v, e) -> t.cancel());
    }

    private void markConnected() {
        if (connected || closed) {
            return;
        }
        connected = true;
        LOG.debug("{} connected over {}", tag, wire.describe());
        connectedFuture.complete(null);
        safe(() -> listener.connected(self));
        pump();
    }

    // ------------------------------------------------------------------ sending

    /** Queues a message (RFC 4975 §7.1.1); chunks of queued messages go out in turn (interleaving). */
    public void send(String messageId, MsrpPayload payload, SendOptions options) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        if (closed) {
            safe(() -> listener.sendFailed(new SendFailure(messageId, MsrpStatus.SESSION_DOES_NOT_EXIST, "session closed")));
            return;
        }
        if (outgoing.containsKey(messageId)) {
            throw new IllegalArgumentException("messageId: " + messageId + " is already being sent");
        }
        if (payload.size() > peerMaxSize) {
            try {
                payload.close();
            } catch (IOException ignored) {
                // not sent anyway
            }
            safe(() -> listener.sendFailed(new SendFailure(messageId, MsrpStatus.STOP_SENDING, "message of "
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
    public void abort(String messageId) {
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

    /** The connection drained below its low-water mark, or a write completed. */
    public void onWritable() {
        pump();
    }

    /** Writes chunks while the connection is writable and the in-flight budget allows (backpressure). */
    private void pump() {
        if (wire == null || !connected || closed) {
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
            writeChunk(m, chunk);
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
        return new MsrpRequest(MsrpTransactionIds.chooseFor(slice, random), MsrpMethod.SEND, toPath, fromPath,
                headers, content, flag);
    }

    private void writeChunk(OutgoingMessage m, MsrpRequest chunk) {
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
                fail("write failed on " + wire.describe() + ": " + cause);
                return;
            }
            if (!m.failed) {
                m.written += size;
                if (size > 0) {
                    safe(() -> listener.progress(m.messageId, true, m.written, m.total));
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
            LOG.debug("{} message {} aborted after {} octets", tag, m.messageId, m.position);
            return;
        }
        LOG.debug("{} message {} sent ({} octets)", tag, m.messageId, m.total);
        safe(() -> listener.messageSent(m.messageId));
    }

    /**
     * A SEND transaction got no response in time. RFC 4975 (recalled, §7.1.1/§10.6): with
     * Failure-Report "yes" the sender waits for the response (30 seconds recommended) and treats a
     * missing one as a failed transaction, as if a 408 had arrived; the application is told as it
     * would be by a failure REPORT.
     */
    private void onTimeout(String tid) {
        Pending p = pending.remove(tid);
        if (p == null || closed || !p.expectsResponse) {
            return;
        }
        Duration d = config.transactionTimeout();
        if (p.messageId.equals(bindMessageId)) {
            fail("no response to the initial SEND within " + d.toSeconds() + " s (408)");
            return;
        }
        OutgoingMessage m = outgoing.get(p.messageId);
        LOG.debug("{} transaction {} of message {} timed out after {}", tag, tid, p.messageId, d);
        safe(() -> listener.reportReceived(new MsrpReport(p.messageId, MsrpStatus.TIMEOUT, p.range, true)));
        if (m != null) {
            m.openTransactions--;
            failMessage(m, MsrpStatus.TIMEOUT, "no response to SEND " + tid + " (bytes " + p.range.value()
                    + ") within " + d.toSeconds() + " s");
        }
    }

    /** A transaction response arrived. */
    public void onResponse(MsrpResponse r) {
        Pending p = pending.remove(r.transactionId());
        if (p == null || closed) {
            LOG.debug("{} response {} to unknown transaction {} ignored", tag, r.status(), r.transactionId());
            return;
        }
        p.timeout.cancel();
        if (p.messageId.equals(bindMessageId)) {
            if (r.status().isSuccess()) {
                markConnected();
            } else {
                fail("the peer refused the session's initial SEND with " + r.status());
            }
            return;
        }
        OutgoingMessage m = outgoing.get(p.messageId);
        if (m == null) {
            if (!r.status().isSuccess()) {
                // Failure-Report "partial": the message counted as sent once written; a late negative
                // response still tells the application it failed.
                for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                    Pending other = it.next();
                    if (other.messageId.equals(p.messageId)) {
                        other.timeout.cancel();
                        it.remove();
                    }
                }
                String reason = "the peer answered " + r.status() + " to bytes " + p.range.value();
                safe(() -> listener.sendFailed(new SendFailure(p.messageId, r.status(), reason)));
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

    private void failMessage(OutgoingMessage m, MsrpStatus status, String reason) {
        if (m.failed) {
            return;
        }
        m.failed = true;
        queue.remove(m);
        outgoing.remove(m.messageId);
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.messageId.equals(m.messageId)) {
                p.timeout.cancel();
                it.remove();
            }
        }
        m.closePayload();
        LOG.debug("{} sending message {} failed: {}", tag, m.messageId, reason);
        safe(() -> listener.sendFailed(new SendFailure(m.messageId, status, reason)));
    }

    // ------------------------------------------------------------------ receiving

    /**
     * A request arrived on connection {@code from}. RFC 4975 §7.3 (recalled): the receiver checks that
     * the first To-Path URI is its own session URI and that the last From-Path URI is the peer's; if
     * not, "the receiver MUST respond with a 481 error". A request for a session bound to another
     * connection gets 506.
     */
    public void onRequest(MsrpWire from, MsrpRequest r) {
        if (closed || !r.toPath().get(0).matches(localUri)
                || !r.fromPath().get(r.fromPath().size() - 1).matches(remoteUri)) {
            LOG.debug("{} {} {} from {} does not match the session paths: 481", tag, r.method(), r.transactionId(),
                    r.fromPath());
            respond(from, r, MsrpStatus.SESSION_DOES_NOT_EXIST);
            return;
        }
        if (wire == null) {
            bind(from, false);
        } else if (wire != from) {
            // RFC 4975 §10.13 (recalled): 506 "indicates that a SEND request arrived for a session that
            // is already bound to another connection"
            respond(from, r, MsrpStatus.SESSION_ALREADY_IN_USE);
            return;
        }
        if (r.method().equals(MsrpMethod.SEND)) {
            onSend(from, r);
        } else if (r.method().equals(MsrpMethod.REPORT)) {
            onReport(r);
        } else {
            respond(from, r, MsrpStatus.METHOD_NOT_UNDERSTOOD);
        }
    }

    private void onSend(MsrpWire from, MsrpRequest r) {
        Optional<MsrpHeader.MessageId> mid = r.messageId();
        if (mid.isEmpty()) {
            respond(from, r, MsrpStatus.UNINTELLIGIBLE);
            return;
        }
        String id = mid.get().id();
        Bytes body = r.body();
        MsrpContinuation flag = r.continuation();
        // RFC 4975 §7.1.1 (recalled): a SEND without Byte-Range carries the whole message, "1-*/*".
        MsrpHeader.ByteRange range = r.byteRange().orElseGet(() -> new MsrpHeader.ByteRange(1,
                MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN));
        if (flag == MsrpContinuation.ABORT) {
            IncomingMessage im = incoming.remove(id);
            if (im != null) {
                im.discard();
            }
            respond(from, r, MsrpStatus.OK);
            LOG.debug("{} peer aborted message {}", tag, id);
            safe(() -> listener.messageAborted(id));
            return;
        }
        IncomingMessage im = incoming.get(id);
        if (im == null) {
            if (r.content().isEmpty() && body.size() == 0 && flag == MsrpContinuation.COMPLETE && range.start() == 1) {
                // a body-less SEND (the opener's first SEND, or a keep-alive): acknowledged, nothing to deliver
                respond(from, r, MsrpStatus.OK);
                return;
            }
            if (r.content().isPresent() && !accepted(r.content().get().contentType())) {
                respond(from, r, MsrpStatus.MIME_NOT_UNDERSTOOD);
                return;
            }
            if (incoming.size() >= config.maxIncomingMessages()) {
                respond(from, r, MsrpStatus.STOP_SENDING);
                return;
            }
            im = new IncomingMessage(id, config);
            incoming.put(id, im);
        }
        long before = im.received();
        MsrpStatus status;
        try {
            status = im.accept(range, r.content().map(MsrpContent::contentType), body, flag,
                    r.successReport(), r.failureReport());
        } catch (IOException e) {
            LOG.warn("{} cannot store message {}: {}", tag, id, e.toString());
            status = MsrpStatus.STOP_SENDING;
        }
        if (!status.isSuccess()) {
            incoming.remove(id);
            im.discard();
            respond(from, r, status);
            // RFC 4975 §7.1.2 (recalled): failure REPORTs are sent unless Failure-Report is "no". A
            // transaction error response already covers a message that had no other chunk; when
            // earlier chunks were acknowledged, the REPORT tells the sender the whole message failed.
            if (r.failureReport() != MsrpHeader.FailureReport.Kind.NO && before > 0) {
                sendReport(id, range.withLength(body.size()), status);
            }
            return;
        }
        respond(from, r, MsrpStatus.OK);
        IncomingMessage m = im;
        safe(() -> listener.progress(id, false, m.received(), m.total()));
        if (im.complete()) {
            incoming.remove(id);
            ReceivedMessage message;
            try {
                message = im.finish();
            } catch (IOException e) {
                im.discard();
                LOG.warn("{} cannot finish message {}: {}", tag, id, e.toString());
                if (im.failureReport() != MsrpHeader.FailureReport.Kind.NO) {
                    sendReport(id, new MsrpHeader.ByteRange(1, im.total(), im.total()), MsrpStatus.STOP_SENDING);
                }
                return;
            }
            if (im.successReport()) {
                // RFC 4975 §7.1.3 (recalled): the recipient of a message with Success-Report "yes" sends a
                // REPORT with Status 200 and a Byte-Range covering the octets received, here the whole message.
                sendReport(id, new MsrpHeader.ByteRange(1, im.total(), im.total()), MsrpStatus.OK);
            }
            LOG.debug("{} message {} received ({} octets, {})", tag, id, message.size(), message.contentType());
            safe(() -> listener.messageReceived(message));
        }
    }

    private boolean accepted(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        for (String a : acceptTypes) {
            String t = a.toLowerCase(java.util.Locale.ROOT);
            if (t.equals("*") || t.equals(type) || (t.endsWith("/*") && type.startsWith(t.substring(0, t.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private void onReport(MsrpRequest r) {
        // RFC 4975 §7.2 (recalled): REPORT requests are never answered with a transaction response.
        Optional<MsrpHeader.MessageId> mid = r.messageId();
        Optional<MsrpHeader.Status> st = r.statusHeader();
        if (mid.isEmpty() || st.isEmpty()) {
            LOG.debug("{} REPORT {} without Message-ID or Status ignored", tag, r.transactionId());
            return;
        }
        String id = mid.get().id();
        MsrpStatus status = st.get().code();
        MsrpHeader.ByteRange range = r.byteRange().orElseGet(() -> new MsrpHeader.ByteRange(1,
                MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN));
        safe(() -> listener.reportReceived(new MsrpReport(id, status, range, false)));
        if (!status.isSuccess()) {
            OutgoingMessage m = outgoing.get(id);
            if (m != null) {
                failMessage(m, status, "failure REPORT " + status + " for bytes " + range.value());
            }
        }
    }

    private void respond(MsrpWire w, MsrpRequest r, MsrpStatus status) {
        // RFC 4975 §7.2 (recalled): responses are sent only as Failure-Report asks: "no" suppresses
        // all of them, "partial" suppresses 200; REPORTs are never answered (MsrpRequest#wantsResponse).
        if (r.wantsResponse(status)) {
            w.write(MsrpResponse.to(r, status), cause -> {
            });
        }
    }

    private void sendReport(String messageId, MsrpHeader.ByteRange range, MsrpStatus status) {
        if (wire == null) {
            return;
        }
        MsrpRequest report = new MsrpRequest(MsrpTransactionIds.random(random), MsrpMethod.REPORT, toPath, fromPath,
                List.of(new MsrpHeader.MessageId(messageId), range, MsrpHeader.Status.of(status)),
                Optional.empty(), MsrpContinuation.COMPLETE);
        wire.write(report, cause -> {
        });
    }

    // ------------------------------------------------------------------ end of life

    /** The connection went away or could not be set up. */
    public void fail(String reason) {
        if (closed) {
            return;
        }
        LOG.debug("{} failed: {}", tag, reason);
        shutdown();
        connectedFuture.completeExceptionally(new MsrpException(MsrpStatus.SESSION_DOES_NOT_EXIST, reason));
        safe(() -> listener.sessionFailed(reason));
    }

    /** Ends the session quietly. */
    public void close() {
        if (closed) {
            return;
        }
        shutdown();
        connectedFuture.completeExceptionally(new MsrpException(MsrpStatus.SESSION_DOES_NOT_EXIST, "session closed"));
    }

    private void shutdown() {
        closed = true;
        for (Pending p : pending.values()) {
            p.timeout.cancel();
        }
        pending.clear();
        for (IncomingMessage im : incoming.values()) {
            im.discard();
        }
        incoming.clear();
        for (OutgoingMessage m : outgoing.values()) {
            m.closePayload();
        }
        outgoing.clear();
        queue.clear();
    }

    private void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("{} session listener threw", tag, e);
        }
    }

    @Override
    public String toString() {
        return "MsrpSessionMachine" + tag;
    }

}
