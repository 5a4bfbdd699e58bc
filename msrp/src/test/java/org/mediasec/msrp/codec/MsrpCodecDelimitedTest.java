package org.mediasec.msrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.netty.buffer.Unpooled;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.msrp.MsrpGen;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.testkit.Corpus;
import org.mediasec.testkit.Seeds;

/** {@link MsrpCodec#decodeDelimited} (end-line taken from the end of the frame) agrees with {@link MsrpCodec#decode}. */
class MsrpCodecDelimitedTest {

    static Stream<Path> corpus() {
        return Corpus.files(MsrpCodecDelimitedTest.class, "corpus/msrp").stream().filter(p -> p.toString().endsWith(".msrp"));
    }

    static LongStream seeds() {
        return Seeds.seeds();
    }

    static void assertSame(byte[] frame) {
        DecodeResult want = MsrpCodec.decode(frame, MsrpLimits.DEFAULT);
        assertThat(MsrpCodec.decodeDelimited(Unpooled.wrappedBuffer(frame), MsrpLimits.DEFAULT)).isEqualTo(want);
        assertThat(MsrpCodec.decodeDelimited(Unpooled.directBuffer().writeBytes(frame), MsrpLimits.DEFAULT)).isEqualTo(want);
    }

    /** Corpus files hold one frame each (malformed ones included); all are decoded alike either way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusDecodesAlike(Path file) throws Exception {
        assertSame(Files.readAllBytes(file));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void generatedMessagesDecodeAlike(long seed) {
        MsrpMessage m = MsrpGen.message(new SplittableRandom(seed));
        byte[] frame = MsrpCodec.toBytes(m).toByteArray();
        assertThat(MsrpCodec.decodeDelimited(Unpooled.wrappedBuffer(frame), MsrpLimits.DEFAULT)).isEqualTo(new DecodeResult.Ok(m));
        assertSame(frame);
    }

    static byte[] frame(String body, String end) {
        return ("MSRP abcd SEND\r\nTo-Path: msrp://a.example.com:1/s;tcp\r\nFrom-Path: msrp://b.example.com:1/s;tcp\r\n"
                + "Content-Type: text/plain\r\n\r\n" + body + end).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void framesNotEndingInACompleteEndLineAreSearchedAsBefore() {
        assertSame(frame("hello", "\r\n-------abcd$"));          // no CRLF after the flag
        assertSame(frame("hello", "\r\n-------abcd$\r\nx"));      // data after
        assertSame(frame("hello", "\r\n-------abcdX\r\n"));       // no flag
        assertSame(frame("hello", "-------abcd$\r\n"));           // no CRLF before
        assertSame(frame("", "-------abcd+\r\n"));                // empty line is the CRLF before the end-line
        assertSame(frame("-------abc", "\r\n-------abc$\r\n"));   // another id's end-line
    }

    @Test
    void aCallerWronglyVouchingForAFrameStillGetsItRejected() {
        // an end-line inside the body: decode() says "data after the end-line", decodeDelimited the body check
        byte[] f = frame("x\r\n-------abcd+\r\ny", "\r\n-------abcd$\r\n");
        assertThat(MsrpCodec.decode(f, MsrpLimits.DEFAULT)).isInstanceOf(DecodeResult.Malformed.class);
        DecodeResult r = MsrpCodec.decodeDelimited(Unpooled.wrappedBuffer(f), MsrpLimits.DEFAULT);
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed) r).recovered()).isPresent();
    }
}
