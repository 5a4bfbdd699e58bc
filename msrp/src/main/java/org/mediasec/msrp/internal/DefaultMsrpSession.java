package org.mediasec.msrp.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.mediasec.common.TimerService;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.SendOptions;

/**
 * The thread-safe {@link MsrpSession}: every call and every connection event is handed to the
 * session's executor, where the {@link MsrpSessionMachine} runs alone. Connections complete writes on
 * their own threads; the adapters made here bring the completions back to the session's executor.
 */
public final class DefaultMsrpSession implements MsrpSession {
    private static final SecureRandom IDS = new SecureRandom();

    private final MsrpSessionMachine machine;
    private final Executor executor;
    private final Consumer<DefaultMsrpSession> onClose;
    /** Connection → adapter; touched only on the executor. */
    private final Map<MsrpWire, MsrpWire> adapters = new IdentityHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    public DefaultMsrpSession(List<MsrpUri> localPath, List<MsrpUri> remotePath, MsrpSessionConfig config,
                              Executor executor, TimerService timers, MsrpSessionListener listener,
                              Consumer<DefaultMsrpSession> onClose) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.machine = new MsrpSessionMachine(localPath, remotePath, config, timers, new SecureRandom(), listener);
        machine.setSelf(this);
    }

    @Override
    public MsrpUri localUri() {
        return machine.localUri();
    }

    @Override
    public List<MsrpUri> remotePath() {
        return machine.remotePath();
    }

    @Override
    public CompletableFuture<Void> connected() {
        return machine.connectedFuture();
    }

    @Override
    public String send(MsrpPayload payload, SendOptions options) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        String id = MsrpTransactionIds.random(IDS);
        run(() -> machine.send(id, payload, options));
        return id;
    }

    @Override
    public void abort(String messageId) {
        run(() -> machine.abort(messageId));
    }

    @Override
    public void close() {
        closeAsync();
    }

    /** Closes on the session's thread; completes when done. */
    public CompletableFuture<Void> closeAsync() {
        run(() -> {
            machine.close();
            onClose.accept(this);
            closed.complete(null);
        });
        return closed;
    }

    // ------------------------------------------------------------------ connection side

    /** Binds to {@code connection}; {@code active}: we opened it and send the initial SEND. */
    public void bind(MsrpWire connection, boolean active) {
        run(() -> machine.bind(adapter(connection), active));
    }

    /** Applies the SDP media limits: our accept-types, the peer's max-size. Before any traffic. */
    public void limits(List<String> acceptTypes, long peerMaxSize) {
        run(() -> {
            machine.setAcceptTypes(acceptTypes);
            machine.setPeerMaxSize(peerMaxSize);
        });
    }

    /** Passive side: fail if no connection binds within the transaction timeout. */
    public void expectConnection() {
        run(machine::expectConnection);
    }

    /** A message for this session arrived on {@code connection}. */
    public void deliver(MsrpWire connection, MsrpMessage message) {
        run(() -> {
            if (message instanceof MsrpRequest r) {
                machine.onRequest(adapter(connection), r);
            } else {
                machine.onResponse((MsrpResponse) message);
            }
        });
    }

    /**
     * A SEND whose body the connection kept apart from the request, in its own memory ({@code
     * netty.SpooledSend}): handled on the session's executor like {@link #deliver(MsrpWire, MsrpMessage)}
     * with {@code body}'s remaining octets as the body; {@code release} runs exactly once, when it was
     * handled, or here when the executor takes no more tasks.
     */
    public void deliver(MsrpWire connection, MsrpRequest head, ByteBuffer body, Runnable release) {
        Runnable task = () -> {
            try {
                machine.onRequest(adapter(connection), head, body);
            } finally {
                release.run();
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            release.run();
            closed.complete(null);
        }
    }

    public void writable() {
        run(machine::onWritable);
    }

    /** {@code connection} closed; fails the session if it was bound to it. */
    public void connectionLost(MsrpWire connection, String reason) {
        run(() -> {
            MsrpWire a = adapters.get(connection);
            if (a != null && machine.wire() == a) {
                machine.fail(reason);
            }
        });
    }

    /** The session cannot be set up (connect or TLS failure). */
    public void fail(String reason) {
        run(() -> machine.fail(reason));
    }

    private MsrpWire adapter(MsrpWire connection) {
        return adapters.computeIfAbsent(connection, c -> new MsrpWire() {
            @Override
            public boolean writable() {
                return c.writable();
            }

            @Override
            public void write(MsrpMessage message, Consumer<Throwable> done) {
                c.write(message, cause -> run(() -> done.accept(cause)));
            }

            @Override
            public void stream(OutgoingStream stream) {
                stream.reportVia(DefaultMsrpSession.this::run);
                c.stream(stream);
            }

            @Override
            public String describe() {
                return c.describe();
            }
        });
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down: nothing more can happen in this session
            closed.complete(null);
        }
    }

    @Override
    public String toString() {
        return "MsrpSession[" + localUri() + " -> " + remotePath() + "]";
    }
}
