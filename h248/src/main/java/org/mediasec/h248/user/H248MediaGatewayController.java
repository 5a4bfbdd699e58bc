package org.mediasec.h248.user;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.mediasec.common.TimerService;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.ServiceChangeDescriptor;
import org.mediasec.h248.ServiceChangeMethod;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.netty.H248NettyTransports;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.text.DecodeResult;
import org.mediasec.h248.transaction.H248Receiver;
import org.mediasec.h248.transaction.H248TimeoutException;
import org.mediasec.h248.transaction.H248TransactionHandler;
import org.mediasec.h248.transaction.H248TransactionLayer;
import org.mediasec.h248.transaction.H248Transport;
import org.mediasec.h248.transaction.H248TransportFactory;
import org.mediasec.transport.EventLoopTimers;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * The MGC role (H.248.1 §11): accepts MG registrations (answering ServiceChange with Profile and,
 * when it must be lower, Version), lets the application send commands to an MG and await replies as
 * futures, hands MGs off, audits silent MGs (heartbeat) and reports a lost MG.
 *
 * <p>All state lives on one executor (an event loop); public methods may be called from any thread.
 */
public final class H248MediaGatewayController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H248MediaGatewayController.class);

    private final MgcConfig config;
    private final MgcUser user;
    private final TimerService timers;
    private final Executor executor;
    private final H248TransactionLayer layer;
    private final Map<InetSocketAddress, MgHandle> mgs = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, TimerService.Timeout> heartbeats = new ConcurrentHashMap<>();
    private final AutoCloseable closer;
    private H248Transport transport;

    public H248MediaGatewayController(MgcConfig config, MgcUser user, TimerService timers, Executor executor,
                                      H248TransportFactory transports) {
        this(config, user, timers, executor, transports, null);
    }

    private H248MediaGatewayController(MgcConfig config, MgcUser user, TimerService timers, Executor executor,
                                       H248TransportFactory transports, AutoCloseable closer) {
        this.config = Objects.requireNonNull(config, "config");
        this.user = Objects.requireNonNull(user, "user");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.executor = Objects.requireNonNull(executor, "executor");
        Receiver receiver = new Receiver();
        this.transport = transports.open(receiver);
        this.layer = new H248TransactionLayer(config.transactions(), timers, executor, transport, config.mId(),
                config.maxVersion(), new Handler(), config.events());
        receiver.ready = true;
        this.closer = closer;
    }

    /**
     * An MGC on Netty, listening on {@code transportConfig.bind()} on one event loop of
     * {@code transports}. Blocks until bound: do not call on an event loop. {@link #close()} likewise.
     */
    public static H248MediaGatewayController start(Transports transports, MgcConfig config,
                                                   H248TransportConfig transportConfig, MgcUser user) {
        EventLoop loop = transports.group().next();
        H248TransportFactory factory = H248NettyTransports.factory(transports, loop, transportConfig, true);
        H248Transport[] opened = new H248Transport[1];
        return new H248MediaGatewayController(config, user, new EventLoopTimers(loop), loop,
                receiver -> opened[0] = factory.open(receiver), () -> {
                    if (opened[0] instanceof AutoCloseable c) {
                        c.close();
                    }
                });
    }

    /** The transport (for its local address, say). */
    public H248Transport transport() {
        return transport;
    }

    /** The local address the MGC listens on (UDP or TCP transports of this package), else null. */
    public InetSocketAddress localAddress() {
        if (transport instanceof org.mediasec.h248.netty.H248UdpTransport u) {
            return u.localAddress();
        } else if (transport instanceof org.mediasec.h248.netty.H248TcpTransport t) {
            return t.localAddress();
        }
        return null;
    }

    public H248TransactionLayer transactionLayer() {
        return layer;
    }

    /** The MGs registered now. */
    public List<MgHandle> mgs() {
        return new ArrayList<>(mgs.values());
    }

    CompletableFuture<Transaction.Reply> call(MgHandle mg, List<ActionRequest> actions) {
        CompletableFuture<Transaction.Reply> f = layer.sendRequest(mg.address(), actions);
        f.whenComplete((r, e) -> {
            if (e instanceof H248TimeoutException) {
                executor.execute(() -> lost(mg, e.getMessage()));
            }
        });
        return f;
    }

    List<CompletableFuture<Transaction.Reply>> callAll(MgHandle mg, List<List<ActionRequest>> transactions) {
        List<CompletableFuture<Transaction.Reply>> futures = layer.sendRequests(mg.address(), transactions);
        for (CompletableFuture<Transaction.Reply> f : futures) {
            f.whenComplete((r, e) -> {
                if (e instanceof H248TimeoutException) {
                    executor.execute(() -> lost(mg, e.getMessage()));
                }
            });
        }
        return futures;
    }

    CompletableFuture<Transaction.Reply> handOff(MgHandle mg, MId newMgc) {
        ServiceChangeDescriptor sc = new ServiceChangeDescriptor(ServiceChangeMethod.HANDOFF,
                H248MediaGateway.MGC_DIRECTED_CHANGE, null, null, null, null, newMgc, null, List.of(), false);
        CompletableFuture<Transaction.Reply> f = call(mg, Commands.serviceChange(sc));
        f.thenRun(() -> executor.execute(() -> {
            if (mgs.remove(mg.address(), mg)) {
                mg.alive = false;
                cancelHeartbeat(mg.address());
                user.mgLost(mg, "handed off to " + newMgc);
            }
        }));
        return f;
    }

    private void lost(MgHandle mg, String reason) {
        if (mgs.remove(mg.address(), mg)) {
            mg.alive = false;
            cancelHeartbeat(mg.address());
            LOG.info("[h248] mgc lost {}: {}", mg, reason);
            user.mgLost(mg, reason);
        }
    }

    // ---------------------------------------------------------------- heartbeat

    private void armHeartbeat(MgHandle mg) {
        Duration d = config.heartbeatInterval();
        if (d == null || !mg.alive) {
            return;
        }
        cancelHeartbeat(mg.address());
        heartbeats.put(mg.address(), timers.schedule(d, () -> executor.execute(() -> beat(mg))));
    }

    private void cancelHeartbeat(InetSocketAddress address) {
        TimerService.Timeout t = heartbeats.remove(address);
        if (t != null) {
            t.cancel();
        }
    }

    private void beat(MgHandle mg) {
        if (!mg.alive) {
            return;
        }
        // an AuditValue of ROOT with an empty Audit descriptor: the lightest request every MG answers
        ActionRequest audit = ActionRequest.of(ContextId.NULL,
                CommandRequest.of(CommandKind.AUDIT_VALUE, TerminationId.ROOT, AuditDescriptor.of()));
        call(mg, List.of(audit)).whenComplete((r, e) -> executor.execute(() -> armHeartbeat(mg)));
    }

    // ---------------------------------------------------------------- requests from MGs

    private final class Handler implements H248TransactionHandler {
        @Override
        public void onMessage(InetSocketAddress peer, H248Message message) {
            MgHandle mg = mgs.get(peer);
            if (mg != null) {
                armHeartbeat(mg);
            }
        }

        @Override
        public void onMessageError(InetSocketAddress peer, H248Message message, ErrorDescriptor error) {
            LOG.info("[h248] mgc got message-level error from {}: {}", peer, error);
        }

        @Override
        public CompletionStage<Transaction.Reply> onRequest(InetSocketAddress peer, H248Message message,
                                                            Transaction.Request r) {
            ServiceChangeDescriptor sc = Commands.rootServiceChange(r);
            if (sc != null) {
                return CompletableFuture.completedFuture(serviceChange(peer, message, r, sc));
            }
            MgHandle mg = mgs.get(peer);
            if (mg == null) {
                return CompletableFuture.completedFuture(Transaction.Reply.error(r.id(), new ErrorDescriptor(
                        ErrorCode.UNAUTHORIZED_ENTITY, "not registered")));
            }
            H248Request request = new H248Request(peer, message.mId(), message.version(), r.id(), r.actions());
            try {
                return H248Reply.toTransactionReply(r.id(), user.handleTransactionRequest(mg, request));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private Transaction.Reply serviceChange(InetSocketAddress peer, H248Message message, Transaction.Request r,
                                            ServiceChangeDescriptor sc) {
        ServiceChangeMethod method = sc.method();
        MgHandle previous = mgs.get(peer);
        if (ServiceChangeMethod.GRACEFUL.equals(method) || ServiceChangeMethod.FORCED.equals(method)) {
            if (previous != null) {
                timers.schedule(Duration.ZERO, () -> executor.execute(() -> lost(previous, "ServiceChange "
                        + method + (sc.reason() != null ? " \"" + sc.reason() + "\"" : ""))));
            }
            return reply(r, null);
        }
        if (config.redirectTo() != null) {
            LOG.info("[h248] mgc redirects {} to {}", peer, config.redirectTo());
            return reply(r, new ServiceChangeDescriptor(null, null, null, null, null, null, config.redirectTo(),
                    null, List.of(), false));
        }
        // §11.3: the MG offers its version in ServiceChangeVersion (else the message header says it);
        // when we support only a lower one, the reply carries it and both sides use it from now on
        int offered = sc.version() != null && sc.version() > 0 ? sc.version() : message.version();
        int negotiated = Math.min(offered, config.maxVersion());
        Integer answerVersion = negotiated < offered ? negotiated : null;
        layer.setVersion(peer, negotiated);
        MgHandle mg = new MgHandle(this, peer, message.mId(), negotiated, sc.profile());
        mgs.put(peer, mg);
        if (previous != null) {
            previous.alive = false;
        }
        LOG.info("[h248] mgc accepted {} ({} \"{}\")", mg, method, sc.reason());
        // tell the application after the reply has left, so its first command follows the reply
        timers.schedule(Duration.ZERO, () -> executor.execute(() -> {
            if (mg.alive) {
                armHeartbeat(mg);
                user.mgRegistered(mg);
            }
        }));
        if (sc.profile() == null && answerVersion == null) {
            return reply(r, null);
        }
        return reply(r, new ServiceChangeDescriptor(null, null, null, null, sc.profile(), answerVersion, null, null,
                List.of(), false));
    }

    private static Transaction.Reply reply(Transaction.Request r, ServiceChangeDescriptor answer) {
        CommandReply c = answer == null ? CommandReply.of(CommandKind.SERVICE_CHANGE, TerminationId.ROOT)
                : CommandReply.of(CommandKind.SERVICE_CHANGE, TerminationId.ROOT, answer);
        return new Transaction.Reply(r.id(), List.of(ActionReply.of(ContextId.NULL, c)));
    }

    private final class Receiver implements H248Receiver {
        volatile boolean ready;

        @Override
        public void received(InetSocketAddress peer, DecodeResult result) {
            if (ready) {
                layer.receive(peer, result);
            }
        }

        @Override
        public void disconnected(InetSocketAddress peer) {
            executor.execute(() -> {
                MgHandle mg = mgs.get(peer);
                if (mg != null) {
                    lost(mg, "connection closed");
                }
                layer.forget(peer, "connection closed");
            });
        }
    }

    @Override
    public void close() {
        for (InetSocketAddress a : new ArrayList<>(heartbeats.keySet())) {
            cancelHeartbeat(a);
        }
        mgs.values().forEach(mg -> mg.alive = false);
        mgs.clear();
        layer.close("MGC closed");
        if (closer != null) {
            try {
                closer.close();
            } catch (Exception e) {
                LOG.debug("[h248] mgc close: {}", e.toString());
            }
        }
    }
}
