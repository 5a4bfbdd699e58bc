package org.mediasec.msrp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.codec.MsrpCodec;

/**
 * Encodes {@link MsrpMessage}s with {@link MsrpCodec#encode}. Stateless: use {@link #INSTANCE}.
 *
 * <p>The output buffer is sized for the body up front, so a large chunk is written into it once
 * instead of being copied again at every doubling of a small buffer.
 */
@Sharable
public final class MsrpMessageEncoder extends MessageToByteEncoder<MsrpMessage> {
    public static final MsrpMessageEncoder INSTANCE = new MsrpMessageEncoder();
    /** Room for the start line, headers and end-line of a typical message. */
    private static final int HEAD_ROOM = 512;

    private MsrpMessageEncoder() {
        super(MsrpMessage.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MsrpMessage msg, boolean preferDirect) {
        int size = HEAD_ROOM + (msg instanceof MsrpRequest r ? r.body().size() : 0);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage msg, ByteBuf out) {
        MsrpCodec.encode(msg, out);
    }
}
