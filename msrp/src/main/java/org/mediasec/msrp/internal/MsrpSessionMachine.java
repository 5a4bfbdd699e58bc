package org.mediasec.msrp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.common.TimerService;
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
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;

/**
 * The state of one MSRP session (RFC 4975 §5-§7): binding to a connection, session matching of
 * incoming requests, and the session's life; sending is {@link MessageSender}, receiving
 * {@link MessageReceiver}.
 *
 * <p>Not thread-safe: every method, timer task and {@link MsrpWire} completion runs on the one
 * thread that owns the session (its event loop in production, the test thread with a manual clock).
 *
 * <p>RFC sentences quoted in this package were checked against the text of RFC 4975 (and RFC 6135,
 * RFC 6714, RFC 5547 for the SDP side).
 */
public final class MsrpSessionMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpSessionMachine.class);

    private final MsrpUri localUri;
    private final List<MsrpUri> fromPath;
    private final List<MsrpUri> remotePath;
    private final List<MsrpUri> toPath;
    private final MsrpUri remoteUri;
    private final MsrpSessionConfig config;
    private final TimerService timers;
    private final RandomGenerator random;
    private final MsrpSessionListener listener;
    private final String tag;
    private final MessageSender sender;
    private final MessageReceiver receiver;
    private final CompletableFuture<Void> connectedFuture = new CompletableFuture<>();
    private MsrpSession self;
    private MsrpWire wire;
    private boolean connected;
    private boolean closed;

    /**
     * @param localPath  our {@code a=path}; its last URI is ours (From-Path, matched against To-Path).
     *                   URIs before it are the Use-Path of our RFC 4976 relay, reversed (see {@link #toPath})
     * @param remotePath the peer's {@code a=path}; its last URI is the peer's
     */
    public MsrpSessionMachine(List<MsrpUri> localPath, List<MsrpUri> remotePath, MsrpSessionConfig config,
                              TimerService timers, RandomGenerator random, MsrpSessionListener listener) {
        if (localPath.isEmpty() || remotePath.isEmpty()) {
            throw new IllegalArgumentException("localPath and remotePath: must not be empty");
        }
        this.localUri = localPath.get(localPath.size() - 1);
        this.fromPath = List.of(localUri);
        this.remotePath = List.copyOf(remotePath);
        this.toPath = toPath(localPath, this.remotePath);
        this.remoteUri = this.remotePath.get(this.remotePath.size() - 1);
        this.config = Objects.requireNonNull(config, "config");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.tag = "[sess " + localUri.sessionId().orElse(localUri.authority()) + "]";
        this.sender = new MessageSender(this, config, timers, random);
        this.receiver = new MessageReceiver(this, config);
    }

    /** The API object handed to {@link MsrpSessionListener#connected}. */
    public void setSelf(MsrpSession self) {
        this.self = self;
    }

    /**
     * Our {@code a=accept-types} (RFC 4975 §8.6): {@code *}, {@code type/*} or {@code type/subtype}.
     * A message of another type gets 415.
     */
    public void setAcceptTypes(List<String> types) {
        receiver.setAcceptTypes(types);
    }

    /** The peer's {@code a=max-size} (RFC 4975 §8.6): larger messages are not sent (413 locally). */
    public void setPeerMaxSize(long octets) {
        sender.setPeerMaxSize(octets);
    }

    public MsrpUri localUri() {
        return localUri;
    }

    /** The peer's {@code a=path}. */
    public List<MsrpUri> remotePath() {
        return remotePath;
    }

    /** The To-Path of our requests: our relay's Use-Path (if any), then the peer's {@code a=path}. */
    public List<MsrpUri> toPath() {
        return toPath;
    }

    /**
     * RFC 4976 §5.1: "To form the To-Path header for outgoing requests, the client takes the list of
     * URIs in the Use-Path header after the outermost authentication and appends the list of URIs
     * provided in the path attribute in the peer's session description. To form the SDP path
     * attribute to provide to the peer, the client reverses the list of URIs in the Use-Path header
     * (after the outermost authentication), and appends the client's own URI." So the Use-Path is our
     * {@code a=path} without its last URI, reversed; without a relay it is empty and the To-Path is the
     * peer's {@code a=path} (RFC 4975 §7.1).
     */
    static List<MsrpUri> toPath(List<MsrpUri> localPath, List<MsrpUri> remotePath) {
        if (localPath.size() == 1) {
            return List.copyOf(remotePath);
        }
        List<MsrpUri> out = new ArrayList<>(localPath.size() - 1 + remotePath.size());
        for (int i = localPath.size() - 2; i >= 0; i--) {
            out.add(localPath.get(i));
        }
        out.addAll(remotePath);
        return List.copyOf(out);
    }

    List<MsrpUri> fromPath() {
        return fromPath;
    }

    String tag() {
        return tag;
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
        return receiver.incomingCount();
    }

    /** Number of open SEND transactions. */
    public int pendingTransactions() {
        return sender.pendingTransactions();
    }

    /** A fresh Message-ID. */
    public String newMessageId() {
        return MsrpTransactionIds.random(random);
    }

    // ------------------------------------------------------------------ binding

    /**
     * Binds the session to a connection. The active side (the one that opened the connection) sends
     * a body-less SEND at once. RFC 4975 §5.4: "Likewise, the active endpoint MUST immediately issue a
     * SEND request. This initial SEND request MAY have a body if the sender has content to send, or it
     * MAY have no body at all." It lets the passive side bind the connection to the session; the
     * session counts as connected when its 200 arrives.
     */
    public void bind(MsrpWire w, boolean active) {
        if (closed) {
            return;
        }
        this.wire = Objects.requireNonNull(w, "wire");
        if (active) {
            sender.sendInitial(w);
        } else {
            markConnected();
        }
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

    void markConnected() {
        if (connected || closed) {
            return;
        }
        connected = true;
        LOG.debug("{} connected over {}", tag, wire.describe());
        connectedFuture.complete(null);
        emit(l -> l.connected(self));
        sender.pump();
    }

    // ------------------------------------------------------------------ sending

    /** Queues a message (RFC 4975 §7.1.1); chunks of queued messages go out in turn (interleaving). */
    public void send(String messageId, MsrpPayload payload, SendOptions options) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        if (closed) {
            emit(l -> l.sendFailed(new SendFailure(messageId, MsrpStatus.SESSION_DOES_NOT_EXIST, "session closed")));
            return;
        }
        sender.send(messageId, payload, options);
    }

    /** Aborts a message being sent ({@code #}, RFC 4975 §7.1.1), or drops it if none of it went out. */
    public void abort(String messageId) {
        sender.abort(messageId);
    }

    /** The connection drained below its low-water mark, or a write completed. */
    public void onWritable() {
        sender.pump();
    }

    /** A transaction response arrived. */
    public void onResponse(MsrpResponse r) {
        sender.onResponse(r);
    }

    // ------------------------------------------------------------------ receiving

    /**
     * A request arrived on connection {@code from}. RFC 4975 §7.3: "The receiving endpoint MUST first
     * check the URI in the To-Path to make sure the request belongs to an existing session. When the
     * request is received, the To-Path will have exactly one URI, which MUST map to an existing session
     * that is associated with the connection on which the request arrived. If this is not true, then
     * the receiver MUST generate a 481 error and ignore the request." We also require the last
     * From-Path URI to be the peer's {@code a=path} URI (481 otherwise).
     */
    public void onRequest(MsrpWire from, MsrpRequest r) {
        onRequest(from, r, null);
    }

    /**
     * {@link #onRequest(MsrpWire, MsrpRequest)} for a SEND whose body came apart from {@code r}
     * ({@link SpooledSend}): {@code body}'s remaining octets; null when the body is {@code r}'s own.
     * The buffer is read during this call only.
     */
    public void onRequest(MsrpWire from, MsrpRequest r, java.nio.ByteBuffer body) {
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
            // RFC 4975 §5.4: "The node MUST also check to make sure the session is not already in use
            // on another connection. If the session is already in use, it MUST reject the request with
            // a 506 response."
            respond(from, r, MsrpStatus.SESSION_ALREADY_IN_USE);
            return;
        }
        if (r.method().equals(MsrpMethod.SEND)) {
            receiver.onSend(from, r, body != null ? body : r.body().asReadOnlyByteBuffer());
        } else if (r.method().equals(MsrpMethod.REPORT)) {
            receiver.onReport(r, sender);
        } else {
            respond(from, r, MsrpStatus.METHOD_NOT_UNDERSTOOD);
        }
    }

    void respond(MsrpWire w, MsrpRequest r, MsrpStatus status) {
        // RFC 4975 §7.2: a request with Failure-Report "yes" or none: "it MUST immediately generate a
        // response"; §7.1.4: with "no" it "MUST NOT send a transaction response", with "partial" it
        // "MUST NOT send a 200 transaction response"; §7.1.2: "MSRP nodes MUST NOT send MSRP responses
        // to REPORT requests." (MsrpRequest#wantsResponse). §7.2: "The response MUST be transmitted
        // back on the same connection on which the original request arrived." (w is that connection)
        if (r.wantsResponse(status)) {
            w.write(MsrpResponse.to(r, status), cause -> {
            });
        }
    }

    /**
     * RFC 4975 §7.1.2: "REPORT requests MUST NOT include Success-Report or Failure-Report header
     * fields, and MUST contain a Status header field. REPORT requests MUST contain the Message-ID
     * header field from the original SEND request." §7.1.3: To-Path is the original From-Path (the
     * peer's path), From-Path our URI, Status namespace 000.
     */
    void sendReport(String messageId, MsrpHeader.ByteRange range, MsrpStatus status) {
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
        emit(l -> l.sessionFailed(reason));
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
        sender.shutdown();
        receiver.shutdown();
    }

    /** Calls the listener; an exception it throws is logged, never propagated (style.md §2.6). */
    void emit(Consumer<MsrpSessionListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("{} session listener threw", tag, e);
        }
    }

    @Override
    public String toString() {
        return "MsrpSessionMachine" + tag;
    }
}
