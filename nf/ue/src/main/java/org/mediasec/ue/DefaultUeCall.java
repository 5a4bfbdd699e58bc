package org.mediasec.ue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.Dialog;

import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.msrp.transfer.FilePayload;
import org.mediasec.msrp.transfer.FileTransfers;
import org.mediasec.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call of a {@link Ue}: the SIP dialog and the MSRP session (this object is the session's
 * listener). Sends are tracked by Message-ID until the session reports them sent or failed.
 */
final class DefaultUeCall implements UeCall, MsrpSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultUeCall.class);

    private record Pending(CompletableFuture<Object> result, FileProgressListener progress, SentFile file) {
    }

    private final Ue ue;
    private final String callId;
    private final String remoteAor;
    private final boolean outgoing;
    private final SecurityMode mode;
    private final SessionDescription localSdp;
    private final SessionDescription remoteSdp;
    private final MsrpSessionSpec spec;
    private final List<UeCallListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final Object sendLock = new Object();
    /** Events that arrived before the first listener (bounded by {@link #MAX_EARLY_EVENTS}). */
    private final List<java.util.function.Consumer<UeCallListener>> early = new java.util.ArrayList<>();
    private static final int MAX_EARLY_EVENTS = 1000;
    private volatile MsrpSession session;
    private volatile Dialog dialog;

    DefaultUeCall(Ue ue, String callId, String remoteAor, boolean outgoing, SecurityMode mode,
                  SessionDescription localSdp, SessionDescription remoteSdp, MsrpSessionSpec spec) {
        this.ue = ue;
        this.callId = callId;
        this.remoteAor = remoteAor;
        this.outgoing = outgoing;
        this.mode = mode;
        this.localSdp = localSdp;
        this.remoteSdp = remoteSdp;
        this.spec = spec;
    }

    void dialog(Dialog d) {
        this.dialog = d;
    }

    Dialog dialog() {
        return dialog;
    }

    MsrpSessionSpec spec() {
        return spec;
    }

    /** Opens the MSRP session on the UE's endpoint (passive: waits for the peer; active: connects). */
    MsrpSession openSession() {
        MsrpSession s = ue.msrp().open(spec, this);
        session = s;
        return s;
    }

    Optional<MsrpSession> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String remoteAor() {
        return remoteAor;
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public SecurityMode mode() {
        return mode;
    }

    @Override
    public SessionDescription localSdp() {
        return localSdp;
    }

    @Override
    public SessionDescription remoteSdp() {
        return remoteSdp;
    }

    @Override
    public boolean active() {
        return !ended.isDone();
    }

    /**
     * Adds a listener. Texts and files that arrived while the call had no listener (between the
     * session connecting and the application adding its listener) are replayed to the first one.
     */
    @Override
    public void addListener(UeCallListener listener) {
        List<java.util.function.Consumer<UeCallListener>> replay;
        synchronized (early) {
            listeners.add(listener);
            replay = List.copyOf(early);
            early.clear();
        }
        replay.forEach(e -> e.accept(listener));
    }

    /** Delivers an event to the listeners, or keeps it for the first listener when there is none yet. */
    private void emit(java.util.function.Consumer<UeCallListener> event) {
        synchronized (early) {
            if (listeners.isEmpty()) {
                if (early.size() < MAX_EARLY_EVENTS) {
                    early.add(event);
                }
                return;
            }
        }
        for (UeCallListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("[{}] call listener failed", ue.config().user(), e);
            }
        }
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
        return ue.tlsInfo(this);
    }

    @Override
    public CompletionStage<String> sendText(String text) {
        MsrpSession s = usableSession();
        CompletableFuture<Object> f = new CompletableFuture<>();
        synchronized (sendLock) {
            String id = s.sendText(text);
            pending.put(id, new Pending(f, FileProgressListener.NONE, null));
        }
        return f.thenApply(id -> (String) id);
    }

    @Override
    public CompletionStage<SentFile> sendFile(Path file, FileProgressListener progress) {
        MsrpSession s = usableSession();
        return CompletableFuture.supplyAsync(() -> {
            try {
                long size = Files.size(file);
                return new SentFile(file, "", size, FileTransfers.sha256(file));
            } catch (IOException e) {
                throw new UeException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }, ue.worker()).thenCompose(info -> {
            CompletableFuture<Object> f = new CompletableFuture<>();
            String id;
            synchronized (sendLock) {
                id = s.send(new FilePayload(file, FileNames.contentType(file), 0, info.size()), SendOptions.DEFAULT);
                pending.put(id, new Pending(f, progress, info));
            }
            LOG.info("[{}] sending {} ({} octets, sha-256 {}) as message {}", ue.config().user(), file, info.size(), info.sha256(), id);
            return f.thenApply(x -> new SentFile(file, id, info.size(), info.sha256()));
        });
    }

    private MsrpSession usableSession() {
        MsrpSession s = session;
        if (s == null || !active()) {
            throw new UeException("call " + callId + " with " + remoteAor + " is not active");
        }
        return s;
    }

    @Override
    public CompletionStage<CallEnd> hangup() {
        return end(new CallEnd(CallEnd.Cause.HUNG_UP, "hung up by " + ue.config().aor()), true);
    }

    @Override
    public CompletionStage<CallEnd> ended() {
        return ended;
    }

    /**
     * Ends the call once. With {@code sendBye} (and a dialog), the BYE goes first and the MSRP session
     * closes when it is answered, so the far side learns of the end from the BYE rather than from a
     * closed connection; otherwise the session closes at once. Unfinished sends fail; {@link #ended()}
     * completes last.
     */
    CompletableFuture<CallEnd> end(CallEnd why, boolean sendBye) {
        if (!ending.compareAndSet(false, true)) {
            return ended;
        }
        LOG.info("[{}] call {} with {} ended: {}", ue.config().user(), callId, remoteAor, why.reason());
        Runnable finish = () -> {
            MsrpSession s = session;
            if (s != null) {
                s.close();
            }
            for (Pending p : pending.values()) {
                p.result().completeExceptionally(new UeException("call ended before the message was delivered: " + why.reason()));
            }
            pending.clear();
            ue.forget(this);
            if (ended.complete(why)) {
                emit(l -> l.ended(this, why));
            }
        };
        Dialog d = dialog;
        if (sendBye && d != null) {
            ue.sendBye(this, d).whenComplete((x, e) -> finish.run());
        } else {
            finish.run();
        }
        return ended;
    }

    // ------------------------------------------------------------------ MsrpSessionListener

    @Override
    public void messageReceived(ReceivedMessage message) {
        if (Cpim.is(message.contentType()) && message.data().isPresent()) {
            Optional<Cpim.Content> inner = Cpim.unwrap(message.data().get());
            if (inner.isPresent() && isText(inner.get().contentType())) {
                String text = inner.get().body().utf8();
                emit(l -> l.textReceived(this, text));
                return;
            }
            LOG.info("[{}] message/cpim from {} without a text/plain entity: saved as a file", ue.config().user(), remoteAor);
        }
        if (isText(message.contentType()) && message.data().isPresent()) {
            String text = message.text();
            emit(l -> l.textReceived(this, text));
            return;
        }
        // files are saved and hashed off the event loop
        ue.worker().execute(() -> saveFile(message));
    }

    private static boolean isText(String contentType) {
        return contentType.split(";", 2)[0].trim().equalsIgnoreCase("text/plain");
    }

    private void saveFile(ReceivedMessage message) {
        try {
            String name = FileNames.nameFrom(message.contentType(), message.messageId());
            Path dir = ue.config().downloads();
            Files.createDirectories(dir);
            Path target = FileNames.unique(dir, name);
            FileTransfers.save(message, target, Optional.empty());
            ReceivedFile rf = new ReceivedFile(target, target.getFileName().toString(), message.contentType(),
                    Files.size(target), FileTransfers.sha256(target));
            LOG.info("[{}] received file {} ({} octets, sha-256 {}) from {}", ue.config().user(), target, rf.size(),
                    rf.sha256(), remoteAor);
            emit(l -> l.fileReceived(this, rf));
        } catch (IOException | RuntimeException e) {
            LOG.warn("[{}] cannot save the file of message {} from {}: {}", ue.config().user(), message.messageId(),
                    remoteAor, e.toString());
        }
    }

    @Override
    public void progress(String messageId, boolean sending, long done, long total) {
        if (sending) {
            Pending p = pending.get(messageId);
            if (p != null) {
                p.progress().progress(done, total);
            }
        } else {
            for (UeCallListener l : listeners) {
                l.receiveProgress(this, done, total);
            }
        }
    }

    @Override
    public void messageSent(String messageId) {
        Pending p;
        synchronized (sendLock) {
            p = pending.remove(messageId);
        }
        if (p != null) {
            p.result().complete(messageId);
        }
    }

    @Override
    public void sendFailed(SendFailure failure) {
        Pending p;
        synchronized (sendLock) {
            p = pending.remove(failure.messageId());
        }
        if (p != null) {
            p.result().completeExceptionally(new UeException("message " + failure.messageId() + " to " + remoteAor
                    + " failed: " + failure.status() + " " + failure.reason()));
        }
    }

    @Override
    public void sessionFailed(String reason) {
        if (active()) {
            // not on the event loop: ending sends a BYE through the SIP stack
            try {
                ue.timer().execute(() -> end(new CallEnd(CallEnd.Cause.MEDIA_FAILED, "MSRP session failed: " + reason), true));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                LOG.debug("[{}] UE closing; session of {} failed: {}", ue.config().user(), callId, reason);
            }
        }
    }

    @Override
    public String toString() {
        return "UeCall[" + callId + " " + (outgoing ? "to " : "from ") + remoteAor + " " + mode + "]";
    }
}
