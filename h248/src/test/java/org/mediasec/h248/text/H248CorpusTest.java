package org.mediasec.h248.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.h248.H248Message;
import org.mediasec.testkit.Corpus;

/** Every corpus message decodes, and re-encodes in both styles to the same model. */
class H248CorpusTest {

    static Stream<Path> corpus() {
        return Corpus.files(H248CorpusTest.class, "corpus/h248").stream()
                .filter(p -> p.toString().endsWith(".h248"));
    }

    static Stream<Path> canonical() {
        return corpus().filter(p -> p.getParent().getFileName().toString().equals("canonical"));
    }

    static byte[] read(Path p) throws Exception {
        return Files.readAllBytes(p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesAndRoundTripsInBothStyles(Path file) throws Exception {
        DecodeResult r = H248TextCodec.decode(read(file));
        assertThat(r).as("%s", file).isInstanceOf(DecodeResult.Ok.class);
        H248Message m = r.orThrow();
        for (Style style : Style.values()) {
            byte[] encoded = H248TextCodec.encode(m, style);
            DecodeResult again = H248TextCodec.decode(encoded);
            assertThat(again).as("%s in %s:\n%s", file.getFileName(), style,
                    new String(encoded, StandardCharsets.ISO_8859_1)).isEqualTo(new DecodeResult.Ok(m));
            // encoding is a function of the model: a second pass gives the same octets
            assertThat(H248TextCodec.encode(again.orThrow(), style)).isEqualTo(encoded);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonical")
    void canonicalPrettyIsByteExact(Path file) throws Exception {
        byte[] bytes = read(file);
        H248Message m = H248TextCodec.decode(bytes).orThrow();
        String name = file.getFileName().toString();
        Style style = name.contains("compact") ? Style.COMPACT : Style.PRETTY;
        assertThat(new String(H248TextCodec.encode(m, style), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
