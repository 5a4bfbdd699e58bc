package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.codec.DecodeResult;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.testkit.Corpus;

class MsrpFrameDecoderTest {

    static Stream<Path> corpus() {
        return Corpus.files(MsrpFrameDecoderTest.class, "corpus/msrp").stream().filter(p -> p.toString().endsWith(".msrp"));
    }

    static byte[] crlf(String lf) {
        return lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds the chunks, returns everything passed on; the channel must end with nothing buffered. */
    static List<Object> feed(EmbeddedChannel ch, byte[]... chunks) {
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    static Object expected(byte[] frame) {
        DecodeResult r = MsrpCodec.decode(frame, MsrpLimits.DEFAULT);
        return r instanceof DecodeResult.Ok ok ? ok.message()
                : new MsrpFrameError(MsrpFrameError.Kind.MALFORMED, ((DecodeResult.Malformed) r).reason(),
                ((DecodeResult.Malformed) r).recovered());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesCorpusSplitAtEveryOffset(Path file) throws Exception {
        byte[] wire = Files.readAllBytes(file);
        // *.incomplete.msrp is printed without its end-line: a stream decoder keeps waiting for it
        boolean incomplete = file.getFileName().toString().endsWith(".incomplete.msrp");
        Object want = expected(wire);
        for (int i = 0; i <= wire.length; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
            List<Object> out = feed(ch, java.util.Arrays.copyOfRange(wire, 0, i), java.util.Arrays.copyOfRange(wire, i, wire.length));
            if (incomplete) {
                assertThat(out).as("split at %d", i).isEmpty();
            } else {
                assertThat(out).as("split at %d", i).containsExactly(want);
            }
            assertThat(ch.isOpen()).isTrue();
            assertFalse(ch.finish());
        }
    }

    @Test
    void decodesByteByByte() {
        byte[] wire = Corpus.bytes(getClass(), "corpus/msrp/rfc4975/11.5-1.msrp");
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        List<Object> out = new ArrayList<>();
        for (byte b : wire) {
            out.addAll(feed(ch, new byte[] {b}));
        }
        assertThat(out).containsExactly(expected(wire));
        assertFalse(ch.finish());
    }

    @Test
    void decodesTwoFramesInOneBufferAndAMalformedOneInBetween() {
        byte[] a = Corpus.bytes(getClass(), "corpus/msrp/rfc4975/4-1.msrp");
        byte[] bad = Corpus.bytes(getClass(), "corpus/msrp/rfc4975/5.1-1.malformed.msrp");
        byte[] b = Corpus.bytes(getClass(), "corpus/msrp/rfc4975/4-2.msrp");
        byte[] all = new byte[a.length + bad.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(bad, 0, all, a.length, bad.length);
        System.arraycopy(b, 0, all, a.length + bad.length, b.length);
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        List<Object> out = feed(ch, all);
        assertThat(out).containsExactly(expected(a), expected(bad), expected(b));
        MsrpFrameError err = (MsrpFrameError) out.get(1);
        assertThat(err.kind()).isEqualTo(MsrpFrameError.Kind.MALFORMED);
        assertThat(err.fatal()).isFalse();
        assertThat(err.recovered().orElseThrow().transactionId()).isEqualTo("dkei38sd");
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void bodyWithLookAlikeEndLinesSplitAtEveryOffset() {
        byte[] wire = crlf("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Content-Type: text/plain

                -------abcdX
                ------abcd$
                -------abce$

                -------abcd+
                """);
        Object want = expected(wire);
        assertThat(want).isInstanceOf(MsrpRequest.class);
        assertThat(((MsrpRequest) want).body().utf8()).isEqualTo("-------abcdX\r\n------abcd$\r\n-------abce$\r\n");
        assertSplitIndependent(wire, want);
    }

    @Test
    void endLineInsideABodyLineFramesCorrectlyButIsMalformed() {
        // "-------abcd$x" is not an end-line for the framer (no CRLF after the flag), but RFC 4975 §7.1
        // forbids the end-line string in the body, so the frame is delivered as MALFORMED (reply 400).
        byte[] wire = crlf("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Content-Type: text/plain

                -------abcd$x
                -------abcd$
                """);
        Object want = expected(wire);
        assertThat(want).isInstanceOf(MsrpFrameError.class);
        assertThat(((MsrpFrameError) want).recovered().orElseThrow().reply()).isPresent();
        assertSplitIndependent(wire, want);
    }

    private static void assertSplitIndependent(byte[] wire, Object want) {
        for (int i = 0; i <= wire.length; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
            assertThat(feed(ch, java.util.Arrays.copyOfRange(wire, 0, i), java.util.Arrays.copyOfRange(wire, i, wire.length)))
                    .as("split at %d", i).containsExactly(want);
            assertFalse(ch.finish());
        }
    }

    @Test
    void garbageLosesFramingAndClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        byte[] valid = Corpus.bytes(getClass(), "corpus/msrp/rfc4975/4-2.msrp");
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[garbage.length + valid.length];
        System.arraycopy(garbage, 0, both, 0, garbage.length);
        System.arraycopy(valid, 0, both, garbage.length, valid.length);
        List<Object> out = feed(ch, both);  // the valid frame after the garbage is discarded too
        assertThat(out).hasSize(1);
        MsrpFrameError e = (MsrpFrameError) out.get(0);
        assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.FRAMING_LOST);
        assertThat(e.fatal()).isTrue();
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void garbageIsDetectedBeforeAnyCrlfArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        List<Object> out = feed(ch, new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});  // a TLS ClientHello on a plain port
        assertThat(out).singleElement().extracting(o -> ((MsrpFrameError) o).kind()).isEqualTo(MsrpFrameError.Kind.FRAMING_LOST);
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void badTransactionIdLosesFraming() {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        List<Object> out = feed(ch, crlf("MSRP a SEND\n"));
        assertThat(((MsrpFrameError) out.get(0)).kind()).isEqualTo(MsrpFrameError.Kind.FRAMING_LOST);
        assertFalse(ch.finish());
    }

    static MsrpFrameError fatal(MsrpLimits limits, byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder(limits));
        List<Object> out = feed(ch, chunks);
        assertThat(out).hasSize(1);
        MsrpFrameError e = (MsrpFrameError) out.get(0);
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
        return e;
    }

    @Test
    void overLongStartLineIsFatalWithoutWaitingForCrlf() {
        byte[] line = ("MSRP abcd " + "A".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        MsrpFrameError e = fatal(MsrpLimits.DEFAULT.withMaxLineLength(100), line);
        assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);
        assertThat(e.reason()).contains("start line");
    }

    @Test
    void overLongHeaderLineIsFatal() {
        MsrpFrameError e = fatal(MsrpLimits.DEFAULT.withMaxLineLength(100),
                crlf("MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/" + "s".repeat(100)));
        assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);
        assertThat(e.reason()).contains("header line");
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedEvenWhenItsLfIsLate() {
        String uri = "msrp://a.example.com:1/" + "s".repeat(60) + ";tcp";
        String to = "To-Path: " + uri;
        MsrpLimits limits = MsrpLimits.DEFAULT.withMaxLineLength(to.length());
        byte[] wire = crlf("MSRP abcd SEND\n" + to + "\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$\n");
        int cut = ("MSRP abcd SEND\r\n" + to + "\r").length();
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder(limits));
        assertThat(feed(ch, java.util.Arrays.copyOfRange(wire, 0, cut), java.util.Arrays.copyOfRange(wire, cut, wire.length)))
                .singleElement().isInstanceOf(MsrpRequest.class);
        assertFalse(ch.finish());
    }

    @Test
    void tooManyHeadersIsFatal() {
        StringBuilder sb = new StringBuilder("MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n");
        for (int i = 0; i < 10; i++) {
            sb.append("X-H").append(i).append(": v\n");
        }
        MsrpFrameError e = fatal(MsrpLimits.DEFAULT.withMaxHeaderCount(8), crlf(sb.toString()));
        assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);
    }

    @Test
    void bodyOverMaxChunkSizeIsFatalWithoutTheEndLine() {
        byte[] head = crlf("MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nContent-Type: text/plain\n\n");
        MsrpFrameError e = fatal(MsrpLimits.DEFAULT.withMaxChunkSize(100), head, new byte[60], new byte[60]);
        assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);
        assertThat(e.reason()).contains("body larger than 100");
    }

    @Test
    void bodyJustOverMaxChunkSizeWithEndLineIsFatalAndExactlyAtItIsAccepted() {
        String head = "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nContent-Type: text/plain\n\n";
        MsrpFrameError e = fatal(MsrpLimits.DEFAULT.withMaxChunkSize(100), crlf(head + "x".repeat(101) + "\n-------abcd$\n"));
        assertThat(e.kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);

        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder(MsrpLimits.DEFAULT.withMaxChunkSize(100)));
        assertThat(feed(ch, crlf(head + "x".repeat(100) + "\n-------abcd$\n"))).singleElement()
                .extracting(o -> ((MsrpRequest) o).body().size()).isEqualTo(100);
        assertFalse(ch.finish());
    }

    @Test
    void partialFrameAtCloseIsDroppedQuietly() {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpFrameDecoder());
        assertThat(feed(ch, crlf("MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\n"))).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void encoderWritesTheCodecBytes() {
        MsrpMessage m = (MsrpMessage) expected(Corpus.bytes(getClass(), "corpus/msrp/rfc4975/11.5-1.msrp"));
        EmbeddedChannel ch = new EmbeddedChannel(MsrpMessageEncoder.INSTANCE);
        assertThat(ch.writeOutbound(m)).isTrue();
        ByteBuf out = ch.readOutbound();
        try {
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            assertThat(Bytes.of(b)).isEqualTo(Bytes.of(Corpus.bytes(getClass(), "corpus/msrp/rfc4975/11.5-1.msrp")));
        } finally {
            out.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void encoderAndDecoderTalkToEachOther() {
        MsrpMessage m = (MsrpMessage) expected(Corpus.bytes(getClass(), "corpus/msrp/rfc4976/5.1-3.msrp"));
        EmbeddedChannel tx = new EmbeddedChannel(MsrpMessageEncoder.INSTANCE);
        EmbeddedChannel rx = new EmbeddedChannel(new MsrpFrameDecoder());
        tx.writeOutbound(m, m);
        for (ByteBuf b; (b = tx.readOutbound()) != null; ) {
            rx.writeInbound(b);
        }
        assertThat((Object) rx.readInbound()).isEqualTo(m);
        assertThat((Object) rx.readInbound()).isEqualTo(m);
        assertFalse(tx.finish());
        assertFalse(rx.finish());
    }
}
