package org.mediasec.msrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.testkit.Corpus;

/** Every corpus file: decode, byte-exact re-encode, decode(encode(m)) == m; *.malformed.msrp must not decode. */
class MsrpCorpusTest {

    static Stream<Path> corpus() {
        return Corpus.files(MsrpCorpusTest.class, "corpus/msrp").stream().filter(p -> p.toString().endsWith(".msrp"));
    }

    static boolean malformed(Path p) {
        return p.getFileName().toString().endsWith(".malformed.msrp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusRoundTripsByteExact(Path file) throws IOException {
        byte[] wire = Files.readAllBytes(file);
        assertThat(new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1)).as("CRLF line endings").doesNotContain("\r\r").contains("\r\n");
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        DecodeResult r = MsrpCodec.decode(in);
        in.release();
        if (malformed(file)) {
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
            DecodeResult.Malformed m = (DecodeResult.Malformed) r;
            assertThat(m.recovered()).isPresent();
            assertThat(m.recovered().get().transactionId()).isNotEmpty();
            return;
        }
        assertThat(r).as("%s", r).isInstanceOf(DecodeResult.Ok.class);
        DecodeResult.Ok ok = (DecodeResult.Ok) r;
        Bytes encoded = MsrpCodec.toBytes(ok.message());
        assertThat(encoded.utf8()).isEqualTo(new String(wire, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(encoded).isEqualTo(Bytes.of(wire));
        assertThat(MsrpCodec.decode(encoded.toByteArray(), MsrpLimits.DEFAULT)).isEqualTo(r);
    }
}
