package org.mediasec.h248.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;

import org.mediasec.h248.H248Message;
import org.mediasec.h248.text.H248CodecConfig;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;

/**
 * H.248 over TCP (H.248.1 Annex D.2) above the TPKT framer: each TPKT payload is one message.
 * Inbound payloads become {@link H248Inbound} from the channel's remote address; outbound
 * {@link H248Message}s become payloads for {@code TpktFrameEncoder}. Stateless.
 */
@Sharable
public final class H248StreamCodec extends MessageToMessageCodec<ByteBuf, H248Message> {
    private final Style style;
    private final H248CodecConfig config;

    public H248StreamCodec(Style style, H248CodecConfig config) {
        this.style = Objects.requireNonNull(style, "style");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, H248Message message, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(H248TextCodec.encode(message, style)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        byte[] bytes = ByteBufUtil.getBytes(frame);
        out.add(new H248Inbound(sender(ctx), H248TextCodec.decode(bytes, config)));
    }

    /** The channel's remote address (an unresolved stand-in on channels that have no IP address). */
    private static InetSocketAddress sender(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet : InetSocketAddress.createUnresolved(String.valueOf(remote), 0);
    }
}
