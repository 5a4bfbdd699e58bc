package org.mediasec.tls;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Netty TLS endpoints on loopback for tests: a server that answers each received text with
 * {@code reply}, and a client that sends a text once the handshake is done. Every outcome is a
 * future; nothing sleeps.
 *
 * <p>{@link #lineByLine()} peers (the interop tests', through this module's test-jar) instead
 * take everything up to the first newline as the received text, and a server answers that first
 * line once, and may then close (close_notify).
 */
final class TlsTestPeers implements AutoCloseable {
    /** What one endpoint saw: handshake outcome, negotiated protocol, first text received. */
    static final class Side {
        final CompletableFuture<String> handshake = new CompletableFuture<>();   // protocol, or the failure
        final CompletableFuture<String> received = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
    }

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final boolean lines;

    TlsTestPeers() {
        this(false);
    }

    private TlsTestPeers(boolean lines) {
        this.lines = lines;
    }

    /** Peers whose received text is the first line, and whose server answers that line once. */
    static TlsTestPeers lineByLine() {
        return new TlsTestPeers(true);
    }

    /** Binds a server on 127.0.0.1:0 that replies {@code reply} to the first text it gets. */
    Channel server(SslContext ctx, TlsOptions options, String reply, Side side) throws InterruptedException {
        return server(ctx, options, reply, false, side);
    }

    /** As {@link #server(SslContext, TlsOptions, String, Side)}; closes after the reply if {@code closeAfterReply}. */
    Channel server(SslContext ctx, TlsOptions options, String reply, boolean closeAfterReply, Side side)
            throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(TlsContexts.newHandler(ctx, ch, null, options));
                        ch.pipeline().addLast(new Endpoint(side, lines, reply, closeAfterReply, null));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Connects to {@code port}; sends {@code text} after the handshake. */
    Channel client(SslContext ctx, TlsOptions options, int port, String text, Side side) throws InterruptedException {
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", port);
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(TlsContexts.newHandler(ctx, ch, remote, options));
                        ch.pipeline().addLast(new Endpoint(side, lines, null, false, text));
                    }
                })
                .connect(remote).sync().channel();
    }

    static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Endpoint extends ChannelInboundHandlerAdapter {
        private final Side side;
        private final boolean lines;
        private final String reply;
        private final boolean closeAfterReply;
        private final String send;
        private final StringBuilder line = new StringBuilder();

        Endpoint(Side side, boolean lines, String reply, boolean closeAfterReply, String send) {
            this.side = side;
            this.lines = lines;
            this.reply = reply;
            this.closeAfterReply = closeAfterReply;
            this.send = send;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    side.handshake.complete(ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                    if (send != null) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer(send, StandardCharsets.UTF_8));
                    }
                } else {
                    side.handshake.completeExceptionally(e.cause());
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            if (!lines) {
                try {
                    side.received.complete(buf.toString(StandardCharsets.UTF_8));
                    if (reply != null) {
                        answer(ctx);
                    }
                } finally {
                    buf.release();
                }
                return;
            }
            try {
                line.append(buf.toString(StandardCharsets.UTF_8));
            } finally {
                buf.release();
            }
            int nl = line.indexOf("\n");
            if (nl >= 0 && !side.received.isDone()) {
                side.received.complete(line.substring(0, nl));
                if (reply != null) {
                    answer(ctx);
                }
            }
        }

        private void answer(ChannelHandlerContext ctx) {
            var f = ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8));
            if (closeAfterReply) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            side.handshake.completeExceptionally(cause);
            side.received.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            side.closed.complete(null);
            side.handshake.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
            side.received.completeExceptionally(new IllegalStateException(
                    lines ? "closed before a line arrived: " + line : "closed before data arrived"));
            ctx.fireChannelInactive();
        }
    }
}
