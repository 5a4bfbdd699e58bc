package org.mediasec.sip.secagree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.testkit.Seeds;

/** Seeded property tests; {@code -Dmediasec.seed=N} replays one case. */
class SecurityHeaderProperties {

    static LongStream seeds() {
        return Seeds.seeds();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void writeThenParseRoundTrips(long seed) {
        SecurityHeader h = SecurityHeaderGen.header(new SplittableRandom(seed));
        String written = SecurityHeaderWriter.write(h);
        assertThat(SecurityHeaderParser.parse(h.kind(), written)).as("seed=%d %s", seed, written).isEqualTo(h);
        assertThat(SecurityHeaderWriter.write(SecurityHeaderParser.parse(h.kind(), written))).as("seed=%d", seed).isEqualTo(written);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void whiteSpaceAroundSeparatorsDoesNotChangeTheModel(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SecurityHeader h = SecurityHeaderGen.header(r);
        String spaced = SecurityHeaderGen.writeWithWhiteSpace(h, r);
        assertThat(SecurityHeaderParser.decode(h.kind(), spaced).header()).as("seed=%d %s", seed, spaced).hasValue(h);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void capabilitiesSurviveAHeaderRoundTrip(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SecurityHeader h = SecurityHeaderGen.header(r);
        MediaSecCapabilities c = MediaSecCapabilities.from(h);
        if (!c.isEmpty()) {
            SecurityHeader server = c.toSecurityHeader(SecurityHeaderKind.SERVER, java.util.OptionalDouble.of(0.5));
            assertThat(MediaSecCapabilities.from(SecurityHeaderParser.parse(SecurityHeaderKind.SERVER, server.value())))
                    .as("seed=%d", seed).isEqualTo(c);
        }
        assertThat(c.intersect(c)).as("seed=%d", seed).isEqualTo(c);
        assertThat(c.intersect(MediaSecCapabilities.all()).mechanisms()).isEqualTo(c.mechanisms());
    }

    /** Decoder totality: mutated headers and random text never throw; what decodes re-parses identically. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void decodeNeverThrowsOnMutatedInput(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SecurityHeader h = SecurityHeaderGen.header(r);
        StringBuilder sb = new StringBuilder(SecurityHeaderWriter.write(h));
        String noise = ",;= \"\\\r\n\t\u0000\u00e9\u20ac<>[]:q0.1";
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(sb.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> sb.insert(at, noise.charAt(r.nextInt(noise.length())));
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, noise.charAt(r.nextInt(noise.length())));
                    }
                }
            }
        }
        String input = sb.toString();
        SecurityHeaderDecodeResult result = SecurityHeaderParser.decode(h.kind(), input);
        assertThat(result.errors().size() + (result.mechanisms().isEmpty() ? 0 : 1)).as("seed=%d %s", seed, input).isEqualTo(1);
        result.header().ifPresent(ok -> assertThat(SecurityHeaderParser.parse(ok.kind(), ok.value()))
                .as("seed=%d %s", seed, input).isEqualTo(ok));
    }
}
