package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpRequest;

/**
 * Frames whose head arrives in a direct buffer with nothing cumulated (the TLS handler's output): the
 * cumulator passes the buffer through and a large body is copied from it straight into its own array.
 * Same results as the heap cumulation decoding the same octets in one piece
 * ({@link MsrpFrameDecoderStreamingTest#reference}); every direct buffer released.
 */
class MsrpFrameDecoderDirectTest {
    static final String TID = MsrpFrameDecoderStreamingTest.TID;
    static final Function<byte[], ByteBuf> POOLED_DIRECT = MsrpFrameDecoderFastPathTest.KINDS.get(2);

    static List<Object> direct(byte[]... pieces) {
        List<ByteBuf> inputs = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(MsrpFrameDecoderStreamingTest.decoder());
        List<Object> out = MsrpFrameDecoderFastPathTest.feed(ch, b -> {
            ByteBuf buf = POOLED_DIRECT.apply(b);
            inputs.add(buf);
            return buf;
        }, pieces);
        assertFalse(ch.finish());
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).as("input released").isZero());
        return out;
    }

    @Test
    void severalLargeFramesInOneDirectBuffer() {
        byte[] all = MsrpFrameDecoderStreamingTest.wire(65536, 100, 70000, 30, 65536, 65536, 2000);
        List<Object> want = MsrpFrameDecoderStreamingTest.reference(all);
        assertThat(want).hasSize(7).allSatisfy(o -> assertThat(o).isInstanceOf(MsrpRequest.class));
        assertThat(direct(all)).containsExactlyElementsOf(want);
        assertThat(direct(MsrpFrameDecoderStreamingTest.records(all, 65536).toArray(byte[][]::new)))
                .containsExactlyElementsOf(want);
        assertThat(direct(MsrpFrameDecoderStreamingTest.records(all, 16384).toArray(byte[][]::new)))
                .containsExactlyElementsOf(want);
    }

    /**
     * {@code -------<tid>} and a flag at body offset 0 or 1 (where the streamed array's own search does
     * not look, as no end-line can start there): the body is not taken as proven free of its end-line,
     * so the request is refused on both paths (RFC 4975 §7.1: the sender MUST ensure the end-line "is
     * not present in the body").
     */
    @Test
    void anEndLinePatternAtTheStartOfTheBodyIsStillRefused() {
        for (int at = 0; at <= 3; at++) {
            byte[] body = new byte[5000];
            new SplittableRandom(at).nextBytes(body);
            byte[] f = MsrpFrameDecoderStreamingTest.frame(body, MsrpContinuation.MORE);
            int bodyAt = MsrpFrameDecoderStreamingTest.indexOf(f, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
            byte[] plant = ("-------" + TID + "+").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(plant, 0, f, bodyAt + at, plant.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(f);
            out.writeBytes(MsrpFrameDecoderStreamingTest.wire(300));
            byte[] all = out.toByteArray();
            List<Object> want = MsrpFrameDecoderStreamingTest.reference(all);
            assertThat(want).as("offset %d", at).hasSize(2);
            assertThat(want.get(0)).as("offset %d", at).isInstanceOf(MsrpFrameError.class);
            assertThat(direct(all)).as("offset %d", at).containsExactlyElementsOf(want);
        }
    }

    /** No body octet: the empty line's CRLF is the one before the end-line. */
    @Test
    void anEmptyBodyEndsAtTheEmptyLine() {
        String head = "MSRP " + TID + " SEND\r\nTo-Path: msrps://127.0.0.1:1/a;tcp\r\nFrom-Path: msrps://127.0.0.1:2/b;tcp\r\n"
                + "Message-ID: file0001\r\nContent-Type: text/plain\r\n\r\n-------" + TID + "$\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(MsrpFrameDecoderStreamingTest.wire(40000));
        byte[] all = out.toByteArray();
        List<Object> want = MsrpFrameDecoderStreamingTest.reference(all);
        assertThat(want).hasSize(2);
        assertThat(direct(all)).containsExactlyElementsOf(want);
    }
}
