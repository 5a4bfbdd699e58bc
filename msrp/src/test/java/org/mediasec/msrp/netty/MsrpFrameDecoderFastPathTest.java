package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;

import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.codec.MsrpLimits;

/**
 * The incremental end-line search of {@link MsrpFrameDecoder}, its heap cumulator and the
 * codec's in-place parse: split at every offset (two and three pieces), heap and direct input, the
 * old merge cumulator (direct cumulation, the non-array search) as a cross-check, and bodies full
 * of partial end-lines and end-lines of other transaction ids.
 */
class MsrpFrameDecoderFastPathTest {

    /** Input buffer kinds: what tests wrap, what an SslHandler hands over. */
    static final List<Function<byte[], ByteBuf>> KINDS = List.of(
            Unpooled::wrappedBuffer,
            b -> Unpooled.directBuffer(b.length).writeBytes(b),
            b -> PooledByteBufAllocator.DEFAULT.directBuffer(b.length).writeBytes(b));

    /** A frame whose body is full of near-misses for the end-line of {@code abcd}, none of them one. */
    static byte[] nearMissFrame() {
        String body = String.join("\r\n",
                "-------abc", "-------abcde$", "-------abcd", "-------abcdX", "------abcd$", "--------abcd",
                "-------bcd$", "\r-------abcd", "\n-------abcdX$", "x-------abcd", "-------abcd");
        return ("MSRP abcd SEND\r\n"
                + "To-Path: msrp://a.example.com:1/s;tcp\r\n"
                + "From-Path: msrp://b.example.com:1/s;tcp\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + body + "\r\n"
                + "-------abcd+\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static List<Object> feed(EmbeddedChannel ch, Function<byte[], ByteBuf> kind, byte[]... pieces) {
        List<Object> out = new ArrayList<>();
        for (byte[] p : pieces) {
            ch.writeInbound(kind.apply(p));
            for (Object o; (o = ch.readInbound()) != null; ) {
                out.add(o);
            }
        }
        return out;
    }

    static EmbeddedChannel channel(boolean mergeCumulator) {
        MsrpFrameDecoder d = new MsrpFrameDecoder(MsrpLimits.DEFAULT.withMaxChunkSize(1 << 20));
        if (mergeCumulator) {
            d.setCumulator(ByteToMessageDecoder.MERGE_CUMULATOR);
        }
        return new EmbeddedChannel(d);
    }

    @Test
    void nearMissBodyIsOneMessageWhateverTheSplitAndBufferKind() {
        byte[] wire = nearMissFrame();
        Object want = MsrpFrameDecoderTest.expected(wire);
        assertThat(want).isInstanceOf(MsrpRequest.class);
        assertThat(((MsrpRequest) want).body().utf8()).startsWith("-------abc\r\n").endsWith("x-------abcd\r\n-------abcd");
        for (Function<byte[], ByteBuf> kind : KINDS) {
            for (boolean merge : new boolean[] {false, true}) {
                for (int i = 0; i <= wire.length; i++) {
                    EmbeddedChannel ch = channel(merge);
                    List<Object> out = feed(ch, kind, Arrays.copyOfRange(wire, 0, i), Arrays.copyOfRange(wire, i, wire.length));
                    assertThat(out).as("split at %d (merge=%s)", i, merge).containsExactly(want);
                    assertFalse(ch.finish());
                }
            }
        }
        // three pieces, every pair of offsets: direct pooled input (as from an SslHandler), heap cumulator
        Function<byte[], ByteBuf> direct = KINDS.get(2);
        for (int i = 0; i <= wire.length; i++) {
            for (int j = i; j <= wire.length; j++) {
                EmbeddedChannel ch = channel(false);
                List<Object> out = feed(ch, direct, Arrays.copyOfRange(wire, 0, i), Arrays.copyOfRange(wire, i, j),
                        Arrays.copyOfRange(wire, j, wire.length));
                assertThat(out).as("split at %d, %d", i, j).containsExactly(want);
                assertFalse(ch.finish());
            }
        }
    }

    @Test
    void endLineWithoutItsCrlfIsAwaitedThenCompleted() {
        byte[] wire = nearMissFrame();
        byte[] head = Arrays.copyOf(wire, wire.length - 2);
        Object want = MsrpFrameDecoderTest.expected(wire);
        for (int i = 0; i <= head.length; i++) {
            EmbeddedChannel ch = channel(false);
            assertThat(feed(ch, Unpooled::wrappedBuffer, Arrays.copyOfRange(head, 0, i), Arrays.copyOfRange(head, i, head.length)))
                    .as("split at %d", i).isEmpty();
            assertThat(feed(ch, Unpooled::wrappedBuffer, "\r".getBytes(StandardCharsets.US_ASCII))).isEmpty();
            assertThat(feed(ch, Unpooled::wrappedBuffer, "\n".getBytes(StandardCharsets.US_ASCII))).containsExactly(want);
            assertFalse(ch.finish());
        }
    }

    static MsrpRequest chunk(String tid, Bytes body, MsrpContinuation flag) {
        return new MsrpRequest(tid, MsrpMethod.SEND, List.of(MsrpUri.parse("msrps://127.0.0.1:1/a;tcp")),
                List.of(MsrpUri.parse("msrps://127.0.0.1:2/b;tcp")),
                List.of(new MsrpHeader.MessageId("file0001"), MsrpHeader.ByteRange.ofChunk(1, body.size(), 10L * body.size())),
                Optional.of(MsrpContent.of("application/octet-stream", body)), flag);
    }

    @Test
    void largeChunksWithPlantedNearMissesInRecordsAndRandomPieces() {
        SplittableRandom r = new SplittableRandom(4975);
        String tid = "k3Yq9ZpL0aBcDeFg";
        List<MsrpRequest> msgs = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int k = 0; k < 4; k++) {
            byte[] body = new byte[65536 + r.nextInt(100)];
            r.nextBytes(body);
            String[] plants = {"\r\n-------" + tid, "\r\n-------" + tid.substring(0, 15) + "$\r\n",
                    "\r\n-------" + tid + "X\r\n", "-------" + tid + "\r\n", "\r\n------" + tid + "$\r\n"};
            for (int p = 0; p < 40; p++) {
                byte[] b = plants[r.nextInt(plants.length)].getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(b, 0, body, r.nextInt(body.length - b.length), b.length);
            }
            MsrpRequest m = chunk(tid, Bytes.of(body), k == 3 ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE);
            msgs.add(m);
            wire.writeBytes(MsrpCodec.toBytes(m).toByteArray());
        }
        byte[] all = wire.toByteArray();
        for (Function<byte[], ByteBuf> kind : KINDS) {
            // one TLS record per read
            List<byte[]> records = new ArrayList<>();
            for (int off = 0; off < all.length; off += 16384) {
                records.add(Arrays.copyOfRange(all, off, Math.min(all.length, off + 16384)));
            }
            EmbeddedChannel ch = channel(false);
            assertThat(feed(ch, kind, records.toArray(byte[][]::new))).containsExactlyElementsOf(msgs);
            assertFalse(ch.finish());
            // random pieces, many of them tiny so the search resumes inside a look-alike
            for (int round = 0; round < 5; round++) {
                List<byte[]> pieces = new ArrayList<>();
                for (int off = 0; off < all.length; ) {
                    int n = Math.min(all.length - off, r.nextInt(3) == 0 ? r.nextInt(1, 30) : r.nextInt(1, 40000));
                    pieces.add(Arrays.copyOfRange(all, off, off + n));
                    off += n;
                }
                for (boolean merge : new boolean[] {false, true}) {
                    EmbeddedChannel c = channel(merge);
                    assertThat(feed(c, kind, pieces.toArray(byte[][]::new))).as("round %d merge %s", round, merge)
                            .containsExactlyElementsOf(msgs);
                    assertFalse(c.finish());
                }
            }
        }
    }

    @Test
    void codecParsesAFrameInsideALargerArrayInPlace() {
        byte[] frame = nearMissFrame();
        Object want = MsrpCodec.decode(frame, MsrpLimits.DEFAULT);
        byte[] padded = new byte[frame.length + 20];
        Arrays.fill(padded, (byte) '-');
        System.arraycopy(frame, 0, padded, 7, frame.length);
        assertThat(MsrpCodec.decode(padded, 7, 7 + frame.length, MsrpLimits.DEFAULT)).isEqualTo(want);
        ByteBuf heap = Unpooled.wrappedBuffer(padded).slice(7, frame.length);
        assertThat(heap.hasArray()).isTrue();
        assertThat(MsrpCodec.decode(heap, MsrpLimits.DEFAULT)).isEqualTo(want);
        assertThat(heap.isReadable()).isFalse();
        ByteBuf direct = Unpooled.directBuffer().writeBytes(frame);
        assertThat(MsrpCodec.decode(direct, MsrpLimits.DEFAULT)).isEqualTo(want);
        direct.release();
    }

    @Test
    void heapCumulatorReleasesEveryBuffer() {
        List<ByteBuf> inputs = new ArrayList<>();
        byte[] wire = nearMissFrame();
        EmbeddedChannel ch = channel(false);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < wire.length; i += 7) {
            ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(wire, i, Math.min(7, wire.length - i));
            inputs.add(b);
            ch.writeInbound(b);
            for (Object o; (o = ch.readInbound()) != null; ) {
                out.add(o);
            }
        }
        assertThat(out).hasSize(1);
        assertFalse(ch.finish());
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }
}
