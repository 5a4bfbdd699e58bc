package org.mediasec.agw.bearer;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * A test endpoint's last handler: records what it receives (kept, or checked against {@link #pattern}
 * for big transfers), can stream a pattern while respecting its channel's writability, and exposes
 * every outcome as a future. Nothing sleeps.
 */
final class Probe extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Channel> active = new CompletableFuture<>();
    /** The negotiated TLS protocol, or the handshake failure. */
    final CompletableFuture<String> handshake = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final boolean keep;
    private final boolean tls;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private volatile long received;
    private volatile long firstMismatch = -1;
    private long target = Long.MAX_VALUE;
    private CompletableFuture<Long> reached;

    private volatile Channel channel;
    private long streamTotal;
    private volatile long sent;
    private CompletableFuture<Long> unwritable;
    private boolean startReading;

    /**
     * @param keep         keep the received bytes (else check them against the pattern)
     * @param tls          a TLS endpoint (the stream starts after the handshake)
     * @param startReading whether the channel reads from the start (else {@link #resumeReading()})
     */
    Probe(boolean keep, boolean tls, boolean startReading) {
        this.keep = keep;
        this.tls = tls;
        this.startReading = startReading;
    }

    static byte pattern(long offset) {
        return (byte) ((offset * 131) ^ (offset >>> 11));
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.channel().config().setAutoRead(startReading);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active.complete(ctx.channel());
        if (!tls) {
            handshake.complete("none");
        } else if (!startReading) {
            ctx.read();                              // the handshake must progress even when paused
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (e.isSuccess()) {
                handshake.complete(ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                pump(ctx.channel());
            } else {
                handshake.completeExceptionally(e.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
            int n = b.readableBytes();
            long base = received;
            if (keep) {
                synchronized (data) {
                    b.getBytes(b.readerIndex(), data, n);
                }
            } else if (firstMismatch < 0) {
                byte[] chunk = new byte[n];                // one access: paranoid leak detection records each
                b.getBytes(b.readerIndex(), chunk);
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != pattern(base + i)) {
                        firstMismatch = base + i;
                        break;
                    }
                }
            }
            received = base + n;
            synchronized (this) {
                if (reached != null && received >= target) {
                    reached.complete(received);
                    reached = null;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            b.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            pump(ctx.channel());
        } else {
            synchronized (this) {
                if (unwritable != null) {
                    unwritable.complete(sent);
                    unwritable = null;
                }
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed.complete(null);
        synchronized (this) {
            if (reached != null) {
                reached.completeExceptionally(new AssertionError("closed after " + received + " bytes, waiting for "
                        + target));
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Completes when at least {@code n} bytes were received in total. */
    synchronized CompletableFuture<Long> awaitBytes(long n) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        if (received >= n) {
            f.complete(received);
        } else {
            target = n;
            reached = f;
        }
        return f;
    }

    long received() {
        return received;
    }

    long sent() {
        return sent;
    }

    /** The offset of the first byte that differed from the pattern, or -1. */
    long firstMismatch() {
        return firstMismatch;
    }

    byte[] data() {
        synchronized (data) {
            return data.toByteArray();
        }
    }

    /** Sends {@code bytes} (after the TLS handshake, if any). */
    void send(byte[] bytes) {
        handshake.thenRun(() -> channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
    }

    /** Streams {@code total} pattern bytes, writing only while the channel is writable. */
    void stream(long total) {
        handshake.thenRun(() -> channel.eventLoop().execute(() -> {
            streamTotal = total;
            pump(channel);
        }));
    }

    /** Completes (with the bytes sent so far) the next time the channel turns unwritable while streaming. */
    CompletableFuture<Long> awaitUnwritable() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            synchronized (this) {
                if (sent < streamTotal && !channel.isWritable()) {
                    f.complete(sent);
                } else {
                    unwritable = f;
                }
            }
        });
        return f;
    }

    void resumeReading() {
        channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
    }

    private void pump(Channel ch) {
        if (!ch.eventLoop().inEventLoop()) {
            ch.eventLoop().execute(() -> pump(ch));
            return;
        }
        boolean wrote = false;
        while (sent < streamTotal && ch.isActive() && ch.isWritable()) {
            int n = (int) Math.min(16 * 1024, streamTotal - sent);
            long base = sent;
            byte[] chunk = new byte[n];
            for (int i = 0; i < n; i++) {
                chunk[i] = pattern(base + i);
            }
            ByteBuf b = ch.alloc().buffer(n);
            b.writeBytes(chunk);
            ch.write(b, ch.voidPromise());
            sent = base + n;
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
        if (sent < streamTotal && ch.isActive() && !ch.isWritable()) {
            synchronized (this) {
                if (unwritable != null) {
                    unwritable.complete(sent);
                    unwritable = null;
                }
            }
        }
    }
}
