package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.sdp.offeranswer.Answer;
import org.mediasec.sdp.offeranswer.LocalCapabilities;
import org.mediasec.sdp.offeranswer.MediaCapability;
import org.mediasec.sdp.offeranswer.OfferAnswer;
import org.mediasec.testkit.Seeds;

/** Property tests on the seeded generator; -Dmediasec.seed=N replays one case. */
class SdpProperties {
    static LongStream seeds() {
        return Seeds.seeds();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void validSdpRoundTripsByteExact(long seed) {
        String text = SdpGen.validSdp(new SplittableRandom(seed));
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError("seed=" + seed + ": generated SDP rejected: " + e.getMessage() + "\n" + text, e);
        }
        assertThat(SdpWriter.write(sdp)).as("seed=%d", seed).isEqualTo(text);
        assertThat(SdpParser.parse(text.replace("\r\n", "\n"))).as("seed=%d LF input", seed).isEqualTo(sdp);
        assertThat(SdpParser.parse(text, SdpParser.Mode.H248)).as("seed=%d H.248 mode", seed).isEqualTo(sdp);
        // a copy rebuilt through the builders is equal
        SessionDescription.Builder b = SessionDescription.builder().lines(sdp.lines());
        for (MediaDescription m : sdp.media()) {
            b.addMedia(MediaDescription.builder().media(m.media()).port(m.port()).numberOfPorts(m.numberOfPorts())
                    .proto(Proto.of(m.proto().name())).formats(m.formats()).lines(m.lines()).build());
        }
        assertThat(b.build()).as("seed=%d", seed).isEqualTo(sdp);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mutatedInputOnlyEverThrowsSdpParseException(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String text = SdpGen.mutate(r, SdpGen.validSdp(r));
        for (SdpParser.Mode mode : SdpParser.Mode.values()) {
            parseTotal(seed, text, mode);
        }
    }

    private static final List<String> CORPUS = org.mediasec.testkit.Corpus.files(SdpProperties.class, "corpus/sdp").stream()
            .filter(p -> p.toString().endsWith(".sdp"))
            .map(p -> {
                try {
                    return java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })
            .toList();

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mutatedCorpusOnlyEverThrowsSdpParseException(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String text = SdpGen.mutate(r, CORPUS.get(r.nextInt(CORPUS.size())));
        for (SdpParser.Mode mode : SdpParser.Mode.values()) {
            parseTotal(seed, text, mode);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void garbageOnlyEverThrowsSdpParseException(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String text = SdpGen.garbage(r, 300);
        for (SdpParser.Mode mode : SdpParser.Mode.values()) {
            parseTotal(seed, text, mode);
        }
    }

    private static void parseTotal(long seed, String text, SdpParser.Mode mode) {
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(text, mode);
        } catch (SdpParseException e) {
            assertThat(e.lineNumber()).as("seed=%d %s line number", seed, mode).isGreaterThanOrEqualTo(1);
            assertThat(e.reason()).as("seed=%d reason", seed).isNotBlank();
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("seed=" + seed + " mode=" + mode + ": parse threw " + e + " on "
                    + text.replace("\r", "\\r").replace("\n", "\\n\n"), e);
        }
        // whatever parsed, writes and parses back to the same model
        String written = SdpWriter.write(sdp);
        try {
            assertThat(SdpParser.parse(written, mode)).as("seed=%d %s re-parse", seed, mode).isEqualTo(sdp);
        } catch (SdpParseException e) {
            fail("seed=" + seed + " mode=" + mode + ": written text does not parse: " + e.getMessage() + "\n" + written);
        }
        // typed reads of any attribute value throw only SdpAttributeException
        for (SdpLevel level : levels(sdp)) {
            for (Attribute a : level.attributes()) {
                for (AttributeType<?> t : SdpAttributesTest.TYPES) {
                    Attribute renamed = new Attribute(t.name(), a.value());
                    try {
                        t.read(renamed);
                    } catch (SdpAttributeException expected) {
                        // fine
                    } catch (RuntimeException e) {
                        throw new AssertionError("seed=" + seed + ": typed read " + t + " of " + renamed + " threw " + e, e);
                    }
                }
            }
        }
    }

    private static List<SdpLevel> levels(SessionDescription sdp) {
        java.util.ArrayList<SdpLevel> out = new java.util.ArrayList<>();
        out.add(sdp);
        out.addAll(sdp.media());
        return out;
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void typedValuesRoundTripThroughAttributes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MediaDescription m = MediaDescription.builder("message", r.nextInt(65536), Proto.TCP_TLS_MSRP, "*")
                .set(SdpAttributes.SETUP, Setup.values()[r.nextInt(4)])
                .set(SdpAttributes.CONNECTION, TcpConnection.values()[r.nextInt(2)])
                .set(SdpAttributes.MAX_SIZE, r.nextLong(Long.MAX_VALUE))
                .set(SdpAttributes.FILE_RANGE, new FileRange(1 + r.nextInt(1000), r.nextBoolean() ? null : 1000L + r.nextInt(1000)))
                .set(SdpAttributes.FLOORID, FloorId.of(r.nextInt(65536), SdpGen.token(r, 4), SdpGen.token(r, 4)))
                .set(SdpAttributes.CONFID, r.nextLong(1L << 32))
                .set(SdpAttributes.USERID, r.nextInt(65536))
                .set(SdpAttributes.TLS_ID, TlsId.random(r))
                .set(SdpAttributes.FILE_SELECTOR, new FileSelector(r.nextBoolean() ? null : SdpGen.token(r, 10).replace("\"", "%22"),
                        r.nextBoolean() ? null : "application/octet-stream", r.nextBoolean() ? null : r.nextLong(1L << 40),
                        List.of(new FileSelector.Hash("sha-1", org.mediasec.common.Bytes.of((byte) r.nextInt(), (byte) 1)))))
                .build();
        MediaDescription back = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n" + SdpWriter.write(m)).media().get(0);
        assertThat(back).as("seed=%d", seed).isEqualTo(m);
        for (AttributeType<?> t : List.of(SdpAttributes.SETUP, SdpAttributes.CONNECTION, SdpAttributes.MAX_SIZE,
                SdpAttributes.FILE_RANGE, SdpAttributes.FLOORID, SdpAttributes.CONFID, SdpAttributes.USERID,
                SdpAttributes.TLS_ID, SdpAttributes.FILE_SELECTOR)) {
            assertThat(back.get(t)).as("seed=%d %s", seed, t).isEqualTo(m.get(t));
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void answerHasOneMLinePerOfferAndRejectsWithPortZero(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SessionDescription offer = SdpParser.parse(SdpGen.validSdp(r));
        LocalCapabilities caps = LocalCapabilities.of(Origin.of("1", "1", "192.0.2.1"), ConnectionData.of("192.0.2.1"),
                MediaCapability.of("message", Proto.TCP_TLS_MSRP, 2855),
                MediaCapability.of("application", Proto.TCP_BFCP, 5070),
                MediaCapability.of("image", Proto.UDP_TLS_UDPTL, 4000));
        Answer answer;
        try {
            answer = OfferAnswer.answer(offer, caps);
        } catch (SdpAttributeException e) {
            return; // malformed offered a=setup / a=connection is reported, not answered
        }
        assertThat(answer.sdp().media()).as("seed=%d", seed).hasSameSizeAs(offer.media());
        for (Answer.Stream s : answer.streams()) {
            MediaDescription m = answer.sdp().media().get(s.index());
            assertThat(m.port() == 0).as("seed=%d stream %d", seed, s.index()).isEqualTo(!s.accepted());
            assertThat(m.formats()).as("seed=%d", seed).isNotEmpty();
        }
        assertThat(SdpParser.parse(SdpWriter.write(answer.sdp()))).as("seed=%d", seed).isEqualTo(answer.sdp());
    }
}
