package org.mediasec.h248.user;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.mediasec.common.TimerService;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.PackagesDescriptor;
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
 * The MG role (H.248.1 §11): registers with ServiceChange Restart (Profile, Version; a lower
 * Version in the MGC's reply is adopted, §11.3), follows MgcIdToTry in the reply and MGC-directed
 * HandOff requests (§11.5), answers audits of ROOT itself, probes a silent MGC and registers again
 * when it is lost, and hands every other transaction request to the {@link MgUser}.
 *
 * <p>All state lives on one executor (an event loop); public methods may be called from any thread.
 */
public final class H248MediaGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H248MediaGateway.class);
    /** Reason of a HandOff registration (H.248.1 §7.2.8 reason 903). */
    static final String MGC_DIRECTED_CHANGE = "903 MGC Directed Change";
    /** Reason of a registration after the MGC was lost (reason 900). */
    static final String SERVICE_RESTORED = "900 Service Restored";
    private static final int MAX_REDIRECTS = 5;

    private final MgConfig config;
    private final MgUser user;
    private final TimerService timers;
    private final Executor executor;
    private final H248Transport transport;
    private final H248TransactionLayer layer;
    private final CompletableFuture<Integer> firstRegistration = new CompletableFuture<>();
    private final AutoCloseable closer;

    private volatile InetSocketAddress mgc;
    private volatile int version;
    private volatile boolean registered;
    private int redirects;
    private long registrationGeneration;
    private TimerService.Timeout inactivity;
    private boolean closed;

    /**
     * An MG on any transport ({@code transports} opens it with our receiver). Call {@link #start()} to register.
     *
     * @param executor runs tasks on the thread that owns the stack (the transport's event loop)
     */
    public H248MediaGateway(MgConfig config, MgUser user, TimerService timers, Executor executor,
                            H248TransportFactory transports) {
        this(config, user, timers, executor, transports, null);
    }

    private H248MediaGateway(MgConfig config, MgUser user, TimerService timers, Executor executor,
                             H248TransportFactory transports, AutoCloseable closer) {
        this.config = Objects.requireNonNull(config, "config");
        this.user = Objects.requireNonNull(user, "user");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.mgc = config.mgc();
        this.version = config.version();
        Receiver receiver = new Receiver();
        this.transport = transports.open(receiver);
        this.layer = new H248TransactionLayer(config.transactions(), timers, executor, transport, config.mId(),
                config.version(), new Handler(), config.events());
        receiver.layer = layer;
        this.closer = closer;
    }

    /**
     * An MG on Netty: binds {@code transportConfig} on one event loop of {@code transports} and
     * registers. Blocks until bound: do not call on an event loop. {@link #close()} likewise.
     */
    public static H248MediaGateway start(Transports transports, MgConfig config, H248TransportConfig transportConfig,
                                         MgUser user) {
        EventLoop loop = transports.group().next();
        H248TransportFactory factory = H248NettyTransports.factory(transports, loop, transportConfig, false);
        Holder holder = new Holder();
        H248MediaGateway mg = new H248MediaGateway(config, user, new EventLoopTimers(loop), loop,
                receiver -> holder.transport = factory.open(receiver), () -> {
                    if (holder.transport instanceof AutoCloseable c) {
                        c.close();
                    }
                });
        mg.start();
        return mg;
    }

    private static final class Holder {
        H248Transport transport;
    }

    /** Sends the first ServiceChange (Restart with the configured reason). */
    public void start() {
        executor.execute(() -> register(ServiceChangeMethod.RESTART, config.restartReason()));
    }

    /** Completes with the negotiated version when the first registration is accepted. */
    public CompletableFuture<Integer> registered() {
        return firstRegistration;
    }

    public boolean isRegistered() {
        return registered;
    }

    /** The MGC we are registered with (or trying to register with). */
    public InetSocketAddress mgc() {
        return mgc;
    }

    /** The negotiated protocol version. */
    public int version() {
        return version;
    }

    public H248TransactionLayer transactionLayer() {
        return layer;
    }

    /**
     * Sends a transaction request (a Notify, say) to the MGC. The future completes with the MGC's
     * reply (an error reply is a reply), or fails with {@link H248TimeoutException}, after which the
     * MG treats the MGC as lost and registers again.
     */
    public CompletableFuture<Transaction.Reply> call(List<ActionRequest> actions) {
        InetSocketAddress target = mgc;
        CompletableFuture<Transaction.Reply> f = layer.sendRequest(target, actions);
        f.whenComplete((r, e) -> {
            if (e instanceof H248TimeoutException) {
                executor.execute(() -> lost(target, e.getMessage()));
            }
        });
        return f;
    }

    public CompletableFuture<Transaction.Reply> call(ActionRequest... actions) {
        return call(List.of(actions));
    }

    // ---------------------------------------------------------------- registration

    private void register(ServiceChangeMethod method, String reason) {
        if (closed) {
            return;
        }
        registered = false;
        long generation = ++registrationGeneration;
        InetSocketAddress target = mgc;
        layer.setVersion(target, config.version());
        // H.248.1 §11.3: the MG offers its highest version in ServiceChangeVersion
        ServiceChangeDescriptor sc = new ServiceChangeDescriptor(method, reason, null, null, config.profile(),
                config.version(), null, null, List.of(), false);
        LOG.info("[h248] mg {} registering with {} ({} \"{}\")", config.mId(), target, method, reason);
        layer.sendRequest(target, Commands.serviceChange(sc)).whenComplete((r, e) -> executor.execute(() -> {
            if (generation == registrationGeneration) {
                registrationAnswered(target, method, reason, r, e);
            }
        }));
    }

    private void registrationAnswered(InetSocketAddress target, ServiceChangeMethod method, String reason,
                                      Transaction.Reply r, Throwable e) {
        if (closed) {
            return;
        }
        if (e != null) {
            LOG.info("[h248] mg registration with {} failed: {}", target, e.toString());
            user.mgcLost(target, "registration failed: " + e.getMessage());
            retryLater(method, reason);
            return;
        }
        ErrorDescriptor error = r.error();
        ServiceChangeDescriptor answer = null;
        if (error == null && !r.actions().isEmpty()) {
            ActionReply a = r.actions().get(0);
            error = a.error();
            if (error == null && !a.replies().isEmpty()) {
                CommandReply c = a.replies().get(0);
                error = c.descriptor(ErrorDescriptor.class);
                answer = c.descriptor(ServiceChangeDescriptor.class);
            }
        }
        if (error != null) {
            LOG.info("[h248] mg registration rejected by {}: {}", target, error);
            user.registrationRejected(target, error);
            retryLater(method, reason);
            return;
        }
        if (answer != null && answer.mgcIdToTry() != null) {
            // §11.2/§11.5: ServiceChangeMgcId in the reply names the MGC to register with instead
            InetSocketAddress next = Commands.address(answer.mgcIdToTry(), H248TransportConfig.DEFAULT_MGC_PORT);
            if (next != null && redirects++ < MAX_REDIRECTS) {
                LOG.info("[h248] mg redirected from {} to {} (MgcIdToTry)", target, next);
                mgc = next;
                register(method, reason);
            } else {
                retryLater(method, reason);
            }
            return;
        }
        redirects = 0;
        int negotiated = config.version();
        if (answer != null && answer.version() != null && answer.version() >= 1 && answer.version() < negotiated) {
            negotiated = answer.version();   // §11.3: the MGC supports only a lower version: use it
        }
        version = negotiated;
        layer.setVersion(target, negotiated);
        registered = true;
        LOG.info("[h248] mg {} registered with {} (version {})", config.mId(), target, negotiated);
        armInactivity();
        user.registered(target, negotiated);
        firstRegistration.complete(negotiated);
    }

    private void retryLater(ServiceChangeMethod method, String reason) {
        timers.schedule(config.registrationRetry(), () -> executor.execute(() -> register(method, reason)));
    }

    private void lost(InetSocketAddress target, String reason) {
        if (!registered || !target.equals(mgc) || closed) {
            return;
        }
        LOG.info("[h248] mg lost MGC {}: {}", target, reason);
        registered = false;
        user.mgcLost(target, reason);
        // H.248.1 §7.2.8: Disconnected tells the MGC that we lost contact and are back
        register(ServiceChangeMethod.DISCONNECTED, SERVICE_RESTORED);
    }

    // ---------------------------------------------------------------- inactivity probe

    private void armInactivity() {
        if (inactivity != null) {
            inactivity.cancel();
            inactivity = null;
        }
        Duration d = config.inactivityTimeout();
        if (d == null || !registered || closed) {
            return;
        }
        inactivity = timers.schedule(d, () -> executor.execute(this::probe));
    }

    private void probe() {
        inactivity = null;
        if (!registered || closed) {
            return;
        }
        // H.248.14 inactivity timer: the MG reports "it/ito" when the MGC has been silent too long
        ActionRequest notify = ActionRequest.of(ContextId.NULL, CommandRequest.of(CommandKind.NOTIFY, TerminationId.ROOT,
                ObservedEventsDescriptor.of(0, new ObservedEvent(null, "it/ito", null, List.of()))));
        call(List.of(notify)).whenComplete((r, e) -> executor.execute(this::armInactivity));
    }

    // ---------------------------------------------------------------- requests from the MGC

    private final class Handler implements H248TransactionHandler {
        @Override
        public void onMessage(InetSocketAddress peer, H248Message message) {
            if (peer.equals(mgc) && registered) {
                armInactivity();
            }
        }

        @Override
        public void onMessageError(InetSocketAddress peer, H248Message message, ErrorDescriptor error) {
            LOG.info("[h248] mg got message-level error from {}: {}", peer, error);
        }

        @Override
        public CompletionStage<Transaction.Reply> onRequest(InetSocketAddress peer, H248Message message,
                                                            Transaction.Request r) {
            ServiceChangeDescriptor sc = Commands.rootServiceChange(r);
            if (sc != null && ServiceChangeMethod.HANDOFF.equals(sc.method()) && sc.mgcIdToTry() != null) {
                return handOff(r, sc);
            }
            if (Commands.isRootAudit(r)) {
                return CompletableFuture.completedFuture(auditReply(r));
            }
            H248Request request = new H248Request(peer, message.mId(), message.version(), r.id(), r.actions());
            try {
                return H248Reply.toTransactionReply(r.id(), user.handleTransactionRequest(request));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** §11.5: the MGC hands us to another MGC: answer, then register there with Method=HandOff. */
    private CompletionStage<Transaction.Reply> handOff(Transaction.Request r, ServiceChangeDescriptor sc) {
        InetSocketAddress next = Commands.address(sc.mgcIdToTry(), H248TransportConfig.DEFAULT_MGC_PORT);
        if (next == null) {
            return CompletableFuture.completedFuture(Transaction.Reply.error(r.id(),
                    new ErrorDescriptor(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "MgcIdToTry has no address")));
        }
        LOG.info("[h248] mg handed off from {} to {}", mgc, next);
        // after the reply has left: register with the new MGC
        timers.schedule(Duration.ZERO, () -> executor.execute(() -> {
            mgc = next;
            register(ServiceChangeMethod.HANDOFF, MGC_DIRECTED_CHANGE);
        }));
        return CompletableFuture.completedFuture(new Transaction.Reply(r.id(), List.of(ActionReply.of(ContextId.NULL,
                CommandReply.of(CommandKind.SERVICE_CHANGE, TerminationId.ROOT)))));
    }

    private Transaction.Reply auditReply(Transaction.Request r) {
        List<ActionReply> actions = new ArrayList<>();
        for (ActionRequest a : r.actions()) {
            List<CommandReply> replies = new ArrayList<>();
            for (CommandRequest c : a.commands()) {
                List<Descriptor> ds = config.packages().isEmpty() ? List.of()
                        : List.of(new PackagesDescriptor(config.packages()));
                replies.add(new CommandReply(c.kind(), c.terminationId(), ds));
            }
            actions.add(new ActionReply(a.contextId(), null, replies, null));
        }
        return new Transaction.Reply(r.id(), actions);
    }

    private final class Receiver implements H248Receiver {
        volatile H248TransactionLayer layer;

        @Override
        public void received(InetSocketAddress peer, DecodeResult result) {
            H248TransactionLayer l = layer;
            if (l != null) {
                l.receive(peer, result);
            }
        }

        @Override
        public void disconnected(InetSocketAddress peer) {
            executor.execute(() -> {
                layer.forget(peer, "connection closed");
                lost(peer, "connection closed");
            });
        }
    }

    @Override
    public void close() {
        executor.execute(() -> {
            closed = true;
            registered = false;
            if (inactivity != null) {
                inactivity.cancel();
            }
        });
        layer.close("MG closed");
        if (closer != null) {
            try {
                closer.close();
            } catch (Exception e) {
                LOG.debug("[h248] mg close: {}", e.toString());
            }
        }
    }
}
