package org.mediasec.agw.bearer;

import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.msrp.netty.MsrpFrameDecoder;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the sockets of a relay's legs, all on the relay's event loop: a passive leg books a port and
 * listens (trying the next port of the realm while the chosen one is busy) and keeps the first
 * connection it accepts; an active leg connects from its realm address. Every channel gets the same
 * pipeline: {@link WireCounter}, the {@code SslHandler} on a TLS-terminating leg, in MSRP-aware mode
 * the msrp module's {@code MsrpFrameDecoder} and {@link MsrpPathRewriter}, {@link LegHandler}.
 * Channels start with {@code autoRead} off; the relay decides when to read.
 */
final class LegSockets {
    private static final Logger LOG = LoggerFactory.getLogger(LegSockets.class);

    private final BearerRelay relay;
    private final EventLoop loop;
    private final Transports transports;
    private final LegTlsContexts tlsContexts;
    private final BearerConfig config;

    LegSockets(BearerRelay relay, EventLoop loop, Transports transports, LegTlsContexts tlsContexts,
               BearerConfig config) {
        this.relay = relay;
        this.loop = loop;
        this.transports = transports;
        this.tlsContexts = tlsContexts;
        this.config = config;
    }

    /** Books a port and listens; tells the relay when listening or failing. */
    void listen(Leg leg, int attemptsLeft) {
        boolean chosen = leg.spec.port() == BearerLeg.CHOOSE;
        int port;
        try {
            if (leg.portHandedOver) {
                leg.portHandedOver = false;            // booked by the caller (BearerRelay.adoptBookedPort)
                port = leg.port;
            } else {
                port = chosen ? leg.ports.next() : leg.ports.take(leg.spec.port());
            }
        } catch (RuntimeException e) {
            relay.fail(BearerFailure.of(leg.side, BearerFailure.Kind.BIND_FAILED, e.getMessage(), e));
            return;
        }
        leg.port = port;
        InetSocketAddress address = new InetSocketAddress(leg.spec.realm().bindAddress(), port);
        ServerBootstrap b = new ServerBootstrap().group(loop, loop)
                .channel(transports.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 8)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, readSizes(leg))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted(leg, ch);
                    }
                });
        ChannelFuture f = b.bind(address);
        leg.listener = f.channel();
        relay.track(leg.listener);
        f.addListener(r -> {
            if (relay.ending() || leg.listener != f.channel()) {
                return;                                // ending (the port is released then) or no longer passive
            }
            if (r.isSuccess()) {
                leg.local = (InetSocketAddress) leg.listener.localAddress();
                LOG.debug("[bearer {}] {} listening on {}", relay.id(), leg.side, LegStats.text(leg.local));
                relay.listening();
                return;
            }
            leg.ports.release(port);
            leg.port = -1;
            leg.listener = null;
            if (chosen && attemptsLeft > 1 && Failures.addressInUse(r.cause())) {
                LOG.debug("[bearer {}] {} port {} busy, trying the next", relay.id(), leg.side, port);
                listen(leg, attemptsLeft - 1);
            } else {
                relay.fail(BearerFailure.of(leg.side, BearerFailure.Kind.BIND_FAILED, "cannot listen on "
                        + LegStats.text(address) + ": " + r.cause(), r.cause()));
            }
        });
    }

    private void accepted(Leg leg, Channel ch) {
        relay.track(ch);
        if (!relay.waiting() || leg.channel != null || leg.listener == null) {
            LOG.debug("[bearer {}] {} refusing {} ({})", relay.id(), leg.side, ch.remoteAddress(), relay.state());
            ch.close();
            return;
        }
        leg.channel = ch;
        leg.remote = (InetSocketAddress) ch.remoteAddress();
        leg.local = (InetSocketAddress) ch.localAddress();
        // one connection per termination: stop listening (the port stays booked until the relay ends)
        leg.listener.close();
        leg.listener = null;
        initPipeline(leg, ch);
    }

    /** Connects an active leg to its remote address, from its realm's address. */
    void connect(Leg leg) {
        InetSocketAddress remote = leg.spec.remote();
        Bootstrap b = new Bootstrap().group(loop)
                .channel(transports.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .option(ChannelOption.RCVBUF_ALLOCATOR, readSizes(leg))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initPipeline(leg, ch);
                    }
                });
        LOG.debug("[bearer {}] {} connecting to {}", relay.id(), leg.side, LegStats.text(remote));
        ChannelFuture f = b.connect(remote, new InetSocketAddress(leg.spec.realm().bindAddress(), 0));
        leg.channel = f.channel();
        relay.track(leg.channel);
        f.addListener(r -> {
            if (!r.isSuccess()) {
                relay.fail(Failures.classify(leg, r.cause()));
            }
        });
    }

    private void initPipeline(Leg leg, Channel ch) {
        try {
            ch.pipeline().addLast("wire", new WireCounter(leg));
            if (leg.spec.transport().terminatesTls()) {
                ch.pipeline().addLast("tls", tlsHandler(leg, ch));
            }
            ch.pipeline().addLast("relay", new LegHandler(leg));
            if (leg.spec.msrp() != null) {
                addMsrpHandlers(leg, ch);
            }
        } catch (RuntimeException e) {
            ch.close();
            relay.fail(BearerFailure.of(leg.side, leg.spec.transport().terminatesTls()
                    ? BearerFailure.Kind.TLS_HANDSHAKE_FAILED : BearerFailure.Kind.TCP_ERROR,
                    "cannot set up the leg: " + e.getMessage(), e));
        }
    }

    /**
     * MSRP application-aware mode on {@code ch}: the msrp module's {@code MsrpFrameDecoder} and
     * {@link MsrpPathRewriter} in front of the relay handler. Also for a connected leg that a Modify
     * turns aware before any octet crossed its context ({@link BearerRelay#update}); nothing when the
     * pipeline has no relay handler yet (its initializer adds them) or has them already.
     */
    static void addMsrpHandlers(Leg leg, Channel ch) {
        if (ch.pipeline().get("relay") == null || ch.pipeline().get("msrp-frames") != null) {
            return;
        }
        ch.pipeline().addBefore("relay", "msrp-frames", new MsrpFrameDecoder(MsrpLimits.DEFAULT));
        ch.pipeline().addBefore("relay", "msrp-paths", new MsrpPathRewriter(leg));
    }

    /**
     * A handler pinning this leg's fingerprints (they may have changed until now); the pin verdict is
     * captured for the failure report. An accepted UE is named by where it really connected from
     * (logs, the mismatch text), not by its SDP.
     */
    private io.netty.handler.ssl.SslHandler tlsHandler(Leg leg, Channel ch) {
        InetSocketAddress peer = leg.remote != null ? leg.remote : leg.spec.remote();
        return tlsContexts.newHandler(leg, ch, peer, config.tls());
    }

    /**
     * Socket reads from 64 octets to {@link BearerConfig#maxReadSize()}, adapting to the traffic; the
     * handle counts spliced reads too ({@link CountingReadHandle}).
     */
    private CountingReadHandle readSizes(Leg leg) {
        return new CountingReadHandle(leg, config.maxReadSize());
    }

    private WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(config.lowWaterMark(), config.highWaterMark());
    }
}
