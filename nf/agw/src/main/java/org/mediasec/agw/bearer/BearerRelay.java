package org.mediasec.agw.bearer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.mediasec.common.TimerService;
import org.mediasec.transport.EventLoopTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the access and the core TCP bearer of one H.248 context: terminates TLS on a
 * TLS leg (fingerprint-pinned, RFC 8122), relays bytes untouched on plain and pass-through legs,
 * both directions, with backpressure end to end.
 *
 * <p><b>Establishment</b> is lazy, in TCP merge mode (see {@link TcpSetup}): passive legs listen from
 * {@link #open()}; an active leg connects when the other leg is established (or is active too, or
 * {@link #establish(Side)} asks). Bytes flow once both legs are established.
 *
 * <p><b>Data path.</b> The {@code ByteBuf} read on one leg is written as is on the other (no copy;
 * on a TLS leg Netty's {@code SslHandler} decrypts or encrypts it once). Reads are manual
 * ({@code autoRead} off until both legs are up); when the other leg's pending outbound bytes pass the
 * high water mark, reads on this leg stop ({@code autoRead} off) until that leg drains below the low
 * water mark, so a relay holds about {@code highWaterMark} plus one socket read per direction, whatever
 * the peers do. Two legs that both carry bytes untouched are spliced instead on epoll
 * ({@link SplicedLegs}, {@link BearerConfig#splice()}): no copy into user space, backpressure by
 * the pipe, counters through the read handle.
 *
 * <p><b>Ending.</b> When one leg closes, the other is flushed and closed; on a failure the failing
 * leg is closed at once and the other flushed and closed ({@link BearerConfig#closeTimeout()} bounds
 * the flush). When every socket is closed, the relay releases its ports, timers and held buffers and
 * reports final {@link RelayStats} to {@link BearerListener#closed} and to {@link #close()}'s future.
 *
 * <p><b>Threads.</b> A relay lives on one event loop of the process group: its listeners, accepted and
 * connected channels and timers all run there, so its state needs no locks. Public methods may be
 * called from any thread; they hand the work to that loop.
 */
public final class BearerRelay {
    private static final Logger LOG = LoggerFactory.getLogger(BearerRelay.class);

    /** Life cycle of a relay. */
    public enum State {
        /** Created, nothing bound. */
        NEW,
        /** Listening and/or connecting; not both legs up yet. */
        WAITING,
        /** Both legs up: bytes flow. */
        ESTABLISHED,
        /** Closing its sockets. */
        CLOSING,
        /** Everything released. */
        CLOSED
    }

    private final String id;
    private final BearerRelays owner;
    private final BearerConfig config;
    private final BearerListener listener;
    private final EventLoop loop;
    private final TimerService timers;
    private final LegSockets sockets;
    private final Leg access;
    private final Leg core;
    private final List<Channel> channels = new ArrayList<>(4);
    private final CompletableFuture<BearerRelay> opened = new CompletableFuture<>();
    private final CompletableFuture<RelayStats> closed = new CompletableFuture<>();
    private volatile State state = State.NEW;
    private volatile BearerFailure failure;
    private volatile Side releasedBy;
    private int liveChannels;
    private TimerService.Timeout closeTimer;
    /** One leg was turned MSRP-aware by a Modify, the other not yet: nothing is read meanwhile. */
    private boolean awareSwitchPending;

    BearerRelay(String id, BearerRelays owner, EventLoop loop, BearerLeg access, BearerLeg core,
                BearerListener listener) {
        this.id = id;
        this.owner = owner;
        this.config = owner.config();
        this.listener = listener;
        this.loop = loop;
        this.timers = new EventLoopTimers(loop);
        this.sockets = new LegSockets(this, loop, owner.transports(), owner.tlsContexts(), config);
        this.access = new Leg(this, Side.ACCESS, access, owner.allocator(access.realm()));
        this.core = new Leg(this, Side.CORE, core, owner.allocator(core.realm()));
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** The leg's local address: the listener's for a passive leg once bound, the socket's once connected. */
    public InetSocketAddress localAddress(Side side) {
        return leg(side).local;
    }

    /** A snapshot of the statistics (final once {@link State#CLOSED}). */
    public RelayStats stats() {
        return new RelayStats(id, state, access.stats(), core.stats(), failure, releasedBy);
    }

    /**
     * Starts the relay: passive legs allocate their port and listen; active legs connect if nothing
     * is to be waited for. Completes when every passive leg listens ({@link #localAddress(Side)} then
     * gives the ports for the H.248 Local descriptors), exceptionally if the relay failed first.
     */
    public CompletableFuture<BearerRelay> open() {
        return onLoop(() -> {
            if (state != State.NEW) {
                throw new IllegalStateException("relay " + id + " already opened (" + state + ")");
            }
            state = State.WAITING;
            LOG.debug("[bearer {}] opening: access {}, core {}", id, access.spec, core.spec);
            for (Leg leg : List.of(access, core)) {
                if (leg.spec.setup() == TcpSetup.PASSIVE) {
                    sockets.listen(leg, leg.spec.port() == BearerLeg.CHOOSE ? leg.ports.realm().size() : 1);
                }
            }
            for (Leg leg : List.of(access, core)) {
                maybeConnect(leg);
            }
            checkOpened();
            return null;
        }).thenCompose(v -> opened);
    }

    /**
     * Before {@link #open()}: the passive leg's port ({@link BearerLeg#port()}) is already booked in
     * its realm's {@link PortAllocator} by the caller (the H.248 layer books it when the first
     * termination of a context is added, to answer with it), who hands it over: the relay listens on
     * it without booking it again and releases it when it ends, as its own.
     *
     * @throws IllegalStateException when the relay was opened, or the leg is not passive with a named port
     */
    public BearerRelay adoptBookedPort(Side side) {
        Leg leg = leg(side);
        if (state != State.NEW || leg.spec.setup() != TcpSetup.PASSIVE || leg.spec.port() == BearerLeg.CHOOSE
                || leg.port >= 0) {
            throw new IllegalStateException("relay " + id + " " + side + ": only a passive leg with a named port, "
                    + "before open() (" + state + ", " + leg.spec + ")");
        }
        leg.port = leg.spec.port();
        leg.portHandedOver = true;
        return this;
    }

    /**
     * Changes a leg that is not connected yet (a Modify): its MSRP-aware paths (also once connected,
     * when the leg is already MSRP-aware), its remote address (Remote descriptor
     * {@code c=}/{@code m=}), its peer fingerprints, and once its setup role from passive to active
     * (the AGW offered {@code a=setup:actpass} by listening and the peer answered {@code passive}:
     * the AGW becomes the TCP and TLS client; its listener closes and its port is released). An
     * active leg then connects if it may.
     *
     * <p><b>Turning MSRP-aware</b> (a leg that relayed bytes gets {@link BearerLeg#msrp()}; a
     * pass-through leg becomes {@link BearerTransport#PLAIN_TCP}): allowed, connected or not, while no
     * octet has crossed the context in either direction; a connected leg then gets the MSRP handlers in
     * front of its relay handler, so the first octet it reads is parsed. Until the other leg is aware
     * too (its own Modify), reads of an established relay stop and an establishing one waits before it
     * starts to flow, so no message meets a leg whose paths are unknown. Refused
     * ({@link BearerUpdateRefused}) once octets crossed the context (the peers' MSRP sessions were set
     * up through the byte relay with the paths they saw, and a parser started mid-stream has no frame
     * boundary to start from) and while the relay splices in the kernel.
     *
     * @throws IllegalArgumentException (in the future) when anything else changes
     * @throws IllegalStateException    (in the future) when the leg is connected or the relay closing
     * @throws BearerUpdateRefused      (in the future) when a leg may no longer turn MSRP-aware
     */
    public CompletableFuture<Void> update(Side side, BearerLeg spec) {
        return onLoop(() -> {
            Leg leg = leg(side);
            BearerLeg old = leg.spec;
            boolean toActive = old.setup() == TcpSetup.PASSIVE && spec.setup() == TcpSetup.ACTIVE;
            boolean turnsAware = old.msrp() == null && spec.msrp() != null;
            boolean sameKind = old.transport() == spec.transport()
                    || (toActive && old.transport().terminatesTls() && spec.transport().terminatesTls())
                    || (turnsAware && old.transport() == BearerTransport.PASS_THROUGH
                        && spec.transport() == BearerTransport.PLAIN_TCP);
            if (!old.realm().equals(spec.realm()) || !sameKind || old.identity() != spec.identity()
                    || (old.setup() != spec.setup() && !toActive) || (!toActive && old.port() != spec.port())) {
                throw new IllegalArgumentException(side + ": only the remote address, the peer fingerprints, the "
                        + "MSRP-aware paths and passive to active may change (was " + old + ", now " + spec + ")");
            }
            if (state == State.CLOSING || state == State.CLOSED) {
                throw new IllegalStateException("relay " + id + " " + side + ": cannot update a closed leg (" + state + ")");
            }
            if (turnsAware) {
                String why = awareRefusal();
                if (why != null) {
                    throw new BearerUpdateRefused("relay " + id + " " + side + ": cannot turn MSRP-aware: " + why);
                }
            }
            if (leg.channel != null) {
                if (turnsAware && !toActive) {
                    // connected: the new Remote is only informative now; the first octet read is parsed
                    leg.spec = spec;
                    LegSockets.addMsrpHandlers(leg, leg.channel);
                } else if (old.msrp() != null && old.withMsrp(spec.msrp()).equals(spec)) {
                    leg.spec = spec;                       // MSRP-aware: the peer's a=path, read per message
                    return null;
                } else {
                    throw new IllegalStateException("relay " + id + " " + side + ": cannot update a connected leg ("
                            + state + ")");
                }
            } else {
                leg.spec = spec;
                if (toActive) {
                    stopListening(leg);
                }
            }
            if (turnsAware) {
                awareSwitched(leg);
            }
            maybeConnect(leg);
            return null;
        });
    }

    /** Why no leg of this relay may turn MSRP-aware now, or null when it may. */
    private String awareRefusal() {
        long up = access.bytesIn;
        long down = core.bytesIn;
        if (up + down > 0) {
            return (up + down) + " octets already crossed this context (access to core " + up + ", core to access "
                    + down + "): the peers set up their MSRP sessions through the byte relay with the paths they saw, "
                    + "and a parser started mid-stream has no frame boundary to start from; subtract and add again";
        }
        if (access.splicing || core.splicing) {
            return "its octets are spliced in the kernel (bearer.splice), where the AGW cannot parse MSRP";
        }
        return null;
    }

    /**
     * A leg turned MSRP-aware: while its peer relays bytes, reads stop (established) or the flow waits
     * (establishing); once both are aware, reads resume or the flow starts.
     */
    private void awareSwitched(Leg leg) {
        Leg other = leg.peer();
        if (other.spec.msrp() == null) {
            awareSwitchPending = true;
            LOG.debug("[bearer {}] {} turned MSRP-aware; the {} leg not yet: reads held", id, leg.side, other.side);
            if (state == State.ESTABLISHED) {
                for (Leg l : List.of(access, core)) {
                    l.channel.config().setAutoRead(false);
                }
            }
            return;
        }
        awareSwitchPending = false;
        LOG.debug("[bearer {}] both legs MSRP-aware ({})", id, state);
        if (state == State.ESTABLISHED) {
            for (Leg l : List.of(access, core)) {
                if (!l.paused) {
                    l.channel.config().setAutoRead(true);
                }
            }
        } else if (state == State.WAITING && access.ready && core.ready) {
            startFlowing();
        }
    }

    private void stopListening(Leg leg) {
        Channel l = leg.listener;
        int port = leg.port;
        leg.listener = null;
        leg.port = -1;
        leg.local = null;
        LOG.debug("[bearer {}] {} becomes active: no longer listening on port {}", id, leg.side, port);
        if (l != null) {
            l.close().addListener(f -> {
                if (port >= 0) {
                    leg.ports.release(port);
                }
            });
        } else if (port >= 0) {
            leg.ports.release(port);
        }
    }

    /**
     * Asks an active leg to connect now, without waiting for the other leg ("Establish (D)TLS
     * session" / "start TCP connection establishment"); it connects as soon as its remote address is known.
     */
    public CompletableFuture<Void> establish(Side side) {
        return onLoop(() -> {
            Leg leg = leg(side);
            if (leg.spec.setup() != TcpSetup.ACTIVE) {
                throw new IllegalStateException("relay " + id + " " + side + " is passive: the peer connects");
            }
            leg.establishRequested = true;
            maybeConnect(leg);
            return null;
        });
    }

    /**
     * Flushes and closes both legs, releases sockets, listeners, ports, timers and buffers; completes
     * with the final statistics. Idempotent.
     */
    public CompletableFuture<RelayStats> close() {
        onLoop(() -> {
            end(null);
            return null;
        });
        return closed;
    }

    /** Completes with the final statistics once the relay is closed, whoever closed it. */
    public CompletableFuture<RelayStats> closeFuture() {
        return closed;
    }

    Leg leg(Side side) {
        return side == Side.ACCESS ? access : core;
    }

    // ---------------------------------------------------------------- establishment

    /** A passive leg listens now. */
    void listening() {
        checkOpened();
    }

    /** Waiting for the legs: connections may be accepted and made. */
    boolean waiting() {
        return state == State.WAITING;
    }

    /** Closing or closed. */
    boolean ending() {
        return state == State.CLOSING || state == State.CLOSED;
    }

    private void checkOpened() {
        if (state != State.WAITING && state != State.ESTABLISHED) {
            return;
        }
        for (Leg leg : List.of(access, core)) {
            if (leg.spec.setup() == TcpSetup.PASSIVE && leg.local == null) {
                return;
            }
        }
        opened.complete(this);
    }

    private void maybeConnect(Leg leg) {
        if (state != State.WAITING || leg.spec.setup() != TcpSetup.ACTIVE || leg.channel != null
                || leg.spec.remote() == null) {
            return;
        }
        Leg other = leg.peer();
        if (!(other.ready || other.spec.setup() == TcpSetup.ACTIVE || leg.establishRequested)) {
            return;
        }
        sockets.connect(leg);
    }

    void onActive(Leg leg, ChannelHandlerContext ctx) {
        leg.local = (InetSocketAddress) ctx.channel().localAddress();
        leg.remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (leg.spec.transport().terminatesTls()) {
            ctx.read();                                // the SslHandler reads on by itself until the handshake ends
        } else {
            legReady(leg);
        }
    }

    void onHandshake(Leg leg, SslHandshakeCompletionEvent e) {
        if (state != State.WAITING) {
            return;
        }
        if (!e.isSuccess()) {
            fail(Failures.classify(leg, e.cause()));
            return;
        }
        if (leg.pins == null || leg.pins.verified == null) {
            // fail closed: a handshake that verified no pin (a resumed session skips the certificate check)
            fail(BearerFailure.of(leg.side, BearerFailure.Kind.TLS_HANDSHAKE_FAILED,
                    "TLS handshake completed without a pinned certificate check (session resumed?)", null));
            return;
        }
        SSLSession s = leg.channel.pipeline().get(SslHandler.class).engine().getSession();
        leg.tls = new TlsInfo(s.getProtocol(), s.getCipherSuite(), leg.pins.verified, leg.pins.verified != null);
        legReady(leg);
    }

    private void legReady(Leg leg) {
        if (state != State.WAITING) {
            return;
        }
        leg.ready = true;
        LOG.debug("[bearer {}] {} up: {}", id, leg.side, leg.stats().summary());
        notifyListener(l -> l.legEstablished(this, leg.stats()));
        if (state != State.WAITING) {
            return;                                    // the listener closed the relay
        }
        Leg other = leg.peer();
        if (other.ready) {
            startFlowing();
        } else {
            maybeConnect(other);
        }
    }

    private void startFlowing() {
        if (awareSwitchPending) {
            LOG.debug("[bearer {}] both legs up; waiting for the other termination to turn MSRP-aware", id);
            return;
        }
        if ((access.spec.msrp() == null) != (core.spec.msrp() == null)) {
            // one leg parses MSRP and the other relays bytes: the sessions' paths would not match (fail closed)
            Side plain = access.spec.msrp() == null ? Side.ACCESS : Side.CORE;
            fail(BearerFailure.of(plain, BearerFailure.Kind.MSRP_ERROR, "MSRP-aware mode on the " + plain.other()
                    + " termination only: the " + plain + " termination has no a=path in its Local descriptor", null));
            return;
        }
        state = State.ESTABLISHED;
        LOG.info("[bearer {}] established: {} | {}", id, brief(access), brief(core));
        notifyListener(l -> l.established(this, stats()));
        if (state != State.ESTABLISHED) {
            return;                                    // the listener closed the relay; held buffers go at the end
        }
        for (Leg leg : List.of(access, core)) {
            Leg to = leg.peer();
            for (ByteBuf b; (b = leg.held.poll()) != null; ) {
                to.write(b);
            }
            leg.heldBytes = 0;
            to.channel.flush();
        }
        if (config.splice() && SplicedLegs.possible(access, core)) {
            for (Leg leg : List.of(access, core)) {
                SplicedLegs.start(leg, f -> {
                    if (!f.isSuccess() && state == State.ESTABLISHED) {
                        Leg blamed = leg.peer().channel.isActive() ? leg : leg.peer();
                        fail(Failures.classify(blamed, f.cause()));
                    }
                });
            }
            LOG.debug("[bearer {}] splicing both directions", id);
        }
        for (Leg leg : List.of(access, core)) {
            if (state != State.ESTABLISHED) {
                return;
            }
            if (leg.peer().channel.isWritable()) {
                leg.channel.config().setAutoRead(true);
            } else {
                pauseReads(leg);
            }
        }
    }

    // ---------------------------------------------------------------- data path

    void onRead(Leg leg, ByteBuf buf) {
        leg.bytesIn += buf.readableBytes();
        leg.readsIn++;
        if (state == State.ESTABLISHED) {
            Leg to = leg.peer();
            to.write(buf);
            if (!to.channel.isWritable()) {
                // past the high water mark: hand what is queued to the socket now, and pause reads only when
                // the socket really cannot take it (else every 64 KiB read of a bulk transfer paused and
                // resumed, two epoll_ctl calls each, and a long read loop queued far past the mark). What
                // stays queued is at most the high water mark plus one read.
                to.channel.flush();
                if (!to.channel.isWritable()) {
                    pauseReads(leg);
                }
            }
        } else if (state == State.WAITING) {
            leg.held.add(buf);
            leg.heldBytes += buf.readableBytes();
            if (leg.heldBytes > config.maxHeldBytes()) {
                fail(BearerFailure.of(leg.side, BearerFailure.Kind.OVERFLOW, leg.heldBytes
                        + " bytes received before the " + leg.side.other() + " leg was up (limit "
                        + config.maxHeldBytes() + ")", null));
            }
        } else {
            buf.release();
        }
    }

    void onReadComplete(Leg leg) {
        if (state == State.ESTABLISHED) {
            leg.peer().channel.flush();
        }
    }

    void onWritabilityChanged(Leg leg) {
        if (state != State.ESTABLISHED) {
            return;
        }
        Leg reader = leg.peer();
        if (leg.channel.isWritable()) {
            resumeReads(reader);
        } else {
            pauseReads(reader);
        }
    }

    private void pauseReads(Leg leg) {
        if (leg.paused) {
            return;
        }
        leg.paused = true;
        leg.readPauses++;
        leg.channel.config().setAutoRead(false);
        LOG.trace("[bearer {}] {} reads paused", id, leg.side);
        notifyListener(l -> l.readsPaused(this, leg.side));
    }

    private void resumeReads(Leg leg) {
        if (!leg.paused) {
            return;
        }
        leg.paused = false;
        if (awareSwitchPending) {
            return;                                    // reads stay held until both legs are MSRP-aware
        }
        leg.channel.config().setAutoRead(true);
        LOG.trace("[bearer {}] {} reads resumed", id, leg.side);
        notifyListener(l -> l.readsResumed(this, leg.side));
    }

    // ---------------------------------------------------------------- ending

    void onInactive(Leg leg) {
        if (state == State.WAITING || state == State.ESTABLISHED) {
            LOG.debug("[bearer {}] {} closed by the peer", id, leg.side);
            releasedBy = leg.side;
            end(null);
        }
    }

    /**
     * A splicing leg's peer sent its FIN (half-closure is allowed only while splicing): what is still
     * in the socket goes to the other leg behind the queued splices, then the relay ends as on a close.
     */
    void onInputShutdown(Leg leg) {
        if (state == State.ESTABLISHED && leg.splicing) {
            try {
                long n = SplicedLegs.drain(leg, b -> onRead(leg, b));
                LOG.debug("[bearer {}] {} sent its FIN; {} octets read after the last splice", id, leg.side, n);
            } catch (IOException e) {
                fail(Failures.classify(leg, e));
                return;
            }
            leg.peer().channel.flush();
        }
        onInactive(leg);
    }

    void onException(Leg leg, Throwable cause) {
        if (state == State.WAITING || state == State.ESTABLISHED) {
            fail(Failures.classify(leg, cause));
        } else {
            LOG.debug("[bearer {}] {} after close: {}", id, leg.side, cause.toString());
        }
    }

    void fail(BearerFailure f) {
        end(f);
    }

    private void end(BearerFailure f) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        state = State.CLOSING;
        if (f != null) {
            failure = f;
            LOG.warn("[bearer {}] {} {}: {}", id, f.side(), f.kind(), f.detail());
            notifyListener(l -> l.failed(this, f));
        }
        for (Leg leg : List.of(access, core)) {
            if (leg.listener != null) {
                leg.listener.close();
            }
            Channel ch = leg.channel;
            if (ch == null || !ch.isOpen()) {
                continue;
            }
            ch.config().setAutoRead(false);
            if ((f != null && f.side() == leg.side) || !ch.isActive()) {
                ch.close();
            } else {
                // flush what the other side sent, then close (TLS: close_notify)
                ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
        if (!opened.isDone()) {
            opened.completeExceptionally(new IllegalStateException("relay " + id + " ended before it was open"
                    + (f == null ? "" : ": " + f)));
        }
        closeTimer = timers.schedule(config.closeTimeout(), () -> {
            LOG.debug("[bearer {}] close timeout: closing what is left", id);
            channels.forEach(Channel::close);
        });
        maybeFinish();
    }

    /** Counts {@code ch} among the relay's sockets until it is closed. */
    void track(Channel ch) {
        channels.add(ch);
        owner.track(ch);
        liveChannels++;
        ch.closeFuture().addListener(f -> {
            liveChannels--;
            maybeFinish();
        });
    }

    private void maybeFinish() {
        if (state != State.CLOSING || liveChannels > 0) {
            return;
        }
        state = State.CLOSED;
        if (closeTimer != null) {
            closeTimer.cancel();
        }
        for (Leg leg : List.of(access, core)) {
            leg.releaseHeld();
            if (leg.port >= 0) {
                leg.ports.release(leg.port);
                leg.port = -1;
            }
            leg.listener = null;
        }
        channels.clear();
        RelayStats s = stats();
        LOG.info("[bearer {}] closed{}: {} | {}", id, failure != null ? " after " + failure.kind()
                        : releasedBy != null ? " by the " + releasedBy + " peer" : "",
                s.access().summary(), s.core().summary());
        owner.closed(this);
        notifyListener(l -> l.closed(this, s));
        closed.complete(s);
    }

    // ---------------------------------------------------------------- helpers

    private static String brief(Leg leg) {
        TlsInfo tls = leg.tls;
        return leg.side + " " + leg.spec.transport() + "/" + leg.spec.setup() + " " + LegStats.text(leg.local)
                + "<->" + LegStats.text(leg.remote)
                + (tls == null ? "" : " " + tls);
    }

    private void notifyListener(Consumer<BearerListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("[bearer {}] listener failed", id, e);
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        };
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
        return f;
    }

    @Override
    public String toString() {
        return "BearerRelay[" + id + " " + state + " access " + access.spec + ", core " + core.spec + "]";
    }
}
