package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.codec.MsrpLimits;

/**
 * {@link MsrpFrameDecoder#withDirectBodies}: a SEND whose body spans received direct buffers is passed
 * on as a {@link SpooledSend} (body in pooled direct memory); with its body put back it equals what
 * the plain decoder makes of the same octets in one piece, for every split. Every buffer is accounted
 * for: inputs released, and the decoder's own direct buffers (from a pool without thread caches,
 * so its active-allocation count is exact) all freed once the outputs are released, also when the
 * connection closes or the decoder is removed mid-body, and on a body over the limit.
 */
class MsrpFrameDecoderDirectBodiesTest {
    static final String TID = MsrpFrameDecoderStreamingTest.TID;

    /** The decoders' allocator (one per test): a pool without thread caches, so its active count is exact. */
    final PooledByteBufAllocator alloc = new PooledByteBufAllocator(true, 0, 1, 8192, 9, 0, 0, false);

    /** One channel with a decoder whose own buffers come from {@link #alloc}. */
    final class Run {
        final EmbeddedChannel ch;
        final List<ByteBuf> inputs = new ArrayList<>();
        int spooled;

        Run(MsrpLimits limits) {
            ch = new EmbeddedChannel();
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(MsrpFrameDecoder.withDirectBodies(limits));
        }

        Run() {
            this(MsrpFrameDecoderStreamingTest.LIMITS);
        }

        /** Writes each piece as an unpooled direct buffer (as the TLS handler's output); returns the outputs, bodies put back. */
        List<Object> feed(byte[]... pieces) {
            List<Object> out = new ArrayList<>();
            for (byte[] p : pieces) {
                if (!ch.isOpen()) {
                    break; // the decoder closed the connection (a limit)
                }
                ByteBuf b = Unpooled.directBuffer(p.length).writeBytes(p);
                inputs.add(b);
                ch.writeInbound(b);
                for (Object o; (o = ch.readInbound()) != null; ) {
                    out.add(normal(o));
                }
            }
            return out;
        }

        Object normal(Object o) {
            if (!(o instanceof SpooledSend s)) {
                return o;
            }
            spooled++;
            try {
                assertThat(s.refCnt()).isEqualTo(1);
                byte[] body = new byte[s.bodySize()];
                s.bodyBuffer().get(body);
                MsrpRequest h = s.head();
                MsrpContent c = h.content().orElseThrow();
                return new MsrpRequest(h.transactionId(), h.method(), h.toPath(), h.fromPath(), h.headers(),
                        Optional.of(new MsrpContent(c.contentType(), c.mimeHeaders(), Bytes.ownedBy(body))),
                        h.continuation());
            } finally {
                s.release();
            }
        }

        long active() {
            return alloc.metric().directArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum();
        }

        void assertAllReleased() {
            assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).as("input released").isZero());
            assertThat(active()).as("decoder's direct buffers freed").isZero();
        }
    }

    static List<Object> reference(byte[] all) {
        return MsrpFrameDecoderStreamingTest.reference(all);
    }

    @Test
    void everySplitInTwoOrThreeGivesTheReferenceMessages() {
        byte[] all = MsrpFrameDecoderStreamingTest.wire(6000, 300, 5000);
        List<Object> want = reference(all);
        assertThat(want).hasSize(3).allSatisfy(o -> assertThat(o).isInstanceOf(MsrpRequest.class));
        int spooled = 0;
        for (int cut = 1; cut < all.length; cut++) {
            Run r = new Run();
            byte[][] pieces = cut + 4099 < all.length
                    ? new byte[][] {Arrays.copyOf(all, cut), Arrays.copyOfRange(all, cut, cut + 4099),
                            Arrays.copyOfRange(all, cut + 4099, all.length)}
                    : new byte[][] {Arrays.copyOf(all, cut), Arrays.copyOfRange(all, cut, all.length)};
            assertThat(r.feed(pieces)).as("cut at %d", cut).containsExactlyElementsOf(want);
            assertThat(r.ch.finish()).isFalse();
            r.assertAllReleased();
            spooled += r.spooled;
        }
        assertThat(spooled).as("bodies that spanned buffers were spooled").isGreaterThan(all.length);
    }

    @Test
    void sixteenKilobyteRecordsOfLargeChunks() {
        byte[] all = MsrpFrameDecoderStreamingTest.wire(262144, 262144, 100, 70001);
        List<Object> want = reference(all);
        Run r = new Run();
        assertThat(r.feed(MsrpFrameDecoderStreamingTest.records(all, 16384).toArray(byte[][]::new)))
                .containsExactlyElementsOf(want);
        assertThat(r.spooled).isEqualTo(3);
        assertThat(r.ch.finish()).isFalse();
        r.assertAllReleased();
    }

    /**
     * RFC 4975 §7.1: the end-line "is not present in the body". Look-alikes planted in the body and
     * split around: {@code -------<tid>} with a flag is refused (a MALFORMED error, never a spooled
     * body); without a flag, or not preceded by CRLF, it is body data and the request is accepted.
     */
    @Test
    void endLineLookAlikesInTheBodyGiveTheReferenceResult() {
        String[] plants = {"-------" + TID + "+", "\r\n-------" + TID + "x\r\n", "-------" + TID,
                "\r\n-------" + TID + "$", "x\r\n-------" + TID + "#x\r\n"};
        for (String plant : plants) {
            for (int at : new int[] {0, 1, 2, 3000, 5980}) {
                byte[] body = new byte[6000];
                new SplittableRandom(at).nextBytes(body);
                byte[] p = plant.getBytes(StandardCharsets.US_ASCII);
                int pos = Math.min(at, body.length - p.length - 5); // not abutting the real end-line
                // planted in the encoded frame: MsrpRequest itself refuses such a body
                byte[] f = MsrpFrameDecoderStreamingTest.frame(body, MsrpContinuation.MORE);
                int bodyAt = MsrpFrameDecoderStreamingTest.indexOf(f, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
                System.arraycopy(p, 0, f, bodyAt + pos, p.length);
                ByteArrayOutputStream w = new ByteArrayOutputStream();
                w.writeBytes(f);
                w.writeBytes(MsrpFrameDecoderStreamingTest.wire(300));
                byte[] all = w.toByteArray();
                List<Object> want = reference(all);
                assertThat(want).hasSize(2);
                boolean refused = plant.contains(TID + "+") || plant.contains(TID + "$") || plant.contains(TID + "#");
                assertThat(want.get(0)).as("%s at %d", plant.strip(), at)
                        .isInstanceOf(refused ? MsrpFrameError.class : MsrpRequest.class);
                for (int cut = bodyAt + pos - 30; cut <= bodyAt + pos + p.length + 30; cut++) {
                    Run r = new Run();
                    List<Object> got = r.feed(Arrays.copyOf(all, cut), Arrays.copyOfRange(all, cut, all.length));
                    assertThat(got).as("%s at %d, cut at %d", plant.strip(), at, cut).containsExactlyElementsOf(want);
                    if (refused) {
                        assertThat(r.spooled).isZero();
                    }
                    assertThat(r.ch.finish()).isFalse();
                    r.assertAllReleased();
                }
            }
        }
    }

    @Test
    void aConnectionClosedMidBodyFreesTheBody() {
        byte[] all = MsrpFrameDecoderStreamingTest.wire(200000);
        Run r = new Run();
        assertThat(r.feed(Arrays.copyOf(all, 20000), Arrays.copyOfRange(all, 20000, 90000))).isEmpty();
        assertThat(r.active()).as("the body so far is held").isPositive();
        r.ch.close();
        assertThat(r.ch.finish()).isFalse();
        r.assertAllReleased();
    }

    @Test
    void aDecoderRemovedMidBodyPassesTheOctetsOnAndFreesNothingTwice() {
        byte[] all = MsrpFrameDecoderStreamingTest.wire(200000);
        List<ByteBuf> passed = new ArrayList<>();
        Run r = new Run();
        r.ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                passed.add((ByteBuf) msg);
            }
        });
        assertThat(r.feed(Arrays.copyOf(all, 20000), Arrays.copyOfRange(all, 20000, 90000))).isEmpty();
        r.ch.pipeline().remove(MsrpFrameDecoder.class);
        ByteBuf rest = Unpooled.wrappedBuffer(passed.toArray(ByteBuf[]::new));
        byte[] got = new byte[rest.readableBytes()];
        rest.readBytes(got);
        rest.release();
        assertThat(got).isEqualTo(Arrays.copyOf(all, 90000));
        r.ch.finishAndReleaseAll();
        r.assertAllReleased();
    }

    @Test
    void aBodyOverTheLimitClosesTheConnectionAndFreesTheBody() {
        byte[] all = MsrpFrameDecoderStreamingTest.wire(100000);
        for (int cut : new int[] {500, 5000, 50000}) {
            Run r = new Run(MsrpLimits.DEFAULT.withMaxChunkSize(16384));
            List<Object> got = r.feed(Arrays.copyOf(all, cut), Arrays.copyOfRange(all, cut, all.length));
            assertThat(got).as("cut at %d", cut).singleElement().isInstanceOfSatisfying(MsrpFrameError.class,
                    e -> assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED));
            assertThat(r.ch.isOpen()).isFalse();
            r.ch.finishAndReleaseAll();
            r.assertAllReleased();
        }
    }
}
