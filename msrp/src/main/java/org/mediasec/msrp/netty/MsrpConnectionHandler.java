package org.mediasec.msrp.netty;

import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.codec.RecoveredHeader;
import org.mediasec.msrp.internal.ChunkEnd;
import org.mediasec.msrp.internal.DefaultMsrpSession;
import org.mediasec.msrp.internal.MsrpWire;
import org.mediasec.msrp.internal.OutgoingStream;

/**
 * The last handler of an MSRP connection: routes each message to its session by the first To-Path
 * URI (481 when there is none), answers malformed requests (400/501), passes writability changes
 * and the connection's end to the sessions bound to it. One per channel; shared by the sessions
 * that use the connection (RFC 4975 §5.4: "If the sender already has such a connection, that is, one
 * associated with the same host, port, and URI scheme, then it SHOULD reuse that connection."; we
 * also require the same certificate pins).
 */
final class MsrpConnectionHandler extends ChannelInboundHandlerAdapter implements MsrpWire {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpConnectionHandler.class);

    private final MsrpEndpoint endpoint;
    private final boolean outbound;
    private final CompletableFuture<MsrpConnectionHandler> ready = new CompletableFuture<>();
    private final Set<DefaultMsrpSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile Channel channel;
    /** The connection's one writer (streams and every message pass it). */
    private volatile MsrpOutbound writer;
    private volatile byte[] peerCertificate;
    /** Why the connection is going down, when an exception says so (e.g. the peer's TLS alert). */
    private volatile Throwable closeCause;

    MsrpConnectionHandler(MsrpEndpoint endpoint, boolean outbound) {
        this.endpoint = endpoint;
        this.outbound = outbound;
    }

    /** Completes when the connection (and its TLS handshake) is up. */
    CompletableFuture<MsrpConnectionHandler> ready() {
        return ready;
    }

    boolean outbound() {
        return outbound;
    }

    /** The peer's end-entity certificate (DER), or null on plain TCP. */
    byte[] peerCertificate() {
        return peerCertificate;
    }

    Channel channel() {
        return channel;
    }

    void attach(DefaultMsrpSession s) {
        sessions.add(s);
    }

    /** Detaches; true when no session uses the connection any more. */
    boolean detach(DefaultMsrpSession s) {
        sessions.remove(s);
        return sessions.isEmpty();
    }

    boolean serves(DefaultMsrpSession s) {
        return sessions.contains(s);
    }

    /** Closes the connection; the sessions on it fail with {@code cause}'s message. */
    void closeBecause(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    // ------------------------------------------------------------------ MsrpWire

    @Override
    public boolean writable() {
        Channel c = channel;
        return c != null && c.isWritable();
    }

    @Override
    public void write(MsrpMessage message, Consumer<Throwable> done) {
        Channel c = channel;
        if (c == null) {
            done.accept(new ClosedChannelException());
            return;
        }
        c.writeAndFlush(message).addListener(f -> done.accept(f.isSuccess() ? null : f.cause()));
    }

    @Override
    public void stream(OutgoingStream stream) {
        MsrpOutbound o = writer;
        if (o == null) {
            stream.report(new ChunkEnd(null, stream.position() + 1, 0, MsrpContinuation.ABORT,
                    MsrpStatus.SESSION_DOES_NOT_EXIST, "not connected"));
            return;
        }
        o.stream(stream);
    }

    @Override
    public String describe() {
        Channel c = channel;
        return c == null ? "(unconnected)" : c.localAddress() + (outbound ? " -> " : " <- ") + c.remoteAddress();
    }

    // ------------------------------------------------------------------ inbound events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        writer = ctx.pipeline().get(MsrpOutbound.class);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            ready.complete(this);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (e.isSuccess()) {
                try {
                    Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
                    peerCertificate = chain[0].getEncoded();
                } catch (SSLPeerUnverifiedException | java.security.cert.CertificateEncodingException ex) {
                    LOG.warn("[{}] TLS up but no peer certificate: {}", describe(), ex.toString());
                    ctx.close();
                    ready.completeExceptionally(ex);
                    return;
                }
                LOG.debug("[{}] TLS handshake done ({})", describe(),
                        ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                ready.complete(this);
            } else {
                ready.completeExceptionally(e.cause());
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MsrpRequest r) {
            DefaultMsrpSession s = endpoint.sessionFor(r.toPath().get(0));
            if (s == null || !endpoint.admit(this, s)) {
                LOG.debug("[{}] {} {} for unknown session {}: 481", describe(), r.method(), r.transactionId(), r.toPath().get(0));
                if (r.wantsResponse(MsrpStatus.SESSION_DOES_NOT_EXIST)) {
                    ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.SESSION_DOES_NOT_EXIST));
                }
                return;
            }
            s.deliver(this, r);
        } else if (msg instanceof SpooledSend sp) {
            MsrpRequest r = sp.head();
            DefaultMsrpSession s = endpoint.sessionFor(r.toPath().get(0));
            if (s == null || !endpoint.admit(this, s)) {
                sp.release();
                LOG.debug("[{}] {} {} for unknown session {}: 481", describe(), r.method(), r.transactionId(), r.toPath().get(0));
                if (r.wantsResponse(MsrpStatus.SESSION_DOES_NOT_EXIST)) {
                    ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.SESSION_DOES_NOT_EXIST));
                }
                return;
            }
            s.deliver(this, r, sp.bodyBuffer(), sp::release); // releases it
        } else if (msg instanceof MsrpResponse r) {
            DefaultMsrpSession s = endpoint.sessionFor(r.toPath().get(0));
            if (s != null && sessions.contains(s)) {
                s.deliver(this, r);
            } else {
                LOG.debug("[{}] response {} for unknown session {} dropped", describe(), r.transactionId(), r.toPath().get(0));
            }
        } else if (msg instanceof MsrpFrameError e) {
            if (!e.fatal()) {
                e.recovered().flatMap(RecoveredHeader::reply).ifPresent(ctx::writeAndFlush);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            sessions.forEach(DefaultMsrpSession::writable);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new ClosedChannelException());
        Throwable c = closeCause;
        String reason = "connection " + describe() + " closed" + (c == null ? "" : ": " + rootMessage(c));
        sessions.forEach(s -> s.connectionLost(this, reason));
        endpoint.connectionClosed(this);
        super.channelInactive(ctx);
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            // a failed connect or handshake: reported to the sessions (and by the trust manager) already
            ready.completeExceptionally(cause);
            LOG.debug("[{}] connection setup failed: {}", describe(), cause.toString());
        } else {
            LOG.warn("[{}] closing MSRP connection: {}", describe(), cause.toString());
        }
        ctx.close();
    }
}
