package org.mediasec.h248.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.DecodeResult;
import org.mediasec.h248.text.H248CodecConfig;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.transport.TpktFrameDecoder;
import org.mediasec.transport.TpktFrameEncoder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

/** The datagram and stream adapters on {@link EmbeddedChannel}s. */
class H248CodecHandlersTest {
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 2945);
    static final InetSocketAddress SELF = new InetSocketAddress("127.0.0.1", 2944);

    static H248Message notifyMessage(long id) {
        return new H248Message(3, new MId.Ip4("127.0.0.1", 2945), TransactionList.of(new Transaction.Request(id,
                List.of(ActionRequest.of(ContextId.of(1), CommandRequest.of(CommandKind.NOTIFY, TerminationId.of("msrp/1"),
                        ObservedEventsDescriptor.of(2001, new ObservedEvent(null, "g/cause", null, List.of()))))))));
    }

    @Test
    void datagramCodecDecodesAndEncodes() {
        EmbeddedChannel ch = new EmbeddedChannel(new H248DatagramCodec(Style.COMPACT, H248CodecConfig.DEFAULT));
        byte[] bytes = H248TextCodec.encode(notifyMessage(7), Style.PRETTY);
        assertThat(ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(bytes), SELF, PEER))).isTrue();
        H248Inbound in = ch.readInbound();
        assertThat(in.sender()).isEqualTo(PEER);
        assertThat(in.result()).isEqualTo(new DecodeResult.Ok(notifyMessage(7)));

        assertThat(ch.writeOutbound(new H248Outbound(PEER, notifyMessage(8)))).isTrue();
        DatagramPacket out = ch.readOutbound();
        try {
            assertThat(out.recipient()).isEqualTo(PEER);
            String text = out.content().toString(StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("!/3 [127.0.0.1]:2945");
            assertThat(H248TextCodec.decode(text).orThrow()).isEqualTo(notifyMessage(8));
        } finally {
            out.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void garbageDatagramBecomesMalformedNotAnException() {
        EmbeddedChannel ch = new EmbeddedChannel(new H248DatagramCodec(Style.PRETTY, H248CodecConfig.DEFAULT));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {0, 1, 2, 3}), SELF, PEER));
        H248Inbound in = ch.readInbound();
        assertThat(in.result()).isInstanceOf(DecodeResult.Malformed.class);
        ch.writeInbound(new DatagramPacket(Unpooled.copiedBuffer("MEGACO/1 [1.2.3.4]\nTransaction = 5 { junk",
                StandardCharsets.ISO_8859_1), SELF, PEER));
        DecodeResult.Malformed m = (DecodeResult.Malformed) ((H248Inbound) ch.readInbound()).result();
        assertThat(m.recovered().transactionId()).isEqualTo(5L);
        assertThat(m.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_TRANSACTION_REQUEST);
        assertFalse(ch.finish());
    }

    static EmbeddedChannel streamChannel() {
        return new EmbeddedChannel(new TpktFrameDecoder(), TpktFrameEncoder.INSTANCE,
                new H248StreamCodec(Style.PRETTY, H248CodecConfig.DEFAULT));
    }

    static ByteBuf tpkt(byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(3).writeByte(0).writeShort(payload.length + 4).writeBytes(payload);
        return b;
    }

    @Test
    void streamCodecDecodesTwoMessagesSplitAtEveryOffset() {
        byte[] one = H248TextCodec.encode(notifyMessage(1), Style.PRETTY);
        byte[] two = H248TextCodec.encode(notifyMessage(2), Style.COMPACT);
        ByteBuf both = Unpooled.wrappedBuffer(tpkt(one), tpkt(two));
        byte[] wire = ByteBufUtil.getBytes(both);
        both.release();
        for (int split = 0; split <= wire.length; split++) {
            EmbeddedChannel ch = streamChannel();
            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            H248Inbound a = ch.readInbound();
            H248Inbound b = ch.readInbound();
            assertThat(a.result()).as("split %d", split).isEqualTo(new DecodeResult.Ok(notifyMessage(1)));
            assertThat(b.result()).as("split %d", split).isEqualTo(new DecodeResult.Ok(notifyMessage(2)));
            assertThat((Object) ch.readInbound()).isNull();
            assertFalse(ch.finish());
        }
    }

    @Test
    void streamCodecFramesOutboundMessagesWithTpkt() {
        EmbeddedChannel ch = streamChannel();
        assertThat(ch.writeOutbound(notifyMessage(9))).isTrue();
        ByteBuf header = ch.readOutbound();
        ByteBuf payload = ch.readOutbound();
        try {
            assertThat(header.getUnsignedByte(0)).isEqualTo((short) 3);
            assertThat(header.getUnsignedShort(2)).isEqualTo(payload.readableBytes() + 4);
            assertThat(H248TextCodec.decode(ByteBufUtil.getBytes(payload)).orThrow()).isEqualTo(notifyMessage(9));
        } finally {
            header.release();
            payload.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void malformedFrameOnAStreamKeepsTheConnection() {
        EmbeddedChannel ch = streamChannel();
        ch.writeInbound(tpkt("MEGACO/1 [1.2.3.4]\nbogus".getBytes(StandardCharsets.ISO_8859_1)));
        H248Inbound bad = ch.readInbound();
        assertThat(bad.result()).isInstanceOf(DecodeResult.Malformed.class);
        ch.writeInbound(tpkt(H248TextCodec.encode(notifyMessage(3), Style.COMPACT)));
        H248Inbound good = ch.readInbound();
        assertThat(good.result()).isEqualTo(new DecodeResult.Ok(notifyMessage(3)));
        assertThat(ch.isActive()).isTrue();
        assertFalse(ch.finish());
    }
}
