package org.mediasec.agw.context;

import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.mediasec.agw.bearer.BearerFailure;
import org.mediasec.agw.bearer.BearerLeg;
import org.mediasec.agw.bearer.BearerListener;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.bearer.BearerUpdateRefused;
import org.mediasec.agw.bearer.LegStats;
import org.mediasec.agw.bearer.MsrpPaths;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.bearer.Side;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.agw.metrics.AgwMetrics;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.StatisticsDescriptor;
import org.mediasec.h248.StatisticsDescriptor.Statistic;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.TimeNotation;
import org.mediasec.h248.iq.FailureCause;
import org.mediasec.h248.iq.IqEvents;
import org.mediasec.h248.iq.IqException;
import org.mediasec.h248.iq.IqFailure;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqNotify;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.IqRequests;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.h248.user.H248Reply;
import org.mediasec.h248.user.H248Request;
import org.mediasec.h248.user.MgUser;
import org.mediasec.sdp.Setup;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;

/**
 * The AGW's H.248 termination model (H.248.1 §6): contexts and their terminations, driven by the
 * MGC's Add, Modify, Subtract and AuditValue, each TCP termination one leg of a {@link BearerRelay}.
 * The wire coding of every Iq element is {@code org.mediasec.h248.iq} ({@code docs/iq-profile.md}).
 *
 * <ul>
 *   <li>{@code Add} to context {@code $} makes a context; {@code Add = $} (or {@code <realm>/$}, or
 *       {@code ipdc/realm} in LocalControl) makes a termination {@code <realm>/<n>} in a realm (without
 *       either: TLS-terminating to the first realm, any other to the first realm its context does not
 *       use yet). A passive termination books a port of its realm; the reply's Local has
 *       the realm's address, the port (9 for an active termination, RFC 4145 §4) and, when Local said
 *       {@code a=fingerprint:$}, the AGW's certificate fingerprint.</li>
 *   <li>The second termination of a context makes the context's relay (the TLS-terminating one, else
 *       the one in the earlier realm, is the access side) and opens it: passive legs listen from then
 *       on. (The IMS-ALG adds both terminations before any peer learns the AGW's address, TS 23.334
 *       §6.2.10, so nothing connects earlier.)</li>
 *   <li>{@code Modify} with a Remote (address, {@code a=setup}, UE fingerprints) or a Local
 *       {@code a=setup:active} ("Establish (D)TLS session") updates the leg. A Local with the
 *       application-aware proto ({@code TCP/MSRP}, {@code TCP/TLS/MSRP}) and {@code a=path} turns an
 *       application-agnostic MSRP termination MSRP-aware (iq-profile.md row 26, the IMS-ALG's choice at
 *       the answer) while no octet has crossed the context; afterwards 473 says why.</li>
 *   <li>{@code Subtract} closes the relay and answers with a Statistics descriptor per termination;
 *       the context goes with its last termination.</li>
 *   <li>A bearer failure or release is sent to the MGC as a {@code g/cause} Notify on the failing
 *       termination when the MGC asked for {@code g/cause} in an Events descriptor of it
 *       ({@code docs/iq-profile.md} rows 13-15); the relay closes both legs, the terminations stay
 *       until the MGC subtracts them.</li>
 * </ul>
 *
 * Errors: 411 unknown context, 430 unknown termination, 434 a third termination, 510 no port or too
 * many contexts, 501 a non-TCP transport or command, and the Iq reader's 441/449/472/473/474.
 * Thread-safe: the model is guarded by this object's lock; relay work completes later
 * ({@link H248Reply#later}).
 */
public final class AgwContexts implements MgUser {
    private static final Logger LOG = LoggerFactory.getLogger(AgwContexts.class);

    /** {@code ipdc/realm} (H.248.41 IP domain connection package, IP realm identifier), read from LocalControl. */
    public static final String REALM_PROPERTY = "ipdc/realm";
    /** H.248.1 Annex E.10 {@code nt/os}: octets sent on the termination. */
    public static final String OCTETS_SENT = "nt/os";
    /** H.248.1 Annex E.10 {@code nt/or}: octets received. */
    public static final String OCTETS_RECEIVED = "nt/or";
    /** H.248.1 Annex E.10 {@code nt/dur}: time in the context, milliseconds. */
    public static final String DURATION = "nt/dur";
    /** PROPOSAL (no standard item): frames sent (writes of relayed payload). */
    public static final String FRAMES_SENT = "xagw/fs";
    /** PROPOSAL: frames received (socket reads or decrypted TLS records). */
    public static final String FRAMES_RECEIVED = "xagw/fr";
    /** PROPOSAL: TLS version of a terminated session (AuditValue only). */
    public static final String TLS_VERSION = "xagw/tlsv";
    /** PROPOSAL: TLS cipher suite of a terminated session (AuditValue only). */
    public static final String TLS_CIPHER = "xagw/tlscs";
    /** PROPOSAL: the UE fingerprint the session was verified against (AuditValue only). */
    public static final String TLS_PEER_FINGERPRINT = "xagw/tlsfp";
    /** RFC 4145 §4: an active endpoint's port in SDP ("discard"). */
    static final int ACTIVE_PORT = 9;

    private final BearerRelays relays;
    private final Transports transports;
    private final List<AgwRealm> realms;
    private final LocalIdentity identity;
    private final int maxContexts;
    private final boolean passThroughOnly;
    private final AgwMetrics metrics;
    private final IqRequests reader = IqRequests.DEFAULT;
    private final Map<Long, Ctx> contexts = new LinkedHashMap<>();
    private final Map<String, Term> terminations = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<InetSocketAddress>> registeredListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<RelayStats>> relayClosedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> contextRemovedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> mgcLostListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Function<ActionRequest, CompletableFuture<?>> notifier = a -> CompletableFuture.completedFuture(null);
    private long nextContext = 1;
    private long nextTermination = 1;

    /**
     * @param relays      the bearer layer (its realms are {@code realms})
     * @param transports  its event loops (for the listeners that hold a first termination's port)
     * @param realms      the realms, access first
     * @param identity    the AGW certificate for the TLS it terminates
     * @param maxContexts contexts at once (more: 510)
     * @param metrics     counters
     */
    public AgwContexts(BearerRelays relays, Transports transports, List<AgwRealm> realms, LocalIdentity identity,
                       int maxContexts, AgwMetrics metrics) {
        this(relays, transports, realms, identity, maxContexts, metrics, false);
    }

    /**
     * @param passThroughOnly the TrGW profile (Ix, {@code docs/iq-profile.md} row 25): every termination
     *                        that asks the MG to terminate TLS or to parse MSRP is refused with 449
     */
    public AgwContexts(BearerRelays relays, Transports transports, List<AgwRealm> realms, LocalIdentity identity,
                       int maxContexts, AgwMetrics metrics, boolean passThroughOnly) {
        this.passThroughOnly = passThroughOnly;
        this.relays = Checks.notNull(relays, "relays");
        this.transports = Checks.notNull(transports, "transports");
        this.realms = List.copyOf(realms);
        if (this.realms.isEmpty()) {
            throw new IllegalArgumentException("realms: empty");
        }
        this.identity = Checks.notNull(identity, "identity");
        this.maxContexts = Checks.positive(maxContexts, "maxContexts");
        this.metrics = Checks.notNull(metrics, "metrics");
    }

    /** Where Notify commands go (the MG role's {@code call}); set before the MG registers. */
    public void notifier(Function<ActionRequest, CompletableFuture<?>> notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** Called with the reason each time the MG role finds the MGC lost (it then registers again). */
    public void whenMgcLost(java.util.function.Consumer<String> listener) {
        mgcLostListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Called with the MGC's address each time a registration is accepted (the first and every later one). */
    public void whenRegistered(java.util.function.Consumer<InetSocketAddress> listener) {
        registeredListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Called with a relay's final statistics (both legs: bytes each way, TLS version, cipher and
     * verified peer fingerprint of a terminated leg) each time one closes: after a Subtract, a failure
     * or a peer's release. The relay's id is {@code ctx<context id>}. Called on an event loop: be quick.
     */
    public void whenRelayClosed(java.util.function.Consumer<RelayStats> listener) {
        relayClosedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Called with a context's id when a Subtract removed its last termination (the IMS-ALG released
     * it). Called on the thread that runs the Subtract: be quick.
     */
    public void whenContextRemoved(java.util.function.LongConsumer listener) {
        contextRemovedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void registered(InetSocketAddress mgc, int version) {
        LOG.info("[agw] registered with MGC {} (H.248 version {})", mgc, version);
        for (var l : registeredListeners) {
            l.accept(mgc);
        }
    }

    @Override
    public void mgcLost(InetSocketAddress mgc, String reason) {
        // contexts and bearers stay: the MGC may come back (H.248.1 §11.5 leaves their fate to it)
        LOG.warn("[agw] MGC {} lost ({}): registering again; {} contexts kept", mgc, reason, contexts());
        metrics.mgcLost();
        for (var l : mgcLostListeners) {
            l.accept(reason);
        }
    }

    @Override
    public void registrationRejected(InetSocketAddress mgc, ErrorDescriptor error) {
        LOG.warn("[agw] MGC {} refused the registration: {}", mgc, error);
    }

    /** Contexts now. */
    public synchronized int contexts() {
        return contexts.size();
    }

    /** Terminations now. */
    public synchronized int terminations() {
        return terminations.size();
    }

    /** A snapshot of the statistics of every context's relay (live, or final until subtracted), in context order. */
    public synchronized List<RelayStats> relayStats() {
        List<RelayStats> list = new ArrayList<>();
        for (Ctx c : contexts.values()) {
            RelayStats s = c.finalStats != null ? c.finalStats : c.relay != null ? c.relay.stats() : null;
            if (s != null) {
                list.add(s);
            }
        }
        return list;
    }

    /** The context ids, for tests and logs. */
    public synchronized List<Long> contextIds() {
        return List.copyOf(contexts.keySet());
    }

    // ---------------------------------------------------------------- model

    /** One context: at most two terminations and, once it has two, their relay. */
    private static final class Ctx {
        final long id;
        final List<Term> terms = new ArrayList<>(2);
        BearerRelay relay;
        RelayStats finalStats;
        boolean subtracting;

        Ctx(long id) {
            this.id = id;
        }

        ContextId contextId() {
            return ContextId.of(id);
        }

        String tag() {
            return "[agw ctx=" + id + "]";
        }
    }

    /** One termination: what the MGC asked (its Iq spec), its realm, booked port and relay side. */
    private static final class Term {
        final String id;
        final AgwRealm realm;
        final Ctx ctx;
        final long added = System.nanoTime();
        IqTermination spec;
        IqEvents events;
        int bookedPort = -1;
        /** Listens on {@link #bookedPort} until the relay takes over, so nothing else can take the port. */
        Channel holder;
        Side side;
        BearerLeg leg;
        /** MSRP application-aware mode: the AGW's and the peer's a=path on this termination; null: bytes. */
        MsrpPaths msrp;

        Term(String id, AgwRealm realm, Ctx ctx) {
            this.id = id;
            this.realm = realm;
            this.ctx = ctx;
        }

        TerminationId tid() {
            return TerminationId.of(id);
        }

        boolean passive() {
            return spec.setup() != Setup.ACTIVE;
        }
    }

    /** A failed command: its reply is an Error descriptor. */
    private static final class CommandError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ErrorCode code;

        CommandError(ErrorCode code, String text) {
            super(text, null, false, false);
            this.code = code;
        }
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public H248Reply handleTransactionRequest(H248Request request) {
        // H.248.1 §8.2: commands run in order; after a failed one nothing more of the transaction runs
        CompletableFuture<List<ActionReply>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        boolean[] failed = {false};
        for (ActionRequest action : request.actions()) {
            chain = chain.thenCompose(list -> {
                if (failed[0]) {
                    return CompletableFuture.completedFuture(list);
                }
                return action(action, failed).thenApply(reply -> {
                    list.add(reply);
                    return list;
                });
            });
        }
        CompletableFuture<H248Reply> reply = chain.thenApply(H248Reply::of);
        if (reply.isDone() && !reply.isCompletedExceptionally()) {
            return reply.join();
        }
        return H248Reply.later(reply);
    }

    private CompletableFuture<ActionReply> action(ActionRequest action, boolean[] failed) {
        ContextId cid = action.contextId();
        Ctx ctx;
        synchronized (this) {
            if (cid.equals(ContextId.CHOOSE)) {
                ctx = null;                                   // made by its first Add
            } else if (cid.equals(ContextId.NULL) || cid.equals(ContextId.ALL)) {
                ctx = null;
                for (CommandRequest c : action.commands()) {
                    if (c.kind() != CommandKind.AUDIT_VALUE) {
                        failed[0] = true;
                        return CompletableFuture.completedFuture(new ActionReply(cid, null, List.of(), new ErrorDescriptor(
                                ErrorCode.UNKNOWN_CONTEXT_ID, "context " + cid + ": only AuditValue")));
                    }
                }
            } else {
                ctx = contexts.get(cid.value());
                if (ctx == null) {
                    failed[0] = true;
                    return CompletableFuture.completedFuture(new ActionReply(cid, null, List.of(), new ErrorDescriptor(
                            ErrorCode.UNKNOWN_CONTEXT_ID, "unknown context " + cid)));
                }
            }
        }
        Ctx[] current = {ctx};
        CompletableFuture<List<CommandReply>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (CommandRequest c : action.commands()) {
            chain = chain.thenCompose(list -> {
                if (failed[0]) {
                    return CompletableFuture.completedFuture(list);
                }
                CompletableFuture<CommandReply> r;
                try {
                    r = command(cid, current, c);
                } catch (RuntimeException e) {
                    r = CompletableFuture.failedFuture(e);
                }
                return r.handle((reply, e) -> {
                    if (e != null) {
                        reply = errorReply(c, e);
                        if (!c.optional()) {
                            failed[0] = true;
                        }
                    }
                    list.add(reply);
                    return list;
                });
            });
        }
        return chain.thenApply(replies -> {
            ContextId replyId = current[0] != null ? current[0].contextId()
                    : cid.equals(ContextId.CHOOSE) ? ContextId.NULL : cid;
            return new ActionReply(replyId, null, replies, null);
        });
    }

    private CommandReply errorReply(CommandRequest c, Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof IqException iq) {
            LOG.debug("[agw] {} {} refused: {}", c.kind(), c.terminationId(), iq.getMessage());
            return iq.commandReply(c.kind(), c.terminationId());
        }
        if (t instanceof CommandError ce) {
            LOG.debug("[agw] {} {} refused: {} {}", c.kind(), c.terminationId(), ce.code, ce.getMessage());
            return CommandReply.of(c.kind(), c.terminationId(), new ErrorDescriptor(ce.code, quotable(ce.getMessage())));
        }
        LOG.error("[agw] {} {} failed", c.kind(), c.terminationId(), t);
        return CommandReply.of(c.kind(), c.terminationId(), new ErrorDescriptor(ErrorCode.INTERNAL_SOFTWARE_FAILURE,
                quotable(String.valueOf(t.getMessage()))));
    }

    private CompletableFuture<CommandReply> command(ContextId cid, Ctx[] ctx, CommandRequest c) {
        return switch (c.kind()) {
            case ADD -> add(cid, ctx, c);
            case MODIFY -> modify(ctx[0], c);
            case SUBTRACT -> subtract(ctx[0], c);
            case AUDIT_VALUE -> CompletableFuture.completedFuture(audit(ctx[0], c));
            default -> throw new CommandError(ErrorCode.NOT_IMPLEMENTED, c.kind() + " is not supported by the AGW");
        };
    }

    // ---------------------------------------------------------------- Add

    private CompletableFuture<CommandReply> add(ContextId cid, Ctx[] current, CommandRequest c) {
        IqTermination spec = reader.termination(c);           // IqException: the reader's code
        if (!spec.proto().name().toUpperCase(Locale.ROOT).startsWith("TCP")) {
            throw new CommandError(ErrorCode.NOT_IMPLEMENTED, "transport protocol " + spec.proto()
                    + " (the AGW relays TCP bearers only)");
        }
        MsrpPaths msrp = msrpPaths(c, spec, null);
        Term term;
        Term first = null;
        CompletableFuture<Void> released;
        synchronized (this) {
            Ctx ctx = current[0];
            if (ctx == null) {
                if (!cid.equals(ContextId.CHOOSE)) {
                    throw new CommandError(ErrorCode.UNKNOWN_CONTEXT_ID, "Add needs a context");
                }
                if (contexts.size() >= maxContexts) {
                    throw new CommandError(ErrorCode.INSUFFICIENT_RESOURCES, "all " + maxContexts + " contexts in use");
                }
                ctx = new Ctx(nextContext++);
            } else if (ctx.terms.size() >= 2) {
                throw new CommandError(ErrorCode.MAX_TERMINATIONS_IN_CONTEXT, "context " + ctx.id
                        + " already has two terminations");
            } else if (ctx.relay != null || ctx.finalStats != null) {
                throw new CommandError(ErrorCode.INSUFFICIENT_RESOURCES, "context " + ctx.id
                        + ": its bearer has ended; subtract and add again");
            }
            AgwRealm realm = realmFor(c, spec, ctx);
            term = new Term(realm.name() + "/" + nextTermination++, realm, ctx);
            term.spec = spec;
            term.msrp = msrp;
            term.events = spec.events();
            if (term.passive() && ctx.terms.isEmpty()) {
                term.bookedPort = book(realm, spec.local());
            } else if (term.passive() && spec.local().port() != org.mediasec.sdp.MediaDescription.PORT_CHOOSE) {
                term.bookedPort = book(realm, spec.local());   // a named port: booked now, handed to the relay
            }
            if (!ctx.terms.isEmpty()) {
                first = ctx.terms.get(0);
            }
            ctx.terms.add(term);
            terminations.put(term.id, term);
            if (current[0] == null) {
                contexts.put(ctx.id, ctx);
                current[0] = ctx;
            }
            LOG.debug("{} Add {} {} {} in realm {}", ctx.tag(), term.id, spec.proto(), spec.setup(), realm.name());
            if (first == null) {
                Term t = term;
                return hold(term).handle((v, e) -> {
                    synchronized (this) {
                        if (e != null) {
                            undoAdd(t.ctx, t);
                            throw new CommandError(ErrorCode.INSUFFICIENT_RESOURCES, "cannot listen on "
                                    + t.realm.name() + " port: " + e.getMessage());
                        }
                        return reply(CommandKind.ADD, t, localPort(t));
                    }
                });
            }
            openRelay(ctx, first, term);
            released = release(ctx.terms);
        }
        Ctx ctx = term.ctx;
        Term t = term;
        return released.thenCompose(v -> ctx.relay.open()).handle((relay, e) -> {
            synchronized (this) {
                if (e != null) {
                    // the relay failed to open (no port): this Add fails, the context keeps its first termination
                    undoAdd(ctx, t);
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    throw new CommandError(ErrorCode.INSUFFICIENT_RESOURCES, "bearer: " + cause.getMessage());
                }
                return reply(CommandKind.ADD, t, localPort(t));
            }
        });
    }

    private void undoAdd(Ctx ctx, Term t) {
        ctx.terms.remove(t);
        terminations.remove(t.id);
        BearerRelay r = ctx.relay;
        ctx.relay = null;
        ctx.finalStats = null;
        if (r != null) {
            r.close();
        }
        for (Term other : ctx.terms) {
            other.side = null;
            other.leg = null;
            if (other.passive()) {
                try {
                    other.bookedPort = relays.allocator(other.realm.realm()).next();
                    hold(other);                               // best effort: a failure leaves it unbooked
                } catch (IllegalStateException full) {
                    other.bookedPort = -1;
                }
            }
        }
        if (ctx.terms.isEmpty()) {
            contexts.remove(ctx.id);
        }
    }

    private int book(AgwRealm realm, MediaEndpoint local) {
        try {
            int port = local.port();
            return port == org.mediasec.sdp.MediaDescription.PORT_CHOOSE
                    ? relays.allocator(realm.realm()).next() : relays.allocator(realm.realm()).take(port);
        } catch (IllegalStateException e) {
            throw new CommandError(ErrorCode.INSUFFICIENT_RESOURCES, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandError(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, e.getMessage());
        }
    }

    /**
     * Listens on the booked port of a passive termination that is alone in its context, so the port is
     * really ours from the reply on (a socket that connects meanwhile is closed: the bearer does not
     * exist yet). A busy port is given back and the next one tried. Completes when listening.
     */
    private CompletableFuture<Void> hold(Term t) {
        if (t.bookedPort < 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        hold(t, t.spec.local().port() == org.mediasec.sdp.MediaDescription.PORT_CHOOSE
                ? Math.min(16, t.realm.realm().size()) : 1, done);
        return done;
    }

    private void hold(Term t, int attempts, CompletableFuture<Void> done) {
        int port = t.bookedPort;
        ChannelFuture f = new ServerBootstrap().group(transports.group().next(), transports.group().next())
                .channel(transports.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.close();
                    }
                })
                .bind(new InetSocketAddress(t.realm.realm().bindAddress(), port));
        f.addListener(r -> {
            synchronized (this) {
                if (r.isSuccess()) {
                    t.holder = f.channel();
                    done.complete(null);
                    return;
                }
                relays.allocator(t.realm.realm()).release(port);
                t.bookedPort = -1;
                if (attempts > 1) {
                    try {
                        t.bookedPort = relays.allocator(t.realm.realm()).next();
                    } catch (IllegalStateException full) {
                        done.completeExceptionally(full);
                        return;
                    }
                    hold(t, attempts - 1, done);
                } else {
                    done.completeExceptionally(r.cause());
                }
            }
        });
    }

    /** Gives a booked port back, once its holding listener is closed. */
    private CompletableFuture<Void> unbook(Term t) {
        int port = t.bookedPort;
        var allocator = relays.allocator(t.realm.realm());
        Channel h = t.holder;
        t.holder = null;
        t.bookedPort = -1;
        if (h == null) {
            allocator.release(port);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        h.close().addListener(x -> {
            allocator.release(port);
            done.complete(null);
        });
        return done;
    }

    /** Stops the listeners that held ports (the relay is about to listen there); completes when closed. */
    private static CompletableFuture<Void> release(List<Term> terms) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Term t : terms) {
            Channel h = t.holder;
            t.holder = null;
            if (h != null) {
                CompletableFuture<Void> c = new CompletableFuture<>();
                h.close().addListener(x -> c.complete(null));
                closing.add(c);
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /**
     * The realm of a new termination: {@code ipdc/realm} in LocalControl; else the id's prefix
     * ({@code core/$}); else a TLS-terminating one goes to the first (access) realm and any other to
     * the first realm no termination of the context uses yet.
     */
    private AgwRealm realmFor(CommandRequest c, IqTermination spec, Ctx ctx) {
        String named = realmProperty(c);
        String id = c.terminationId().text();
        if (named == null && !id.equals("$")) {
            int slash = id.indexOf('/');
            if (slash > 0 && id.substring(slash + 1).equals("$")) {
                named = id.substring(0, slash);
            } else {
                throw new CommandError(ErrorCode.UNKNOWN_TERMINATION_ID, "Add = " + id
                        + " (the AGW chooses its terminations: $ or <realm>/$)");
            }
        }
        if (named != null) {
            for (AgwRealm r : realms) {
                if (r.name().equalsIgnoreCase(named)) {
                    return r;
                }
            }
            throw new CommandError(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "realm " + named + " (known: "
                    + realms.stream().map(AgwRealm::name).toList() + ")");
        }
        if (spec.terminatesTls()) {
            return realms.get(0);
        }
        for (AgwRealm r : realms) {
            if (ctx.terms.stream().noneMatch(t -> t.realm == r)) {
                return r;
            }
        }
        return realms.get(realms.size() - 1);
    }

    private static String realmProperty(CommandRequest c) {
        MediaDescriptor m = c.descriptor(MediaDescriptor.class);
        if (m == null) {
            return null;
        }
        List<StreamParms> all = new ArrayList<>();
        if (m.defaultStream() != null) {
            all.add(m.defaultStream());
        }
        m.streams().forEach(s -> all.add(s.parms()));
        for (StreamParms p : all) {
            LocalControlDescriptor lc = p.localControl();
            if (lc == null) {
                continue;
            }
            for (PropertyParm pp : lc.properties()) {
                if (pp.name().equalsIgnoreCase(REALM_PROPERTY) && pp.value() instanceof PropertyParm.Value.Relation r) {
                    String v = r.value();
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
        }
        return null;
    }

    /** Makes (does not open) the relay of a context that now has its two terminations. */
    private void openRelay(Ctx ctx, Term first, Term second) {
        Term access = accessOf(first, second);
        Term core = access == first ? second : first;
        access.side = Side.ACCESS;
        core.side = Side.CORE;
        boolean passThrough = IqTermination.passThrough(List.of(first.spec, second.spec));
        for (Term t : List.of(first, second)) {
            t.leg = leg(t, passThrough);
        }
        ctx.relay = relays.newRelay("ctx" + ctx.id, access.leg, core.leg, new Listener(ctx));
        for (Term t : List.of(first, second)) {
            if (t.bookedPort > 0) {
                ctx.relay.adoptBookedPort(t.side);        // the relay owns the booked port from now on
                t.bookedPort = -1;
            }
        }
    }

    private Term accessOf(Term a, Term b) {
        if (a.spec.terminatesTls() != b.spec.terminatesTls()) {
            return a.spec.terminatesTls() ? a : b;
        }
        return realms.indexOf(b.realm) < realms.indexOf(a.realm) ? b : a;
    }

    private BearerLeg leg(Term t, boolean passThrough) {
        TcpSetup setup = t.passive() ? TcpSetup.PASSIVE : TcpSetup.ACTIVE;
        RemoteMedia rm = t.spec.remote();
        InetSocketAddress remote = rm == null ? null : new InetSocketAddress(rm.endpoint().address(), rm.endpoint().port());
        BearerLeg leg;
        if (t.spec instanceof TlsTermination) {
            leg = BearerLeg.tls(t.realm.realm(), setup, identity, rm == null ? List.of() : rm.fingerprints());
        } else if (passThrough && t.msrp == null) {
            leg = BearerLeg.passThrough(t.realm.realm(), setup);
        } else {
            leg = BearerLeg.plain(t.realm.realm(), setup);
        }
        leg = leg.withMsrp(t.msrp);
        if (setup == TcpSetup.PASSIVE && t.bookedPort > 0) {
            leg = leg.withPort(t.bookedPort);
        } else if (setup == TcpSetup.PASSIVE && t.leg != null && t.leg.port() != BearerLeg.CHOOSE) {
            leg = leg.withPort(t.leg.port());
        }
        return leg.withRemote(remote);
    }

    /** The port the termination's Local reports: the listening port of a passive leg, 9 for an active one. */
    private int localPort(Term t) {
        if (!t.passive()) {
            return ACTIVE_PORT;
        }
        if (t.ctx.relay != null && t.side != null) {
            InetSocketAddress a = t.ctx.relay.localAddress(t.side);
            if (a != null) {
                if (t.leg.port() == BearerLeg.CHOOSE) {
                    t.leg = t.leg.withPort(a.getPort());   // keep it for a later update
                }
                return a.getPort();
            }
            if (t.leg != null && t.leg.port() != BearerLeg.CHOOSE) {
                return t.leg.port();
            }
        }
        return t.bookedPort > 0 ? t.bookedPort : ACTIVE_PORT;
    }

    private CommandReply reply(CommandKind kind, Term t, int port) {
        MediaEndpoint chosen = MediaEndpoint.of(t.realm.advertisedAddress(), port);
        List<CertificateFingerprint> fps = t.spec instanceof TlsTermination tls && tls.requestLocalFingerprint()
                ? List.of(identity.fingerprint()) : List.of();
        IqLocal local = IqLocal.answer(t.spec, chosen, fps);
        return IqReplies.reply(kind, t.tid(), local, t.spec.remote());
    }

    /**
     * The MSRP-aware paths a command asks for ({@code docs/iq-profile.md} row 26): a Local
     * {@code a=path} on an application-aware proto; the Remote {@code a=path} when present, else the one
     * known before. Null when Local has no {@code a=path}. In the TrGW profile every termination that
     * asks the MG to terminate TLS or to parse MSRP is refused (449).
     */
    private MsrpPaths msrpPaths(CommandRequest c, IqTermination spec, MsrpPaths before) {
        var local = MsrpPathCoding.local(c);
        if (passThroughOnly && (spec.terminatesTls() || local.isPresent())) {
            throw new CommandError(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "TrGW profile: pass-through only; "
                    + (spec.terminatesTls() ? "transport protocol " + spec.proto() + " asks the MG to terminate TLS"
                    : "a=path in Local asks for MSRP-aware mode") + " (use TCP and no TLS information, row 25)");
        }
        if (local.isEmpty()) {
            return null;
        }
        if (spec.msrpHandling().orElse(MsrpHandling.APPLICATION_AGNOSTIC) != MsrpHandling.APPLICATION_AWARE) {
            throw new CommandError(ErrorCode.CONFLICTING_PROPERTY_VALUES, "a=path in Local asks for MSRP-aware mode, "
                    + "but " + spec.media() + " " + spec.proto() + " is application-agnostic (TS 23.334 §6.2.18.4)");
        }
        var remote = MsrpPathCoding.remote(c);
        return new MsrpPaths(local.get(), remote.orElse(before == null ? List.of() : before.remote()));
    }

    /** A Modify without Local: the Remote {@code a=path} updates an MSRP-aware termination's peer path. */
    private static MsrpPaths remotePath(CommandRequest c, MsrpPaths before) {
        if (before == null) {
            return null;
        }
        return MsrpPathCoding.remote(c).map(before::withRemote).orElse(before);
    }

    // ---------------------------------------------------------------- Modify

    private CompletableFuture<CommandReply> modify(Ctx ctx, CommandRequest c) {
        CompletableFuture<Void> bearer;
        Term t;
        IqTermination specBefore;
        MsrpPaths msrpBefore;
        synchronized (this) {
            t = find(ctx, c.terminationId());
            specBefore = t.spec;
            msrpBefore = t.msrp;
            IqTermination next;
            if (reader.hasLocal(c)) {
                next = reader.termination(c);
                if (next.terminatesTls() != t.spec.terminatesTls()
                        || (!next.proto().is(t.spec.proto()) && !turnsMsrpAware(t, next, c))) {
                    throw new CommandError(ErrorCode.CONFLICTING_PROPERTY_VALUES, "transport protocol " + t.spec.proto()
                            + " cannot change to " + next.proto() + " (subtract and add; only an application-agnostic "
                            + "MSRP termination may turn application-aware, with a=path in Local, iq-profile.md row 26)");
                }
                if (next.remote() == null && t.spec.remote() != null) {
                    next = withRemote(next, t.spec.remote());      // a descriptor left out stays as it was
                }
            } else {
                next = t.spec;
                var remote = reader.remote(c);
                if (remote.isPresent()) {
                    next = withRemote(next, remote.get());
                }
            }
            if (c.descriptor(EventsDescriptor.class) != null) {
                t.events = reader.events(c).orElse(null);      // a new Events descriptor replaces the old one
            }
            // a Local replaces the termination's Local, a=path included; a Remote alone updates the peer's path
            t.msrp = reader.hasLocal(c) ? msrpPaths(c, next, t.msrp) : remotePath(c, t.msrp);
            t.spec = next;
            LOG.debug("{} Modify {} remote {} setup {}", t.ctx.tag(), t.id, next.remote() == null ? "-"
                    : next.remote().endpoint(), next.setup());
            bearer = updateBearer(t);
        }
        return bearer.handle((v, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof BearerUpdateRefused refused) {
                synchronized (this) {
                    t.spec = specBefore;                       // the termination stays as it was
                    t.msrp = msrpBefore;
                }
                LOG.info("{} Modify {} refused: {}", t.ctx.tag(), t.id, refused.getMessage());
                throw new CommandError(ErrorCode.CONFLICTING_PROPERTY_VALUES, refused.getMessage());
            }
            if (cause instanceof IllegalStateException && t.passive()) {
                // the peer already connected to this listening leg: its Remote is only informative now
                LOG.debug("{} Modify {}: leg already connected, new Remote recorded only", t.ctx.tag(), t.id);
                cause = null;
            }
            if (cause != null) {
                throw new CommandError(cause instanceof IllegalArgumentException ? ErrorCode.CONFLICTING_PROPERTY_VALUES
                        : ErrorCode.NOT_IMPLEMENTED, "bearer: " + cause.getMessage());
            }
            synchronized (this) {
                return reply(CommandKind.MODIFY, t, localPort(t));
            }
        });
    }

    /**
     * A Modify that turns an application-agnostic MSRP termination application-aware: {@code TCP} to
     * {@code TCP/MSRP}, {@code TCP/TLS} to {@code TCP/TLS/MSRP} (TS 23.334 §6.2.18.4: "TCP" media "for
     * application-agnostic interworking" or "TCP/MSRP" media "for application-aware interworking"), with
     * the AGW's URI as Local {@code a=path} (iq-profile.md row 26). The IMS-ALG asks for it when the SDP
     * answer to an offer with {@code a=msrp-cema} has none (RFC 6714 §6.2); the bearer allows it only
     * while no octet has crossed the context ({@link BearerRelay#update}).
     */
    private static boolean turnsMsrpAware(Term t, IqTermination next, CommandRequest c) {
        return t.msrp == null && t.spec.msrpHandling().orElse(null) == MsrpHandling.APPLICATION_AGNOSTIC
                && next.msrpHandling().orElse(null) == MsrpHandling.APPLICATION_AWARE
                && MsrpPathCoding.local(c).isPresent();
    }

    private static IqTermination withRemote(IqTermination t, RemoteMedia remote) {
        try {
            return t instanceof TlsTermination tls ? tls.withRemote(remote) : ((PlainTermination) t).withRemote(remote);
        } catch (IllegalArgumentException e) {
            throw new CommandError(ErrorCode.CONFLICTING_PROPERTY_VALUES, e.getMessage());   // e.g. passive/passive
        }
    }

    private CompletableFuture<Void> updateBearer(Term t) {
        Ctx ctx = t.ctx;
        if (ctx.relay == null) {
            if (ctx.finalStats == null && !t.passive() && t.bookedPort > 0) {
                unbook(t);                                      // became active: no port to listen on
            } else if (ctx.finalStats == null && t.passive() && t.bookedPort < 0) {
                t.bookedPort = book(t.realm, t.spec.local());
                return hold(t);
            }
            return CompletableFuture.completedFuture(null);
        }
        if (ctx.relay.state() == BearerRelay.State.CLOSED || ctx.relay.state() == BearerRelay.State.CLOSING) {
            return CompletableFuture.completedFuture(null);   // the bearer ended (the MGC was told by Notify)
        }
        boolean passThrough = ctx.terms.size() == 2
                && IqTermination.passThrough(ctx.terms.stream().map(x -> x.spec).toList());
        BearerLeg next = leg(t, passThrough);
        if (!next.equals(t.leg) && t.leg != null && t.leg.setup() == TcpSetup.PASSIVE && next.setup() == TcpSetup.ACTIVE) {
            next = next.withPort(BearerLeg.CHOOSE);
        }
        CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
        if (!next.equals(t.leg)) {
            BearerLeg leg = next;
            f = ctx.relay.update(t.side, leg).thenRun(() -> {
                synchronized (this) {
                    t.leg = leg;
                }
            });
        }
        if (t.spec instanceof TlsTermination tls && tls.establish()) {
            BearerRelay relay = ctx.relay;
            Side side = t.side;
            f = f.thenCompose(v -> relay.establish(side));
        }
        return f;
    }

    private Term find(Ctx ctx, TerminationId id) {
        Term t = terminations.get(id.text());
        if (t == null) {
            for (Term x : terminations.values()) {
                if (x.id.equalsIgnoreCase(id.text())) {
                    t = x;
                }
            }
        }
        if (t == null) {
            throw new CommandError(ErrorCode.UNKNOWN_TERMINATION_ID, "unknown termination " + id);
        }
        if (ctx != null && t.ctx != ctx) {
            throw new CommandError(ErrorCode.TERMINATION_ID_NOT_IN_CONTEXT, "termination " + id + " is in context "
                    + t.ctx.id + ", not " + ctx.id);
        }
        return t;
    }

    // ---------------------------------------------------------------- Subtract

    private CompletableFuture<CommandReply> subtract(Ctx ctx, CommandRequest c) {
        List<Term> gone;
        CompletableFuture<RelayStats> stats;
        List<CompletableFuture<Void>> unbooked = new ArrayList<>();
        boolean removed = false;
        synchronized (this) {
            if (ctx == null) {
                throw new CommandError(ErrorCode.UNKNOWN_CONTEXT_ID, "Subtract needs a context");
            }
            if (c.terminationId().equals(TerminationId.ALL)) {
                gone = List.copyOf(ctx.terms);
            } else {
                gone = List.of(find(ctx, c.terminationId()));
            }
            for (Term t : gone) {
                ctx.terms.remove(t);
                terminations.remove(t.id);
                if (t.bookedPort > 0 && ctx.relay == null) {
                    unbooked.add(unbook(t));
                }
            }
            if (ctx.terms.isEmpty()) {
                removed = contexts.remove(ctx.id) != null;
            }
            LOG.debug("{} Subtract {}", ctx.tag(), gone.stream().map(t -> t.id).toList());
            if (ctx.relay != null) {
                ctx.subtracting = true;
                stats = ctx.relay.close();
            } else {
                stats = CompletableFuture.completedFuture(ctx.finalStats);
            }
        }
        if (removed) {
            for (var l : contextRemovedListeners) {
                try {
                    l.accept(ctx.id);
                } catch (RuntimeException e) {
                    LOG.warn("{} context-removed listener failed: {}", ctx.tag(), e.toString());
                }
            }
        }
        CompletableFuture<Void> portsFree = CompletableFuture.allOf(unbooked.toArray(CompletableFuture[]::new));
        return stats.thenCombine(portsFree, (s, v) -> s).thenApply(s -> {
            List<Descriptor> ds = new ArrayList<>();
            if (gone.size() == 1) {
                ds.add(new StatisticsDescriptor(statistics(gone.get(0), s, false)));
            }
            // Subtract = * answers for the context as a whole; each termination's statistics are in the log
            return new CommandReply(CommandKind.SUBTRACT, gone.size() == 1 ? gone.get(0).tid() : c.terminationId(), ds);
        });
    }

    private static List<Statistic> statistics(Term t, RelayStats s, boolean tlsToo) {
        LegStats leg = s == null || t.side == null ? null : s.leg(t.side);
        long durMs = (System.nanoTime() - t.added) / 1_000_000;
        List<Statistic> list = new ArrayList<>();
        list.add(new Statistic(OCTETS_SENT, Long.toString(leg == null ? 0 : leg.bytesOut())));
        list.add(new Statistic(OCTETS_RECEIVED, Long.toString(leg == null ? 0 : leg.bytesIn())));
        list.add(new Statistic(DURATION, Long.toString(durMs)));
        list.add(new Statistic(FRAMES_SENT, Long.toString(leg == null ? 0 : leg.writesOut())));
        list.add(new Statistic(FRAMES_RECEIVED, Long.toString(leg == null ? 0 : leg.readsIn())));
        if (tlsToo && leg != null && leg.tls() != null) {
            list.add(new Statistic(TLS_VERSION, quoted(leg.tls().version())));
            list.add(new Statistic(TLS_CIPHER, quoted(leg.tls().cipherSuite())));
            if (leg.tls().peerFingerprint() != null) {
                list.add(new Statistic(TLS_PEER_FINGERPRINT, quoted(leg.tls().peerFingerprint().toString())));
            }
        }
        return list;
    }

    // ---------------------------------------------------------------- AuditValue

    private CommandReply audit(Ctx ctx, CommandRequest c) {
        synchronized (this) {
            Term t = find(ctx, c.terminationId());
            RelayStats s = t.ctx.relay != null && t.ctx.finalStats == null ? t.ctx.relay.stats() : t.ctx.finalStats;
            CommandReply media = reply(CommandKind.AUDIT_VALUE, t, localPort(t));
            List<Descriptor> ds = new ArrayList<>(media.descriptors());
            ds.add(new StatisticsDescriptor(statistics(t, s, true)));
            return new CommandReply(CommandKind.AUDIT_VALUE, t.tid(), ds);
        }
    }

    // ---------------------------------------------------------------- bearer events

    private final class Listener implements BearerListener {
        private final Ctx ctx;

        Listener(Ctx ctx) {
            this.ctx = ctx;
        }

        @Override
        public void legEstablished(BearerRelay relay, LegStats leg) {
            if (leg.transport().terminatesTls()) {
                metrics.tlsHandshake(true);
            }
        }

        @Override
        public void failed(BearerRelay relay, BearerFailure failure) {
            metrics.bearerFailure();
            if (failure.kind().isTlsEstablishment()) {
                metrics.tlsHandshake(false);
            }
            notifyFailure(ctx, failure.side(), IqFailure.of(cause(failure.kind()), failure.detail()));
        }

        @Override
        public void closed(BearerRelay relay, RelayStats stats) {
            metrics.relayed(stats.access().bytesIn(), stats.core().bytesIn());
            boolean subtracting;
            synchronized (AgwContexts.this) {
                ctx.finalStats = stats;
                subtracting = ctx.subtracting;
            }
            for (var l : relayClosedListeners) {
                try {
                    l.accept(stats);
                } catch (RuntimeException e) {
                    LOG.warn("{} relay-closed listener failed: {}", ctx.tag(), e.toString());
                }
            }
            if (!subtracting && stats.failure() == null && stats.releasedBy() != null) {
                notifyFailure(ctx, stats.releasedBy(), IqFailure.of(FailureCause.BEARER_RELEASED, "peer closed"));
            }
        }
    }

    static FailureCause cause(BearerFailure.Kind kind) {
        return switch (kind) {
            case TLS_FINGERPRINT_MISMATCH -> FailureCause.TLS_FINGERPRINT_MISMATCH;
            case TLS_HANDSHAKE_FAILED -> FailureCause.TLS_HANDSHAKE_FAILURE;
            case TLS_HANDSHAKE_TIMEOUT -> FailureCause.TLS_HANDSHAKE_TIMEOUT;
            case TCP_CONNECT_REFUSED -> FailureCause.TCP_CONNECT_FAILURE;
            case TCP_CONNECT_TIMEOUT -> FailureCause.TCP_CONNECT_TIMEOUT;
            default -> FailureCause.TCP_BEARER_FAILURE;
        };
    }

    private void notifyFailure(Ctx ctx, Side side, IqFailure failure) {
        ActionRequest notify;
        synchronized (this) {
            if (ctx.subtracting) {
                return;
            }
            Term t = null;
            for (Term x : ctx.terms) {
                if (x.side == side) {
                    t = x;
                }
            }
            if (t == null || t.events == null) {
                LOG.debug("{} {} failure {} not reported (no g/cause requested)", ctx.tag(), side, failure.failureCauseText());
                return;
            }
            notify = IqNotify.action(ctx.contextId(), t.tid(), t.events.requestId(), now(), failure);
            LOG.info("{} Notify {} g/cause {}", ctx.tag(), t.id, failure.failureCauseText());
        }
        metrics.notifySent();
        try {
            notifier.apply(notify).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.info("{} Notify not answered: {}", ctx.tag(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{} Notify not sent: {}", ctx.tag(), e.toString());
        }
    }

    static TimeNotation now() {
        ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC);
        return new TimeNotation(String.format(Locale.ROOT, "%04d%02d%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth()),
                String.format(Locale.ROOT, "%02d%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond(),
                        t.getNano() / 10_000_000));
    }

    private static String quoted(String s) {
        return '"' + quotable(s) + '"';
    }

    private static String quotable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            sb.append(ch == '"' ? '\'' : ch < 0x20 || ch > 0x7E ? ' ' : ch);
        }
        return sb.toString();
    }

    /** Closes every relay (blocks: not on an event loop); the model is left empty. */
    public void close() {
        List<Channel> holders = new ArrayList<>();
        synchronized (this) {
            for (Term t : terminations.values()) {
                if (t.holder != null) {
                    holders.add(t.holder);
                    t.holder = null;
                }
            }
            contexts.clear();
            terminations.clear();
        }
        for (Channel h : holders) {
            h.close().syncUninterruptibly();           // not under the lock: the loops may need it
        }
        relays.close();
    }
}
