package org.mediasec.h248.netty;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mediasec.h248.H248Message;
import org.mediasec.h248.transaction.H248Receiver;
import org.mediasec.h248.transaction.H248Transport;
import org.mediasec.transport.TpktFrameDecoder;
import org.mediasec.transport.TpktFrameEncoder;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

/**
 * H.248 over TCP (Annex D.2): {@code TpktFrameDecoder → H248StreamCodec → receiver}, one connection
 * per peer. It listens when given a bind address (an MGC) and connects on demand when asked to send
 * to a peer it has no connection to (an MG, or an MG handed off to another MGC). Every channel runs
 * on one event loop, the one that owns the transaction layer, so no locks are needed.
 */
public final class H248TcpTransport implements H248Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H248TcpTransport.class);
    /** Messages held per peer while its connection is being opened. */
    private static final int MAX_QUEUED = 64;

    private final Transports transports;
    private final EventLoop loop;
    private final H248TransportConfig config;
    private final H248Receiver receiver;
    private final Map<InetSocketAddress, Channel> connections = new HashMap<>();
    private final Map<InetSocketAddress, List<H248Message>> connecting = new HashMap<>();
    private Channel server;

    private H248TcpTransport(Transports transports, EventLoop loop, H248TransportConfig config, H248Receiver receiver) {
        this.transports = transports;
        this.loop = loop;
        this.config = config;
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Listens on {@code config.bind()} (blocks until bound; do not call on an event loop). */
    public static H248TcpTransport listen(Transports transports, EventLoop loop, H248TransportConfig config,
                                          H248Receiver receiver) {
        H248TcpTransport t = new H248TcpTransport(transports, loop, config, receiver);
        ServerBootstrap b = new ServerBootstrap().group(loop, loop).channel(transports.serverSocketChannel())
                .childHandler(t.initializer());
        t.server = b.bind(config.bind()).syncUninterruptibly().channel();
        LOG.info("[h248] tcp listening on {}", t.server.localAddress());
        return t;
    }

    /** A transport that only connects out (an MG): connections open when the first message is sent. */
    public static H248TcpTransport client(Transports transports, EventLoop loop, H248TransportConfig config,
                                          H248Receiver receiver) {
        return new H248TcpTransport(transports, loop, config, receiver);
    }

    private ChannelInitializer<SocketChannel> initializer() {
        H248StreamCodec codec = new H248StreamCodec(config.style(), config.codec());
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast("tpkt-decoder", new TpktFrameDecoder());
                p.addLast("tpkt-encoder", TpktFrameEncoder.INSTANCE);
                p.addLast("h248-codec", codec);
                p.addLast("h248-receiver", new Connection());
            }
        };
    }

    @Override
    public boolean reliable() {
        return true;
    }

    @Override
    public void send(InetSocketAddress peer, H248Message message) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(peer, message));
            return;
        }
        Channel ch = connections.get(peer);
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(message);
            return;
        }
        List<H248Message> queue = connecting.get(peer);
        if (queue != null) {
            if (queue.size() < MAX_QUEUED) {
                queue.add(message);
            } else {
                LOG.warn("[h248] tcp {} still connecting; dropped a message", peer);
            }
            return;
        }
        queue = new ArrayList<>();
        queue.add(message);
        connecting.put(peer, queue);
        Bootstrap b = new Bootstrap().group(loop).channel(transports.socketChannel()).handler(initializer());
        if (config.bind().getAddress() != null && !config.bind().getAddress().isAnyLocalAddress() && server == null) {
            b.localAddress(new InetSocketAddress(config.bind().getAddress(), 0));
        }
        ChannelFuture f = b.connect(peer);
        f.addListener(done -> {
            List<H248Message> held = connecting.remove(peer);
            if (!done.isSuccess()) {
                LOG.debug("[h248] tcp connect to {} failed: {}", peer, done.cause().toString());
                return;
            }
            Channel c = f.channel();
            connections.put(peer, c);
            for (H248Message m : held) {
                c.write(m);
            }
            c.flush();
        });
    }

    /** The listening address (null for a client-only transport). */
    public InetSocketAddress localAddress() {
        return server == null ? null : (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        loop.submit(() -> {
            List<Channel> all = new ArrayList<>(connections.values());
            connections.clear();
            return all;
        }).syncUninterruptibly().getNow().forEach(c -> c.close().awaitUninterruptibly());
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    private final class Connection extends ChannelInboundHandlerAdapter {
        private InetSocketAddress peer;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            peer = (InetSocketAddress) ctx.channel().remoteAddress();
            connections.putIfAbsent(peer, ctx.channel());
            LOG.debug("[h248] tcp connected {}", peer);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof H248Inbound in) {
                receiver.received(in.sender(), in.result());
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer != null && connections.remove(peer, ctx.channel())) {
                LOG.debug("[h248] tcp closed {}", peer);
                receiver.disconnected(peer);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("[h248] tcp {}: {}", peer, cause.toString());
            ctx.close();
        }
    }
}
