package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.codec.MsrpLimits;

/**
 * Large bodies streamed into their own array ({@link BodySink}) give exactly what the cumulating
 * path gives for the same octets: equal-size chunks (the array guess fits exactly and the end-line
 * follows it), shorter and longer bodies, an end-line split at every offset, a planted end-line right
 * before the real one (a sender breaking RFC 4975 §7.1: the frame ends early, then framing is lost),
 * the size limit, and every input buffer released.
 */
class MsrpFrameDecoderStreamingTest {
    static final String TID = "Zq81mNbV0cXa5sDf";
    static final MsrpLimits LIMITS = MsrpLimits.DEFAULT.withMaxChunkSize(1 << 20);

    static byte[] frame(byte[] body, MsrpContinuation flag) {
        MsrpRequest m = MsrpFrameDecoderFastPathTest.chunk(TID, Bytes.of(body), flag);
        return MsrpCodec.toBytes(m).toByteArray();
    }

    static byte[] wire(int... sizes) {
        SplittableRandom r = new SplittableRandom(sizes.length * 31L + sizes[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < sizes.length; i++) {
            byte[] body = new byte[sizes[i]];
            r.nextBytes(body);
            out.writeBytes(frame(body, i == sizes.length - 1 ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE));
        }
        return out.toByteArray();
    }

    static MsrpFrameDecoder decoder() {
        return new MsrpFrameDecoder(LIMITS);
    }

    /** What the decoder makes of {@code all} in one piece: found in the cumulation, nothing streamed. */
    static List<Object> reference(byte[] all) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder());
        List<Object> out = MsrpFrameDecoderFastPathTest.feed(ch, MsrpFrameDecoderFastPathTest.KINDS.get(0), all);
        ch.finishAndReleaseAll();
        return out;
    }

    static List<Object> pieces(byte[] all, Function<byte[], ByteBuf> kind, int... cuts) {
        List<byte[]> p = new ArrayList<>();
        int from = 0;
        for (int c : cuts) {
            p.add(Arrays.copyOfRange(all, from, c));
            from = c;
        }
        p.add(Arrays.copyOfRange(all, from, all.length));
        EmbeddedChannel ch = new EmbeddedChannel(decoder());
        List<Object> out = new ArrayList<>();
        for (byte[] piece : p) {
            if (!ch.isOpen()) {
                break; // framing lost: the decoder closed the connection
            }
            out.addAll(MsrpFrameDecoderFastPathTest.feed(ch, kind, piece));
        }
        ch.finishAndReleaseAll();
        return out;
    }

    static List<byte[]> records(byte[] all, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < all.length; off += size) {
            out.add(Arrays.copyOfRange(all, off, Math.min(all.length, off + size)));
        }
        return out;
    }

    @Test
    void equalChunksInRecordsAreStreamedAndDecodedAsWhole() {
        byte[] all = wire(65536, 65536, 65536, 1000);
        List<Object> want = reference(all);
        assertThat(want).hasSize(4).allSatisfy(o -> assertThat(o).isInstanceOf(MsrpRequest.class));
        for (Function<byte[], ByteBuf> kind : MsrpFrameDecoderFastPathTest.KINDS) {
            MsrpFrameDecoder d = decoder();
            EmbeddedChannel ch = new EmbeddedChannel(d);
            List<byte[]> recs = records(all, 16384);
            List<Object> got = new ArrayList<>(MsrpFrameDecoderFastPathTest.feed(ch, kind, recs.get(0), recs.get(1)));
            assertThat(d.state()).as("a 64 KiB body spanning records is streamed").isEqualTo(MsrpFrameDecoder.State.STREAMING);
            got.addAll(MsrpFrameDecoderFastPathTest.feed(ch, kind, recs.subList(2, recs.size()).toArray(byte[][]::new)));
            assertThat(got).containsExactlyElementsOf(want);
            assertFalse(ch.finish());
        }
    }

    /** The second frame's array is guessed exactly; its end-line (and the next start line) split at every offset. */
    @Test
    void endLineAfterAnExactlyGuessedArraySplitAtEveryOffset() {
        byte[] all = wire(20000, 20000, 300);
        List<Object> want = reference(all);
        int secondEnd = indexOfEndLine(all, 2);
        for (int cut = secondEnd - 30; cut < secondEnd + 60; cut++) {
            assertThat(pieces(all, MsrpFrameDecoderFastPathTest.KINDS.get(2), 5000, 25000, cut))
                    .as("cut at %d", cut).containsExactlyElementsOf(want);
            assertThat(pieces(all, MsrpFrameDecoderFastPathTest.KINDS.get(0), 5000, 25000, cut - 1, cut))
                    .as("one-octet piece at %d", cut).containsExactlyElementsOf(want);
        }
    }

    @Test
    void shorterAndLongerBodiesThanGuessed() {
        byte[] all = wire(30000, 10000, 70000, 70000, 5);
        List<Object> want = reference(all);
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            List<byte[]> p = new ArrayList<>();
            for (int off = 0; off < all.length; ) {
                int n = Math.min(all.length - off, r.nextInt(4) == 0 ? r.nextInt(1, 40) : r.nextInt(1, 30000));
                p.add(Arrays.copyOfRange(all, off, off + n));
                off += n;
            }
            EmbeddedChannel ch = new EmbeddedChannel(decoder());
            assertThat(MsrpFrameDecoderFastPathTest.feed(ch, MsrpFrameDecoderFastPathTest.KINDS.get(round % 3),
                    p.toArray(byte[][]::new))).as("round %d", round).containsExactlyElementsOf(want);
            assertFalse(ch.finish());
        }
    }

    /**
     * A body that ends with {@code CRLF -------<tid>+}: with the real end-line's CRLF after it, that is
     * the first end-line, so the frame ends there and the rest loses the framing, on both paths; the
     * streamed array was guessed at the full body length, so the candidate straddles its end.
     */
    @Test
    void plantedEndLineBeforeTheRealOneEndsTheFrameOnBothPaths() {
        byte[] body = new byte[20000];
        new SplittableRandom(3).nextBytes(body);
        byte[] plant = ("\r\n-------" + TID + "+").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(plant, 0, body, body.length - plant.length, plant.length);
        byte[] clean = new byte[20000];
        new SplittableRandom(4).nextBytes(clean);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame(clean, MsrpContinuation.MORE));
        // the planted end-line would make the sender's MsrpRequest refuse the body: write the frame by hand
        byte[] f = frame(clean, MsrpContinuation.MORE);
        int bodyAt = indexOf(f, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
        out.write(f, 0, bodyAt);
        out.writeBytes(body);
        out.writeBytes(("\r\n-------" + TID + "$\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] all = out.toByteArray();
        List<Object> want = reference(all);
        assertThat(want).hasSize(3);
        assertThat(want.get(1)).isInstanceOfSatisfying(MsrpRequest.class,
                m -> assertThat(m.body().size()).isEqualTo(body.length - plant.length));
        assertThat(want.get(2)).isInstanceOfSatisfying(MsrpFrameError.class, e -> assertThat(e.fatal()).isTrue());
        for (int cut = all.length - 60; cut < all.length; cut++) {
            assertThat(pieces(all, MsrpFrameDecoderFastPathTest.KINDS.get(1), 10000, f.length + 5000, cut))
                    .as("cut at %d", cut).containsExactlyElementsOf(want);
        }
    }

    @Test
    void aStreamedBodyOverTheLimitClosesTheConnection() {
        MsrpLimits small = MsrpLimits.DEFAULT.withMaxChunkSize(50000);
        byte[] all = wire(60000);
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder(small));
        List<Object> out = MsrpFrameDecoderFastPathTest.feed(ch, MsrpFrameDecoderFastPathTest.KINDS.get(0),
                records(all, 16384).toArray(byte[][]::new));
        assertThat(out).singleElement().isInstanceOfSatisfying(MsrpFrameError.class, e -> {
            assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);
            assertThat(e.fatal()).isTrue();
        });
        assertThat(ch.isOpen()).isFalse();
        // at the limit exactly: accepted
        byte[] ok = wire(50000);
        EmbeddedChannel c2 = new EmbeddedChannel(new MsrpFrameDecoder(small));
        assertThat(MsrpFrameDecoderFastPathTest.feed(c2, MsrpFrameDecoderFastPathTest.KINDS.get(0),
                records(ok, 16384).toArray(byte[][]::new))).singleElement().isInstanceOf(MsrpRequest.class);
        assertFalse(c2.finish());
    }

    @Test
    void everyInputBufferIsReleased() {
        byte[] all = wire(65536, 65536, 100);
        List<ByteBuf> inputs = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(decoder());
        int n = 0;
        for (byte[] rec : records(all, 16384)) {
            ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(rec.length).writeBytes(rec);
            inputs.add(b);
            ch.writeInbound(b);
            for (Object o; (o = ch.readInbound()) != null; ) {
                n++;
            }
        }
        assertThat(n).isEqualTo(3);
        assertFalse(ch.finish());
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    /** With autoRead off, a read cycle that only fed the sink asks for the next read, as cumulating does. */
    @Test
    void withAutoReadOffAStreamedBodyKeepsReading() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        io.netty.channel.ChannelOutboundHandlerAdapter counter = new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void read(io.netty.channel.ChannelHandlerContext ctx) {
                reads.incrementAndGet();
                ctx.read();
            }
        };
        MsrpFrameDecoder d = decoder();
        EmbeddedChannel ch = new EmbeddedChannel(counter, d);
        ch.config().setAutoRead(false);
        List<byte[]> recs = records(wire(65536), 16384);
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(recs.get(0)));
        assertThat(d.state()).isEqualTo(MsrpFrameDecoder.State.STREAMING);
        int before = reads.get();
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(recs.get(1)));
        assertThat(reads.get()).as("read() after a cycle that only fed the sink").isGreaterThan(before);
        for (byte[] r : recs.subList(2, recs.size())) {
            ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(r));
        }
        assertThat((Object) ch.readInbound()).isInstanceOf(MsrpRequest.class);
        assertFalse(ch.finish());
    }

    /** Removed while streaming, the decoder hands the frame's octets so far to the next handler. */
    @Test
    void removedMidBodyPassesTheOctetsOn() {
        byte[] all = wire(65536);
        MsrpFrameDecoder d = decoder();
        EmbeddedChannel ch = new EmbeddedChannel(d);
        List<byte[]> recs = records(all, 16384);
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(recs.get(0)), io.netty.buffer.Unpooled.wrappedBuffer(recs.get(1)));
        assertThat(d.state()).isEqualTo(MsrpFrameDecoder.State.STREAMING);
        ch.pipeline().remove(d);
        ByteBuf passed = ch.readInbound();
        byte[] got = new byte[passed.readableBytes()];
        passed.readBytes(got);
        passed.release();
        assertThat(got).isEqualTo(Arrays.copyOf(all, 2 * 16384));
        assertFalse(ch.finish());
    }

    /** Index of the CR that starts the {@code k}-th (1-based) end-line of TID in {@code all}. */
    static int indexOfEndLine(byte[] all, int k) {
        byte[] m = ("\r\n-------" + TID).getBytes(StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i < k; i++) {
            at = indexOf(all, m, at + 1);
        }
        return at;
    }

    static int indexOf(byte[] a, byte[] p) {
        return indexOf(a, p, 0);
    }

    static int indexOf(byte[] a, byte[] p, int from) {
        outer:
        for (int i = from; i <= a.length - p.length; i++) {
            for (int k = 0; k < p.length; k++) {
                if (a[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
