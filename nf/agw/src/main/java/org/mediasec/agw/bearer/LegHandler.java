package org.mediasec.agw.bearer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/** Last handler of a leg's pipeline: hands every event to the relay, on the relay's event loop. */
final class LegHandler extends ChannelInboundHandlerAdapter {
    private final Leg leg;

    LegHandler(Leg leg) {
        this.leg = leg;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        leg.relay.onActive(leg, ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            leg.relay.onRead(leg, b);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        leg.relay.onReadComplete(leg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        leg.relay.onWritabilityChanged(leg);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            leg.relay.onHandshake(leg, e);
        } else if (evt == ChannelInputShutdownEvent.INSTANCE) {
            leg.relay.onInputShutdown(leg);            // only a splicing leg allows half-closure
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        leg.relay.onInactive(leg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        leg.relay.onException(leg, cause);
    }
}
