package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.msrp.MsrpGen;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.testkit.Seeds;

/** Split independence and totality of the stream decoder on the seeded generator. */
class MsrpFrameDecoderProperties {

    static LongStream seeds() {
        return Seeds.seeds();
    }

    static List<Object> feedSplit(byte[] wire, SplittableRandom r) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < wire.length && ch.isOpen()) {
            int n = r.nextInt(4) == 0 ? 1 : r.nextInt(1, Math.max(2, wire.length / 3));
            n = Math.min(n, wire.length - i);
            ch.writeInbound(Unpooled.wrappedBuffer(wire, i, n));
            i += n;
            for (Object o; (o = ch.readInbound()) != null; ) {
                out.add(o);
            }
        }
        assertFalse(ch.finish());
        return out;
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void streamOutputDoesNotDependOnSplits(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MsrpMessage> msgs = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int k = r.nextInt(1, 5); k > 0; k--) {
            MsrpMessage m = MsrpGen.message(r);
            msgs.add(m);
            wire.writeBytes(MsrpCodec.toBytes(m).toByteArray());
        }
        byte[] bytes = wire.toByteArray();
        assertThat(feedSplit(bytes, new SplittableRandom(seed + 1))).as("seed=%d", seed).containsExactlyElementsOf(msgs);
        assertThat(feedSplit(bytes, new SplittableRandom(seed + 2))).as("seed=%d", seed).containsExactlyElementsOf(msgs);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void streamDecoderIsTotalAndSplitIndependentOnMutatedStreams(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int k = r.nextInt(1, 4); k > 0; k--) {
            wire.writeBytes(MsrpCodec.toBytes(MsrpGen.message(r)).toByteArray());
        }
        byte[] bytes = wire.toByteArray();
        for (int k = r.nextInt(0, 4); k > 0; k--) {
            bytes[r.nextInt(bytes.length)] = (byte) "\r\n :-$+#xM".charAt(r.nextInt(10));
        }
        if (r.nextInt(5) == 0) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) r.nextInt(256);
            }
        }
        List<Object> whole = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        for (Object o; (o = ch.readInbound()) != null; ) {
            whole.add(o);
        }
        ch.finish();
        assertThat(feedSplit(bytes, new SplittableRandom(seed + 3))).as("seed=%d", seed).isEqualTo(whole);
    }
}
