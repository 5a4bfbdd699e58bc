package org.mediasec.h248.netty;

import java.util.List;
import java.util.Objects;

import org.mediasec.h248.text.H248CodecConfig;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;

/**
 * H.248 over UDP (H.248.1 Annex D.1): one message per datagram. Inbound datagrams become
 * {@link H248Inbound} (a malformed one too: the transaction layer decides whether to answer);
 * outbound {@link H248Outbound} become datagrams in the configured text style. Stateless.
 */
@Sharable
public final class H248DatagramCodec extends MessageToMessageCodec<DatagramPacket, H248Outbound> {
    private final Style style;
    private final H248CodecConfig config;

    public H248DatagramCodec(Style style, H248CodecConfig config) {
        this.style = Objects.requireNonNull(style, "style");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, H248Outbound out, List<Object> sink) {
        byte[] bytes = H248TextCodec.encode(out.message(), style);
        sink.add(new DatagramPacket(Unpooled.wrappedBuffer(bytes), out.recipient()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> sink) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        sink.add(new H248Inbound(packet.sender(), H248TextCodec.decode(bytes, config)));
    }
}
