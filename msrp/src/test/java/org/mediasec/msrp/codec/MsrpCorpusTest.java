package org.mediasec.msrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.testkit.Corpus;

/**
 * Every corpus file (see corpus/msrp/README.md for the kinds):
 * <ul>
 * <li>{@code *.msrp} and {@code *.layout.msrp}: decode, byte-exact re-encode, decode(encode(m)) == m;</li>
 * <li>{@code *.lenient.msrp}: as printed not RFC 4975 §9 grammar (more than one SP after a header
 * colon); decodes, and re-encodes to the same bytes with one SP after each header colon;</li>
 * <li>{@code *.malformed.msrp}: must not decode, but must give back its transaction id;</li>
 * <li>{@code *.incomplete.msrp} (printed without an end-line): malformed for that reason only.</li>
 * </ul>
 */
class MsrpCorpusTest {

    static Stream<Path> corpus() {
        return Corpus.files(MsrpCorpusTest.class, "corpus/msrp").stream().filter(p -> p.toString().endsWith(".msrp"));
    }

    static boolean is(Path p, String kind) {
        return p.getFileName().toString().endsWith("." + kind + ".msrp");
    }

    /** The header section: the start line up to the empty line before the body, or the whole message. */
    static String head(byte[] wire) {
        String s = new String(wire, StandardCharsets.ISO_8859_1);
        int blank = s.indexOf("\r\n\r\n");
        return blank < 0 ? s : s.substring(0, blank + 2);
    }

    /** {@code wire} with every run of spaces after a header colon cut to one, header section only. */
    static byte[] canonicalSpacing(byte[] wire) {
        String s = new String(wire, StandardCharsets.ISO_8859_1);
        String head = head(wire);
        return (head.replaceAll("(?m)^([A-Za-z][A-Za-z0-9-]*): +", "$1: ") + s.substring(head.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusRoundTripsByteExact(Path file) throws IOException {
        byte[] wire = Files.readAllBytes(file);
        assertThat(head(wire)).as("CRLF line endings").contains("\r\n")
                .doesNotContainPattern("\r[^\n]").doesNotContainPattern("[^\r]\n").doesNotStartWith("\n");
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        DecodeResult r = MsrpCodec.decode(in);
        in.release();
        if (is(file, "incomplete")) {
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
            assertThat(((DecodeResult.Malformed) r).reason()).startsWith("no end-line");
            assertThat(((DecodeResult.Malformed) r).recovered().orElseThrow().transactionId()).isNotEmpty();
            return;
        }
        if (is(file, "malformed")) {
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
            DecodeResult.Malformed m = (DecodeResult.Malformed) r;
            assertThat(m.recovered()).isPresent();
            assertThat(m.recovered().get().transactionId()).isNotEmpty();
            return;
        }
        assertThat(r).as("%s", r).isInstanceOf(DecodeResult.Ok.class);
        DecodeResult.Ok ok = (DecodeResult.Ok) r;
        byte[] want = wire;
        if (is(file, "lenient")) {
            want = canonicalSpacing(wire);
            assertThat(want).as("a lenient file differs from its canonical form").isNotEqualTo(wire);
        }
        Bytes encoded = MsrpCodec.toBytes(ok.message());
        assertThat(encoded.utf8()).isEqualTo(new String(want, StandardCharsets.UTF_8));
        assertThat(encoded).isEqualTo(Bytes.of(want));
        assertThat(MsrpCodec.decode(encoded.toByteArray(), MsrpLimits.DEFAULT)).isEqualTo(r);
    }
}
