package org.mediasec.msrp.netty;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpException;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.msrp.internal.DefaultMsrpSession;
import org.mediasec.msrp.relay.MsrpRelayClient;
import org.mediasec.msrp.relay.MsrpRelayClientHandler;
import org.mediasec.msrp.relay.MsrpRelayConfig;
import org.mediasec.msrp.relay.MsrpRelayException;
import org.mediasec.msrp.relay.RelayBinding;
import org.mediasec.msrp.session.MsrpConnectionInfo;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningListener;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsRole;
import org.mediasec.transport.EventLoopTimers;
import org.mediasec.transport.Transports;

/**
 * Where MSRP sessions live on the network: listens on one port for the sessions whose
 * {@code a=path} names it, and connects out for the sessions where this side is active (RFC 4145
 * {@code a=setup}, RFC 6135). {@code msrps} endpoints run TLS with the {@code tls} module: each side
 * presents {@link LocalIdentity} and accepts only a certificate matching the peer's
 * {@code a=fingerprint} (the TCP-active side is the TLS client).
 *
 * <p>Pipeline: {@code [SslHandler] → MsrpFrameDecoder → MsrpMessageEncoder.INSTANCE → MsrpOutbound →
 * MsrpConnectionHandler}; {@link MsrpOutbound} is the one writer of the connection (streamed chunks,
 * RFC 4975 §7.1.1).
 * Outgoing connections are reused by later sessions toward the same address with the same pins; a
 * connection closes when its last session closes.
 *
 * <p>Event loops come from {@link Transports} (owned by the caller); each session runs on one loop.
 */
public final class MsrpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpEndpoint.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(DefaultMsrpSession session, MsrpSessionSpec spec) {
    }

    private final Transports transports;
    private final boolean secure;
    private final LocalIdentity identity;
    private final TlsOptions tls;
    private final MsrpSessionConfig config;
    private final MsrpLimits limits;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<MsrpConnectionHandler>> outbound = new ConcurrentHashMap<>();
    private final RelayLegs relayLegs = new RelayLegs();
    private final ChannelGroup channels = new DefaultChannelGroup("msrp", GlobalEventExecutor.INSTANCE);
    private volatile Channel server;
    private volatile SslContext serverContext;
    private volatile boolean closed;

    private MsrpEndpoint(Transports transports, boolean secure, LocalIdentity identity, TlsOptions tls,
                         MsrpSessionConfig config, MsrpLimits limits) {
        this.transports = Objects.requireNonNull(transports, "transports");
        this.secure = secure;
        this.identity = identity;
        this.tls = tls;
        this.config = Objects.requireNonNull(config, "config");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** An {@code msrps} endpoint presenting {@code identity}; {@code tls} names provider, versions and pinning listener. */
    public static MsrpEndpoint tls(Transports transports, LocalIdentity identity, TlsOptions tls, MsrpSessionConfig config) {
        return new MsrpEndpoint(transports, true, Objects.requireNonNull(identity, "identity"),
                Objects.requireNonNull(tls, "tls"), config, MsrpLimits.DEFAULT);
    }

    /** A plain-TCP {@code msrp} endpoint. */
    public static MsrpEndpoint plain(Transports transports, MsrpSessionConfig config) {
        return new MsrpEndpoint(transports, false, null, null, config, MsrpLimits.DEFAULT);
    }

    public boolean secure() {
        return secure;
    }

    /** Our certificate's SHA-256 fingerprint, for our SDP's {@code a=fingerprint}. */
    public CertificateFingerprint fingerprint() {
        if (identity == null) {
            throw new IllegalStateException("plain endpoint: no certificate");
        }
        return identity.fingerprint();
    }

    /** Binds the listening socket; returns the bound address (port 0 picks one). */
    public InetSocketAddress listen(InetSocketAddress address) throws InterruptedException {
        if (server != null) {
            throw new IllegalStateException("already listening on " + server.localAddress());
        }
        if (secure) {
            serverContext = TlsContexts.server(identity, new SessionPinsTrustManager(this::expectedPins, tls.listener()), tls);
        }
        ServerBootstrap b = new ServerBootstrap().group(transports.group())
                .channel(transports.serverSocketChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (serverContext != null) {
                            ch.pipeline().addLast(TlsContexts.newHandler(serverContext, ch, null, tls));
                        }
                        initMsrp(ch, new MsrpConnectionHandler(MsrpEndpoint.this, false));
                    }
                });
        server = b.bind(address).sync().channel();
        channels.add(server);
        LOG.info("[msrp] listening on {} ({})", server.localAddress(), secure ? "msrps" : "msrp");
        return (InetSocketAddress) server.localAddress();
    }

    /** The bound address, once {@link #listen} returned. */
    public InetSocketAddress localAddress() {
        if (server == null) {
            throw new IllegalStateException("not listening");
        }
        return (InetSocketAddress) server.localAddress();
    }

    /** A fresh URI for a local session on this endpoint: {@code msrp[s]://host:port/<random>;tcp}. */
    public MsrpUri newLocalUri(String host) {
        return MsrpUri.of(secure, host, localAddress().getPort(), MsrpTransactionIds.random(RANDOM));
    }

    /**
     * Opens a session: registers it under its local URI and, when this side is active, connects (or
     * reuses a connection) and sends the initial SEND. Watch {@link MsrpSession#connected()}. A host
     * name (not an IP literal) in the connect target is resolved on the calling thread: do not call
     * this from an event loop with such targets. The passive side must open its session before the
     * peer can connect (i.e. before sending its answer).
     */
    public MsrpSession open(MsrpSessionSpec spec, MsrpSessionListener listener) {
        return open(spec, config, listener);
    }

    /**
     * {@link #open(MsrpSessionSpec, MsrpSessionListener)} with this session's own tuning instead of the
     * endpoint's, e.g. a smaller {@link MsrpSessionConfig#chunkSize()} for a session behind a relay that
     * frames less. Kamailio's msrp module (5.x, {@code msrp_env.c}) hands a frame to its routing script
     * with {@code $msrp(...)} set only while the whole frame is shorter than
     * {@code MSRP_FAKED_SIPMSG_EXTRA - 1} = 11,239 octets: give such sessions chunks of 8 KiB.
     */
    public MsrpSession open(MsrpSessionSpec spec, MsrpSessionConfig config, MsrpSessionListener listener) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("endpoint closed");
        }
        if (spec.secure() != secure) {
            throw new IllegalArgumentException("spec: " + (spec.secure() ? "msrps" : "msrp") + " session on a "
                    + (secure ? "msrps" : "msrp") + " endpoint");
        }
        String key = sessionKey(spec.localUri());
        RelayLegs.Leg leg = null;
        if (spec.viaRelay()) {
            leg = relayLegs.take(spec.usePath()).orElseThrow(() -> new IllegalArgumentException("spec: a=path "
                    + spec.localPath() + " goes through a relay, but no connection of this endpoint holds the Use-Path "
                    + spec.usePath() + " (authenticateToRelay first; one Use-Path per session)"));
        }
        EventLoop loop = transports.group().next();
        MsrpSessionConfig sessionConfig = spec.localMaxSize()
                .map(max -> config.withMaxMessageSize(Math.min(max, config.maxMessageSize()))).orElse(config);
        DefaultMsrpSession session = new DefaultMsrpSession(spec.localPath(), spec.remotePath(), sessionConfig, loop,
                new EventLoopTimers(loop), listener, this::sessionClosed);
        session.limits(spec.acceptTypes(), spec.remoteMaxSize().orElse(Long.MAX_VALUE));
        if (sessions.putIfAbsent(key, new Entry(session, spec)) != null) {
            if (leg != null) {
                relayLegs.putBack(leg);
            }
            throw new IllegalArgumentException("spec: local URI " + spec.localUri() + " is already in use");
        }
        if (leg != null) {
            // RFC 4976 §5.2: "once the next-hop URI is determined, the client MUST find the appropriate
            // address, port, and transport to use and then check if there is already a suitable existing
            // connection to the next-hop target. If so, the client MUST send the request over the most
            // suitable connection." The next hop is our relay; the only suitable connection is the one
            // the Use-Path was obtained on. We open it, so we send the initial SEND (RFC 4975 §5.4).
            leg.connection().attach(session);
            session.bind(leg.connection(), true);
        } else if (spec.active()) {
            connect(spec, session, loop);
        } else {
            session.expectConnection();
        }
        return session;
    }

    private void connect(MsrpSessionSpec spec, DefaultMsrpSession session, EventLoop loop) {
        String key = spec.connectTo().getHostString() + ":" + spec.connectTo().getPort() + " "
                + spec.remoteFingerprints().stream().map(CertificateFingerprint::toString).sorted().collect(Collectors.joining(","));
        CompletableFuture<MsrpConnectionHandler> f = outbound.computeIfAbsent(key, k -> dial(spec.connectTo(), spec.remoteFingerprints(), loop));
        f.whenComplete((conn, err) -> {
            if (err != null) {
                outbound.remove(key, f);
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                session.fail(cause.getMessage());
                return;
            }
            conn.attach(session);
            session.bind(conn, true);
        });
    }

    /**
     * Opens a connection; the future fails with an {@link MsrpException} whose message is the reason
     * every session waiting on this connection reports (the trust manager's verdict on a refused
     * certificate, else the connect or handshake error).
     */
    private CompletableFuture<MsrpConnectionHandler> dial(InetSocketAddress connectTo, List<CertificateFingerprint> pins,
                                                          EventLoop loop) {
        AtomicReference<String> refusal = new AtomicReference<>();
        MsrpConnectionHandler handler = new MsrpConnectionHandler(this, true);
        SslContext ctx = null;
        TlsOptions options = null;
        if (secure) {
            PinningListener downstream = tls.listener();
            options = tls.withListener(new PinningListener() {
                @Override
                public void verified(TlsRole localRole, String peer, CertificateFingerprint matched) {
                    downstream.verified(localRole, peer, matched);
                }

                @Override
                public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                                    List<CertificateFingerprint> received, String reason) {
                    refusal.set(reason);
                    downstream.refused(localRole, peer, expected, received, reason);
                }
            });
            ctx = TlsContexts.client(identity, pins, options);
        }
        SslContext clientContext = ctx;
        TlsOptions clientOptions = options;
        InetSocketAddress target = connectTo.isUnresolved()
                ? new InetSocketAddress(connectTo.getHostString(), connectTo.getPort()) : connectTo;
        Bootstrap b = new Bootstrap().group(loop).channel(transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (clientContext != null) {
                            ch.pipeline().addLast(TlsContexts.newHandler(clientContext, ch, target, clientOptions));
                        }
                        initMsrp(ch, handler);
                    }
                });
        LOG.debug("[msrp] connecting to {} ({})", target, secure ? "msrps" : "msrp");
        ChannelFuture cf = b.connect(target);
        channels.add(cf.channel());
        cf.addListener(r -> {
            if (!r.isSuccess()) {
                handler.ready().completeExceptionally(r.cause());
            }
        });
        CompletableFuture<MsrpConnectionHandler> result = new CompletableFuture<>();
        handler.ready().whenComplete((h, e) -> {
            if (e == null) {
                result.complete(h);
            } else {
                result.completeExceptionally(new MsrpException(MsrpStatus.SESSION_DOES_NOT_EXIST,
                        failureReason(connectTo, refusal.get(), e)));
            }
        });
        return result;
    }

    /**
     * Connects to an RFC 4976 relay over TLS (its certificate must match {@code relayPins}) and
     * authenticates with AUTH and HTTP digest ({@link MsrpRelayClient}); the future completes with the
     * binding or fails with the reason ({@link MsrpRelayException}, or an {@link MsrpException} when the
     * connection or handshake fails). The connection stays up, renewing the binding before it expires,
     * for one session: advertise {@code binding.advertisedPath(relay.local())} as our {@code a=path},
     * then {@link #open} the session whose {@link MsrpSessionSpec#localPath()} is that path. Its requests
     * go to the relay on this connection with To-Path = Use-Path + the peer's {@code a=path} and
     * From-Path = our URI (RFC 4976 §5.1). A failed renewal closes the connection and fails the session.
     * RFC 4976 §5.1: "the client MUST NOT reuse the same URI for multiple sessions": call this once per
     * session.
     */
    public CompletableFuture<RelayBinding> authenticateToRelay(MsrpRelayConfig relay,
                                                              List<CertificateFingerprint> relayPins) {
        Objects.requireNonNull(relay, "relay");
        if (!secure) {
            // RFC 4976 §9.2: "Client-to-relay communications MUST use TLS for AUTH requests and responses."
            throw new IllegalStateException("plain endpoint: a client reaches its relay over TLS (msrps endpoint needed)");
        }
        if (relayPins.isEmpty()) {
            throw new IllegalArgumentException("relayPins: empty (the relay's certificate must be pinned)");
        }
        if (closed) {
            throw new IllegalStateException("endpoint closed");
        }
        MsrpUri r = relay.relay();
        String host = r.host().startsWith("[") ? r.host().substring(1, r.host().length() - 1) : r.host();
        InetSocketAddress target = InetSocketAddress.createUnresolved(host, r.effectivePort());
        return dial(target, List.copyOf(relayPins), transports.group().next()).thenCompose(conn -> {
            Channel ch = conn.channel();
            MsrpRelayClientHandler auth = MsrpRelayClientHandler.attach(ch, relay, new EventLoopTimers(ch.eventLoop()),
                    RANDOM, new MsrpRelayClient.Listener() {
                        @Override
                        public void onFailed(MsrpRelayException error) {
                            conn.closeBecause(error);
                        }
                    });
            return auth.authenticate().whenComplete((binding, err) -> {
                if (err != null) {
                    ch.close();
                } else {
                    relayLegs.add(binding, conn);
                    LOG.info("[msrp] authenticated to relay {} over {}: Use-Path {}", r, conn.describe(), binding.usePath());
                }
            });
        });
    }

    private void initMsrp(Channel ch, MsrpConnectionHandler handler) {
        channels.add(ch);
        // One flush per message (no FlushConsolidationHandler): each MSRP message then travels in its own
        // TLS record(s). Consolidating flushes put several messages in one record, which tshark 4.0's MSRP
        // dissector (behind the TLS port map) cannot split, and it showed no measured gain (the load run
        // uses its own pipeline). Revisit with a dissector that handles several messages per record.
        // MsrpOutbound sits on the tail side of the encoder: every message written on the channel passes it,
        // so none goes out inside an open streamed chunk.
        // large SEND bodies stay in direct memory (SpooledSend): a spilled chunk is written to its file from there
        ch.pipeline().addLast(MsrpFrameDecoder.withDirectBodies(limits), MsrpMessageEncoder.INSTANCE, new MsrpOutbound(RANDOM),
                handler);
    }

    private static String failureReason(InetSocketAddress connectTo, String refusal, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        String where = connectTo.getHostString() + ":" + connectTo.getPort();
        if (refusal != null) {
            return "TLS handshake with " + where + " refused: " + refusal;
        }
        return "cannot connect to " + where + ": " + cause;
    }

    // ------------------------------------------------------------------ called by connections

    /** The session whose local URI matches {@code toPathFirst} (RFC 4975 §6.1 comparison), or null. */
    DefaultMsrpSession sessionFor(MsrpUri toPathFirst) {
        Entry e = sessions.get(sessionKey(toPathFirst));
        return e != null && e.spec.localUri().matches(toPathFirst) ? e.session : null;
    }

    /**
     * Whether a request for {@code s} may use {@code conn}: on TLS, the connection's peer certificate
     * must match the pins of that session (the handshake only checked it against the pins of all
     * sessions). Attaches the session to the connection when first seen on it; the session itself
     * answers 506 when it is already bound to another connection.
     */
    boolean admit(MsrpConnectionHandler conn, DefaultMsrpSession s) {
        if (conn.serves(s)) {
            return true;
        }
        Entry e = sessions.values().stream().filter(x -> x.session == s).findFirst().orElse(null);
        if (e == null) {
            return false;
        }
        if (secure) {
            byte[] der = conn.peerCertificate();
            if (der == null || e.spec.remoteFingerprints().stream().noneMatch(fp -> fp.matches(der))) {
                LOG.warn("[msrp] {} presented a certificate that is not pinned for session {}: 481", conn.describe(),
                        s.localUri());
                return false;
            }
        }
        conn.attach(s);
        return true;
    }

    void connectionClosed(MsrpConnectionHandler conn) {
        relayLegs.closed(conn);
        outbound.values().removeIf(f -> f.isDone() && !f.isCompletedExceptionally() && f.join() == conn);
    }

    /** Detaches a closed session from its connections; an outgoing connection with no session left closes. */
    private void sessionClosed(DefaultMsrpSession s) {
        sessions.values().removeIf(e -> e.session == s);
        for (Channel ch : channels) {
            MsrpConnectionHandler conn = ch.pipeline().get(MsrpConnectionHandler.class);
            if (conn != null && conn.serves(s) && conn.detach(s) && conn.outbound()) {
                connectionClosed(conn);
                ch.close();
            }
        }
    }

    /** The pins of every session we expect a connection for (server-side trust). */
    private Collection<CertificateFingerprint> expectedPins() {
        Set<CertificateFingerprint> pins = new LinkedHashSet<>();
        for (Entry e : sessions.values()) {
            pins.addAll(e.spec.remoteFingerprints());
        }
        return pins;
    }

    private static String sessionKey(MsrpUri uri) {
        return uri.sessionId().orElse("");
    }

    /**
     * The connection {@code session} is bound to: addresses, and on TLS the negotiated version and
     * cipher suite. Empty before the session is connected and after it is closed.
     */
    public Optional<MsrpConnectionInfo> connectionInfo(MsrpSession session) {
        if (!(session instanceof DefaultMsrpSession s)) {
            return Optional.empty();
        }
        for (Channel ch : channels) {
            MsrpConnectionHandler conn = ch.pipeline().get(MsrpConnectionHandler.class);
            if (conn == null || !conn.serves(s) || !ch.isActive()) {
                continue;
            }
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            Optional<String> version = Optional.empty();
            Optional<String> cipher = Optional.empty();
            if (ssl != null) {
                javax.net.ssl.SSLSession tlsSession = ssl.engine().getSession();
                version = Optional.ofNullable(tlsSession.getProtocol());
                cipher = Optional.ofNullable(tlsSession.getCipherSuite());
            }
            return Optional.of(new MsrpConnectionInfo((InetSocketAddress) ch.localAddress(),
                    (InetSocketAddress) ch.remoteAddress(), conn.outbound(), version, cipher));
        }
        return Optional.empty();
    }

    /** Number of open connections (listening socket excluded). */
    public int connectionCount() {
        return (int) channels.stream().filter(c -> c != server && c.isOpen()).count();
    }

    /** Closes every session, connection and the listening socket; waits up to 5 s. */
    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Entry e : new ArrayList<>(sessions.values())) {
            done.add(e.session.closeAsync());
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception ex) {
            LOG.warn("[msrp] sessions did not close within 5 s: {}", ex.toString());
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (server != null) {
            LOG.info("[msrp] closed {}", server.localAddress());
        }
    }

    @Override
    public String toString() {
        return "MsrpEndpoint[" + (secure ? "msrps" : "msrp") + " " + Optional.ofNullable(server).map(Channel::localAddress)
                .map(Object::toString).orElse("not listening") + ", " + sessions.size() + " sessions]";
    }
}
