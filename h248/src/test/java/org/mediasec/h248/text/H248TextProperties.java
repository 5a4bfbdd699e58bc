package org.mediasec.h248.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.h248.H248Message;
import org.mediasec.testkit.Corpus;
import org.mediasec.testkit.Seeds;

/** Seeded property tests: round trip of generated messages in both styles; decoder totality on mutated bytes. */
class H248TextProperties {

    static LongStream seeds() {
        return Seeds.seeds();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void generatedMessagesRoundTripInBothStyles(long seed) {
        H248Message m = H248Gen.message(new SplittableRandom(seed));
        for (Style style : Style.values()) {
            byte[] wire = H248TextCodec.encode(m, style);
            assertThat(H248TextCodec.decode(wire))
                    .as("seed=%d style=%s\n%s", seed, style, new String(wire, StandardCharsets.ISO_8859_1))
                    .isEqualTo(new DecodeResult.Ok(m));
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mutatedBytesNeverThrow(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        H248Message m = H248Gen.message(r);
        byte[] wire = H248TextCodec.encode(m, r.nextBoolean() ? Style.PRETTY : Style.COMPACT);
        for (int i = 0; i < 20; i++) {
            byte[] mutated = mutate(wire, r);
            assertThatCode(() -> {
                DecodeResult res = H248TextCodec.decode(mutated);
                if (res instanceof DecodeResult.Ok ok) {
                    // whatever was accepted is a legal message: it round-trips too
                    for (Style s : Style.values()) {
                        assertThat(H248TextCodec.decode(H248TextCodec.encode(ok.message(), s))).isEqualTo(res);
                    }
                } else {
                    // and whatever was rejected can be answered with a legal error message
                    H248Message answer = H248MiniDecoder.errorReply((DecodeResult.Malformed) res, m.mId(), 3);
                    assertThat(H248TextCodec.decode(H248TextCodec.encode(answer, Style.COMPACT)))
                            .isEqualTo(new DecodeResult.Ok(answer));
                }
            }).as("seed=%d mutation %d:\n%s", seed, i, new String(mutated, StandardCharsets.ISO_8859_1))
                    .doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mutatedCorpusMessagesNeverThrow(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<Path> corpus = Corpus.files(H248TextProperties.class, "corpus/h248").stream()
                .filter(p -> p.toString().endsWith(".h248")).toList();
        byte[] wire = Files.readAllBytes(corpus.get(r.nextInt(corpus.size())));
        for (int i = 0; i < 10; i++) {
            byte[] mutated = mutate(wire, r);
            assertThatCode(() -> {
                DecodeResult res = H248TextCodec.decode(mutated);
                if (res instanceof DecodeResult.Ok ok) {
                    assertThat(H248TextCodec.decode(H248TextCodec.encode(ok.message(), Style.PRETTY))).isEqualTo(res);
                }
            }).as("seed=%d mutation %d", seed, i).doesNotThrowAnyException();
        }
    }

    private static final String PUNCT = "{}[]=,:;\"<>#/ \n$*-";

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = (byte) PUNCT.charAt(r.nextInt(PUNCT.length()));
                case 2 -> b = Arrays.copyOf(b, at); // truncate
                case 3 -> { // delete a range
                    int len = Math.min(b.length - at, 1 + r.nextInt(8));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 4 -> { // duplicate a range
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                default -> { // swap case of a letter
                    if (Character.isLetter(b[at])) {
                        b[at] ^= 0x20;
                    }
                }
            }
        }
        return b;
    }
}
