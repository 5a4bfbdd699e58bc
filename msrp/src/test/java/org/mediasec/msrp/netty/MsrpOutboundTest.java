package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpEndLineSearch;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.msrp.internal.ChunkEnd;
import org.mediasec.msrp.internal.OutgoingStream;
import org.mediasec.msrp.session.MsrpPayload;

/**
 * The connection's one writer on an embedded channel (single thread, the event loop's tasks run when
 * the test says): a streamed chunk is interrupted with {@code +} for a response or REPORT and resumed in
 * a new transaction, only after 2048 octets; a second stream interleaves by interruption; a body holding
 * the end-line of the open transaction (inside a piece or across two) splits into a new transaction;
 * {@code stop} ends the open chunk with {@code #}. The wire is decoded with our {@link MsrpFrameDecoder},
 * and every octet count reported to the owner is checked against it.
 */
class MsrpOutboundTest {
    static final MsrpUri ALICE = MsrpUri.parse("msrps://alice.example.com:7777/iau39soe2843z;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrps://bob.example.com:8888/9di4eae923wzd;tcp");
    static final int PIECE = 16 << 10;
    static final int TURN = 64 << 10;

    final List<ChunkEnd> ends = new ArrayList<>();
    /** The writer's next turns: run when the test says. */
    final java.util.ArrayDeque<Runnable> turns = new java.util.ArrayDeque<>();

    MsrpOutbound outbound(long seed, int piece, int turn) {
        return new MsrpOutbound(new SplittableRandom(seed), piece, turn, turns::add);
    }

    static byte[] body(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    OutgoingStream stream(String messageId, byte[] body, int maxBody, List<ChunkEnd> sink) {
        return new OutgoingStream(List.of(BOB), List.of(ALICE), messageId, List.of(),
                MsrpPayload.of("application/octet-stream", Bytes.of(body)), 0, maxBody, sink::add);
    }

    static EmbeddedChannel channel(MsrpOutbound out) {
        return new EmbeddedChannel(MsrpMessageEncoder.INSTANCE, out);
    }

    /** Runs the writer's turns until it has nothing left. */
    void drain(EmbeddedChannel ch) {
        for (Runnable r; (r = turns.pollFirst()) != null; ) {
            r.run();
        }
    }

    /** Runs the writer's next turn. */
    void step() {
        turns.removeFirst().run();
    }

    /** Everything written so far, as one array (the buffers are released). */
    static byte[] wire(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            b.release();
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** The wire decoded by our stream decoder; it must decode completely. */
    static List<MsrpMessage> decode(byte[] wire) {
        EmbeddedChannel in = new EmbeddedChannel(new MsrpFrameDecoder(MsrpLimits.DEFAULT));
        in.writeInbound(Unpooled.wrappedBuffer(wire));
        List<MsrpMessage> out = new ArrayList<>();
        for (Object o; (o = in.readInbound()) != null; ) {
            assertThat(o).as("decoded").isInstanceOf(MsrpMessage.class);
            out.add((MsrpMessage) o);
        }
        assertThat(in.finish()).isFalse();
        return out;
    }

    static MsrpResponse ok() {
        MsrpRequest peer = MsrpRequest.send("peerTx0001", List.of(ALICE), List.of(BOB), "peer-msg", 
                org.mediasec.msrp.MsrpContent.text("hi"));
        return MsrpResponse.to(peer, MsrpStatus.OK);
    }

    static MsrpRequest report() {
        return new MsrpRequest("reportTx001", MsrpMethod.REPORT, List.of(BOB), List.of(ALICE),
                List.of(new MsrpHeader.MessageId("peer-msg"), MsrpHeader.ByteRange.whole(2), MsrpHeader.Status.of(MsrpStatus.OK)),
                Optional.empty(), MsrpContinuation.COMPLETE);
    }

    /** The SENDs' bodies put together, checking each against the transaction reported for it. */
    static byte[] bodies(List<MsrpMessage> msgs, String messageId, List<ChunkEnd> ends) {
        List<MsrpRequest> sends = msgs.stream().filter(m -> m instanceof MsrpRequest r && r.method() == MsrpMethod.SEND
                && r.messageId().orElseThrow().id().equals(messageId)).map(m -> (MsrpRequest) m).toList();
        assertThat(sends).hasSameSizeAs(ends);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = 1;
        for (int i = 0; i < sends.size(); i++) {
            MsrpRequest s = sends.get(i);
            ChunkEnd e = ends.get(i);
            MsrpHeader.ByteRange r = s.byteRange().orElseThrow();
            assertThat(s.transactionId()).isEqualTo(e.transactionId());
            assertThat(r.start()).as("contiguous").isEqualTo(next).isEqualTo(e.start());
            assertThat(r.endKnown()).as("range-end * on an interruptible chunk").isFalse();
            assertThat((long) s.body().size()).as("octets reported for %s", e.transactionId()).isEqualTo(e.octets());
            assertThat(s.continuation()).isEqualTo(e.flag());
            next += e.octets();
            out.writeBytes(s.body().toByteArray());
        }
        return out.toByteArray();
    }

    @Test
    void responseAndReportQueuedWhileAChunkIsOpenGoRightAfterItsPlusEndLine() {
        MsrpOutbound out = outbound(1, PIECE, TURN);
        EmbeddedChannel ch = channel(out);
        byte[] body = body(1 << 20, 1);
        out.stream(stream("big-msg-1", body, 1 << 20, ends));
        assertThat(ends).as("one turn written, the chunk still open").isEmpty();
        ch.writeAndFlush(ok());
        ch.writeAndFlush(report());
        assertThat(ends).singleElement().satisfies(e -> {
            assertThat(e.flag()).isEqualTo(MsrpContinuation.MORE);
            assertThat(e.start()).isEqualTo(1);
            assertThat(e.octets()).isEqualTo(TURN);
        });
        byte[] first = wire(ch);
        String text = new String(first, StandardCharsets.ISO_8859_1);
        String tid = ends.get(0).transactionId();
        // the end-line closes the chunk and the response starts right after it, then the REPORT
        String endLine = "\r\n-------" + tid + "+\r\n";
        int at = text.indexOf(endLine);
        assertThat(at).as("end-line").isPositive();
        assertThat(text.substring(at + endLine.length())).startsWith("MSRP peerTx0001 200").contains("MSRP reportTx001 REPORT")
                .doesNotContain("-------" + tid);
        assertThat(at - text.indexOf("\r\n\r\n") - 4).as("body octets on the wire before the end-line").isEqualTo(TURN);
        drain(ch);
        byte[] all = concat(first, wire(ch));
        List<MsrpMessage> msgs = decode(all);
        assertThat(msgs).extracting(MsrpOutboundTest::kind).containsExactly("SEND+", "200", "REPORT", "SEND$");
        assertThat(ends).extracting(ChunkEnd::flag).containsExactly(MsrpContinuation.MORE, MsrpContinuation.COMPLETE);
        assertThat(ends.get(1).start()).isEqualTo(TURN + 1);
        assertThat(ends.get(1).transactionId()).isNotEqualTo(tid);
        assertThat(bodies(msgs, "big-msg-1", ends)).isEqualTo(body);
    }

    @Test
    void aChunkIsInterruptedOnlyOnceItCarried2048Octets() {
        MsrpOutbound out = outbound(2, 1000, 1000);
        EmbeddedChannel ch = channel(out);
        byte[] body = body(10_000, 2);
        out.stream(stream("m-2048", body, 1 << 20, ends));
        ch.writeAndFlush(ok()); // 1000 octets carried: the response waits
        assertThat(ends).isEmpty();
        step(); // 2000: still waits
        assertThat(ends).isEmpty();
        step(); // 3000 >= 2048: '+', then the response
        assertThat(ends).singleElement().satisfies(e -> assertThat(e.octets()).isEqualTo(3000));
        drain(ch);
        List<MsrpMessage> msgs = decode(wire(ch));
        assertThat(msgs).extracting(MsrpOutboundTest::kind).containsExactly("SEND+", "200", "SEND$");
        assertThat(bodies(msgs, "m-2048", ends)).isEqualTo(body);
    }

    @Test
    void aSecondStreamInterleavesByInterruption() {
        MsrpOutbound out = outbound(3, PIECE, TURN);
        EmbeddedChannel ch = channel(out);
        byte[] a = body(300_000, 3);
        byte[] b = body(100_000, 4);
        List<ChunkEnd> aEnds = new ArrayList<>();
        List<ChunkEnd> bEnds = new ArrayList<>();
        out.stream(stream("msg-a", a, 256 << 10, aEnds));
        out.stream(stream("msg-b", b, 256 << 10, bEnds));
        drain(ch);
        List<MsrpMessage> msgs = decode(wire(ch));
        List<String> order = msgs.stream().map(m -> ((MsrpRequest) m).messageId().orElseThrow().id()).toList();
        // A's first turn, then B interrupts it and they alternate a piece at a time until B is done
        assertThat(order.subList(0, 4)).containsExactly("msg-a", "msg-b", "msg-a", "msg-b");
        assertThat(aEnds.get(0).octets()).isEqualTo(TURN);
        assertThat(bEnds.subList(0, bEnds.size() - 1)).as("interrupted chunks carry at least 2048 octets")
                .allSatisfy(e -> assertThat(e.octets()).isGreaterThanOrEqualTo(2048));
        assertThat(bodies(msgs, "msg-a", aEnds)).isEqualTo(a);
        assertThat(bodies(msgs, "msg-b", bEnds)).isEqualTo(b);
        assertThat(aEnds.get(aEnds.size() - 1).flag()).isEqualTo(MsrpContinuation.COMPLETE);
        assertThat(bEnds.get(bEnds.size() - 1).flag()).isEqualTo(MsrpContinuation.COMPLETE);
        // alone again, A runs to its largest body (256 KiB) before a new transaction
        assertThat(aEnds).extracting(ChunkEnd::octets).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(256 << 10));
    }

    @Test
    void aBodyHoldingTheOpenTransactionsEndLineSplitsIntoANewTransaction() {
        // the ids the writer will draw: the first for the first piece, the second after the split
        SplittableRandom ids = new SplittableRandom(4);
        String tid1 = MsrpTransactionIds.random(ids);
        String tid2 = MsrpTransactionIds.random(ids);
        byte[] body = body(200_000, 5);
        int inPiece = 2 * PIECE + 1000; // wholly inside the third piece
        int acrossSeam = 5 * PIECE - 9; // across the seam of the fifth and sixth pieces
        plant(body, inPiece, "-------" + tid1 + "+");
        plant(body, acrossSeam, "-------" + tid2 + "$");
        MsrpOutbound out = outbound(4, PIECE, 1 << 20);
        EmbeddedChannel ch = channel(out);
        out.stream(stream("end-line-msg", body, 1 << 20, ends));
        drain(ch);
        List<MsrpMessage> msgs = decode(wire(ch));
        assertThat(ends).extracting(ChunkEnd::transactionId).startsWith(tid1, tid2).doesNotHaveDuplicates();
        // the chunk ended before the piece holding the end-line, the next one before the seam's second piece
        assertThat(ends).extracting(ChunkEnd::start).containsExactly(1L, 2L * PIECE + 1, 5L * PIECE + 1);
        assertThat(ends).extracting(ChunkEnd::flag).containsExactly(MsrpContinuation.MORE, MsrpContinuation.MORE,
                MsrpContinuation.COMPLETE);
        assertThat(bodies(msgs, "end-line-msg", ends)).isEqualTo(body);
    }

    @Test
    void stopEndsTheOpenChunkWithHash() {
        MsrpOutbound out = outbound(6, PIECE, TURN);
        EmbeddedChannel ch = channel(out);
        byte[] body = body(1 << 20, 6);
        OutgoingStream s = stream("stopped-msg", body, 1 << 20, ends);
        out.stream(s);
        s.stop();
        drain(ch);
        List<MsrpMessage> msgs = decode(wire(ch));
        assertThat(ends).singleElement().satisfies(e -> {
            assertThat(e.flag()).isEqualTo(MsrpContinuation.ABORT);
            assertThat(e.octets()).isEqualTo(TURN);
            assertThat(e.failure()).isNull();
        });
        assertThat(msgs).extracting(MsrpOutboundTest::kind).containsExactly("SEND#");
        assertThat(bodies(msgs, "stopped-msg", ends)).isEqualTo(java.util.Arrays.copyOf(body, TURN));
    }

    @Test
    void aClosedConnectionGivesEveryStreamBack() {
        MsrpOutbound out = outbound(7, PIECE, TURN);
        EmbeddedChannel ch = channel(out);
        List<ChunkEnd> other = new ArrayList<>();
        out.stream(stream("open-msg", body(1 << 20, 7), 1 << 20, ends));
        out.stream(stream("waiting-msg", body(1 << 20, 8), 1 << 20, other));
        ch.close();
        // the two alternated until the close; then each gets its stream back with no transaction open
        for (List<ChunkEnd> l : List.of(ends, other)) {
            assertThat(l).last().satisfies(e -> {
                assertThat(e.transactionId()).isNull();
                assertThat(e.flag()).isEqualTo(MsrpContinuation.ABORT);
                assertThat(e.failure()).isEqualTo(MsrpStatus.SESSION_DOES_NOT_EXIST);
            });
            assertThat(l.subList(0, l.size() - 1)).allSatisfy(e -> assertThat(e.flag()).isEqualTo(MsrpContinuation.MORE));
        }
        wire(ch);
    }

    @Test
    void thePieceSearchThroughTheBuffersAddressAgreesWithTheArraySearch() {
        SplittableRandom r = new SplittableRandom(8);
        String tid = "Ab3dEf6hIj9lMn0p";
        MsrpEndLineSearch s = MsrpEndLineSearch.of(tid);
        byte[] alphabet = ("-------" + tid + "-x").getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 3000; round++) {
            byte[] a = new byte[r.nextInt(0, 200)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(4) == 0 ? (byte) '-' : alphabet[r.nextInt(alphabet.length)];
            }
            if (a.length > 30 && r.nextBoolean()) {
                plant(a, r.nextInt(a.length - 23), "-------" + tid);
            }
            ByteBuf direct = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(a.length).writeBytes(a);
            try {
                assertThat(MsrpOutbound.indexIn(s, s.pattern(), direct, direct.nioBuffer(0, a.length), a.length))
                        .as("round %d", round).isEqualTo(s.indexIn(a, 0, a.length));
            } finally {
                direct.release();
            }
        }
    }

    static void plant(byte[] body, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, body, at, b.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static String kind(MsrpMessage m) {
        if (m instanceof MsrpResponse r) {
            return String.valueOf(r.status().code());
        }
        MsrpRequest r = (MsrpRequest) m;
        return r.method() == MsrpMethod.SEND ? "SEND" + r.continuation().flag() : r.method().name();
    }
}
