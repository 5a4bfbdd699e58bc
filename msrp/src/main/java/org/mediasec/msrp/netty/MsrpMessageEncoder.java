package org.mediasec.msrp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.codec.MsrpCodec;

/** Encodes {@link MsrpMessage}s with {@link MsrpCodec#encode}. Stateless: use {@link #INSTANCE}. */
@Sharable
public final class MsrpMessageEncoder extends MessageToByteEncoder<MsrpMessage> {
    public static final MsrpMessageEncoder INSTANCE = new MsrpMessageEncoder();

    private MsrpMessageEncoder() {
        super(MsrpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage msg, ByteBuf out) {
        MsrpCodec.encode(msg, out);
    }
}
