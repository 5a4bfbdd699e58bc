package org.mediasec.transport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;

/** Prepends the RFC 1006 TPKT header to each outgoing payload. Stateless and shared. */
@Sharable
public final class TpktFrameEncoder extends MessageToMessageEncoder<ByteBuf> {
    public static final TpktFrameEncoder INSTANCE = new TpktFrameEncoder();

    private TpktFrameEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        int length = payload.readableBytes() + TpktFrameDecoder.HEADER_LENGTH;
        if (payload.readableBytes() == 0 || length > TpktFrameDecoder.MAX_PACKET_LENGTH) {
            throw new EncoderException("TPKT payload of " + payload.readableBytes()
                    + " bytes (expected 1.." + (TpktFrameDecoder.MAX_PACKET_LENGTH - TpktFrameDecoder.HEADER_LENGTH) + ")");
        }
        ByteBuf header = ctx.alloc().buffer(TpktFrameDecoder.HEADER_LENGTH);
        header.writeByte(TpktFrameDecoder.VERSION).writeByte(0).writeShort(length);
        out.add(header);
        out.add(payload.retain());
    }
}
