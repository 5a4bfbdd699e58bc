package org.mediasec.msrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpGen;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.testkit.Seeds;

/** Property tests on the seeded generator: round trip and decoder totality. -Dmediasec.seed=N replays one case. */
class MsrpCodecProperties {

    static LongStream seeds() {
        return Seeds.seeds();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void generatedMessagesRoundTrip(long seed) {
        MsrpMessage m = MsrpGen.message(new SplittableRandom(seed));
        ByteBuf buf = Unpooled.buffer();
        try {
            MsrpCodec.encode(m, buf);
            byte[] wire = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), wire);
            assertThat(MsrpCodec.decode(buf)).as("seed=%d", seed).isEqualTo(new DecodeResult.Ok(m));
            assertThat(MsrpCodec.toBytes(m)).as("seed=%d", seed).isEqualTo(Bytes.of(wire));
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void decoderIsTotalOnArbitraryBytes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] junk = new byte[r.nextInt(0, 400)];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) r.nextInt(256);
        }
        if (r.nextBoolean() && junk.length > 20) {
            // give it a plausible start so the parser goes deeper
            byte[] start = "MSRP abcd SEND\r\nTo-Path: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(start, 0, junk, 0, Math.min(start.length, junk.length));
        }
        assertTotal(junk, seed);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void decoderIsTotalOnMutatedMessages(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] wire = MsrpCodec.toBytes(MsrpGen.message(r)).toByteArray();
        int mutations = r.nextInt(1, 6);
        for (int k = 0; k < mutations; k++) {
            int op = r.nextInt(4);
            if (wire.length == 0) {
                break;
            }
            int at = r.nextInt(wire.length);
            switch (op) {
                case 0 -> wire[at] = (byte) r.nextInt(256);
                case 1 -> wire[at] = (byte) "\r\n :;/-$+#*0".charAt(r.nextInt(12));
                case 2 -> wire = java.util.Arrays.copyOf(wire, at);
                default -> {
                    byte[] w = new byte[wire.length + 1];
                    System.arraycopy(wire, 0, w, 0, at);
                    w[at] = (byte) "\r\n:-".charAt(r.nextInt(4));
                    System.arraycopy(wire, at, w, at + 1, wire.length - at);
                    wire = w;
                }
            }
        }
        assertTotal(wire, seed);
    }

    private static void assertTotal(byte[] input, long seed) {
        DecodeResult r = MsrpCodec.decode(input, MsrpLimits.DEFAULT);
        assertThat(r).as("seed=%d", seed).isNotNull();
        if (r instanceof DecodeResult.Ok ok) {
            // whatever decodes must re-encode to something that decodes to the same message
            byte[] again = MsrpCodec.toBytes(ok.message()).toByteArray();
            assertThat(MsrpCodec.decode(again, MsrpLimits.DEFAULT)).as("seed=%d", seed).isEqualTo(r);
        } else {
            assertThat(((DecodeResult.Malformed) r).reason()).as("seed=%d", seed).isNotNull();
        }
    }
}
