package org.mediasec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;

class TpktFrameDecoderTest {
    private static final byte[] A = "MEGACO/1 [127.0.0.1]:2944\nTransaction = 1 { }".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = "!/1 [127.0.0.1] P=1{C=-{}}".getBytes(StandardCharsets.US_ASCII);

    private static byte[] tpkt(byte[]... payloads) {
        EmbeddedChannel enc = new EmbeddedChannel(TpktFrameEncoder.INSTANCE);
        ByteBuf all = Unpooled.buffer();
        for (byte[] p : payloads) {
            enc.writeOutbound(Unpooled.wrappedBuffer(p));
        }
        for (ByteBuf b; (b = enc.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        assertThat(enc.finish()).isFalse();
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out).release();
        return out;
    }

    private static List<String> drain(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }

    @Test
    void encoderWritesRfc1006Header() {
        byte[] wire = tpkt(A);
        assertThat(wire[0]).isEqualTo((byte) 3);
        assertThat(wire[1]).isEqualTo((byte) 0);
        assertThat(((wire[2] & 0xff) << 8) | (wire[3] & 0xff)).isEqualTo(A.length + 4);
    }

    @Test
    void decodesTwoPacketsSplitAtEveryOffset() {
        byte[] wire = tpkt(A, B);
        for (int split = 0; split <= wire.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new TpktFrameDecoder());
            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            assertThat(drain(ch)).as("split at %d", split)
                    .containsExactly(new String(A, StandardCharsets.US_ASCII), new String(B, StandardCharsets.US_ASCII));
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void badVersionLosesFramingAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new TpktFrameDecoder());
        byte[] wire = tpkt(A);
        wire[0] = 4;
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(wire)))
                .isInstanceOf(TpktFramingException.class)
                .hasMessageContaining("version 4");
        assertThat(ch.isOpen()).isFalse();
        assertThat(drain(ch)).isEmpty();
    }

    @Test
    void oversizedLengthLosesFramingAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new TpktFrameDecoder(100));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 0, 0x10, 0})))
                .isInstanceOf(TpktFramingException.class)
                .hasMessageContaining("length 4096");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void emptyPacketIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new TpktFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 0, 0, 4})))
                .isInstanceOf(TpktFramingException.class);
        EmbeddedChannel enc = new EmbeddedChannel(TpktFrameEncoder.INSTANCE);
        assertThatThrownBy(() -> enc.writeOutbound(Unpooled.EMPTY_BUFFER)).isInstanceOf(EncoderException.class);
    }
}
