package org.mediasec.agw.bearer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** First handler of a leg's pipeline: counts the bytes that cross the socket, before any TLS. */
final class WireCounter extends ChannelDuplexHandler {
    private final Leg leg;

    WireCounter(Leg leg) {
        this.leg = leg;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            leg.wireBytesIn += b.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            leg.wireBytesOut += b.readableBytes();
        }
        ctx.write(msg, promise);
    }
}
