package org.mediasec.transport;

import java.util.List;

import org.mediasec.common.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Frames a TCP stream into TPKT packets (RFC 1006 §6, used by H.248 over TCP per H.248.1 Annex D.2)
 * and emits each packet's payload, without the 4-byte header.
 *
 * <pre>
 *  0        1        2        3
 * +--------+--------+--------+--------+
 * |  vrsn  |reserved|  packet length  |   vrsn = 3; length counts the header too
 * +--------+--------+--------+--------+
 * </pre>
 *
 * A header that cannot be a TPKT header (version not 3, length below 4 or above the limit) means
 * the framing is lost: the decoder logs one WARN line, fires a {@link TpktFramingException} and
 * closes the connection, as nothing after it can be trusted.
 */
public final class TpktFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TpktFrameDecoder.class);

    /** RFC 1006 §6: "This field is always 3 for the version of the protocol described in this memo." */
    public static final int VERSION = 3;
    public static final int HEADER_LENGTH = 4;
    /** The largest packet the 16-bit length field can carry. */
    public static final int MAX_PACKET_LENGTH = 0xFFFF;

    private final int maxPacketLength;
    private boolean failed;

    /** @param maxPacketLength the largest packet accepted, header included (5..65535) */
    public TpktFrameDecoder(int maxPacketLength) {
        this.maxPacketLength = Checks.inRange(maxPacketLength, HEADER_LENGTH + 1, MAX_PACKET_LENGTH, "maxPacketLength");
    }

    public TpktFrameDecoder() {
        this(MAX_PACKET_LENGTH);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_LENGTH) {
            int start = in.readerIndex();
            int version = in.getUnsignedByte(start);
            int length = in.getUnsignedShort(start + 2);
            if (version != VERSION || length <= HEADER_LENGTH || length > maxPacketLength) {
                fail(ctx, in, "TPKT framing lost: version " + version + ", length " + length
                        + " (expected version 3, length 5.." + maxPacketLength + ")");
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            in.skipBytes(HEADER_LENGTH);
            out.add(in.readRetainedSlice(length - HEADER_LENGTH));
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        LOG.warn("[tpkt] {} from {}; closing", reason, ctx.channel().remoteAddress());
        ctx.fireExceptionCaught(new TpktFramingException(reason));
        ctx.close();
    }
}
