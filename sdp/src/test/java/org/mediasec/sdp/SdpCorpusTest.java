package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.Corpus;

/**
 * Every {@code corpus/sdp/**}{@code /*.sdp}: byte-exact round trip and typed reads. See
 * {@code corpus/sdp/README.md} and the NOTES.md files for where each file comes from.
 */
class SdpCorpusTest {
    /** Files that are fragments or lack mandatory lines: STRICT rejects them, H.248 mode reads them. */
    private static final Set<String> LENIENT = Set.of("rfc4975/4-1.sdp", "rfc4975/4-2.sdp", "rfc4975/8.7-1.sdp",
            "rfc4975/8.7-2.sdp", "rfc8122/5-1.sdp", "mediasec/h248-local-1.sdp");

    static Stream<String> files() {
        return Corpus.files(SdpCorpusTest.class, "corpus/sdp").stream()
                .filter(p -> p.toString().endsWith(".sdp"))
                .map(SdpCorpusTest::name);
    }

    private static String name(Path p) {
        String path = p.toString().replace('\\', '/');
        return path.substring(path.lastIndexOf("/corpus/sdp/") + "/corpus/sdp/".length());
    }

    private static String text(String name) {
        return new String(Corpus.bytes(SdpCorpusTest.class, "corpus/sdp/" + name), StandardCharsets.UTF_8);
    }

    private static SessionDescription parse(String name) {
        String text = text(name);
        if (LENIENT.contains(name)) {
            assertThatThrownBy(() -> SdpParser.parse(text)).as(name).isInstanceOf(SdpParseException.class);
            return SdpParser.parse(text, SdpParser.Mode.H248);
        }
        return SdpParser.parse(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void roundTripsByteExact(String name) throws Exception {
        byte[] bytes = Corpus.bytes(SdpCorpusTest.class, "corpus/sdp/" + name);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).as("%s uses CRLF only", name).doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");
        SessionDescription sdp = parse(name);
        assertThat(SdpWriter.write(sdp).getBytes(StandardCharsets.UTF_8)).as(name).isEqualTo(bytes);
        // LF-only copy reads the same
        SdpParser.Mode mode = LENIENT.contains(name) ? SdpParser.Mode.H248 : SdpParser.Mode.STRICT;
        assertThat(SdpParser.parse(text.replace("\r\n", "\n"), mode)).as(name).isEqualTo(sdp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void typedReadsMatchExpectations(String name) {
        Consumer<SessionDescription> check = EXPECTATIONS.get(name);
        assertThat(check).as("no typed expectations for corpus file %s; add them to SdpCorpusTest", name).isNotNull();
        check.accept(parse(name));
    }

    @Test
    void corpusIsNotEmpty() {
        assertThat(files()).hasSizeGreaterThanOrEqualTo(EXPECTATIONS.size());
    }

    private static MediaDescription m(SessionDescription s, int i) {
        return s.media().get(i);
    }

    private static final Map<String, Consumer<SessionDescription>> EXPECTATIONS = Map.ofEntries(
            Map.entry("rfc4975/4-1.sdp", s -> {
                assertThat(s.connection()).contains(new ConnectionData("IN", "IP4", "alicepc.example.com"));
                assertThat(m(s, 0).proto()).isSameAs(Proto.TCP_MSRP);
                assertThat(m(s, 0).port()).isEqualTo(7777);
                assertThat(m(s, 0).formats()).containsExactly("*");
                assertThat(m(s, 0).get(SdpAttributes.ACCEPT_TYPES).orElseThrow()).containsExactly("text/plain");
                assertThat(m(s, 0).get(SdpAttributes.PATH).orElseThrow())
                        .containsExactly("msrp://alicepc.example.com:7777/iau39soe2843z;tcp");
            }),
            Map.entry("rfc4975/4-2.sdp", s -> {
                assertThat(m(s, 0).port()).isEqualTo(8888);
                assertThat(m(s, 0).get(SdpAttributes.PATH).orElseThrow())
                        .containsExactly("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
            }),
            Map.entry("rfc4975/8.7-1.sdp", s -> {
                assertThat(s.origin().orElseThrow().username()).isEqualTo("alice");
                assertThat(s.sessionName()).contains(" -");
                assertThat(s.timings()).isEmpty();
                assertThat(m(s, 0).get(SdpAttributes.ACCEPT_TYPES).orElseThrow())
                        .containsExactly("message/cpim", "text/plain", "text/html");
                assertThat(m(s, 0).get(SdpAttributes.PATH).orElseThrow())
                        .containsExactly("msrp://alice.example.com:7394/2s93i9ek2a;tcp");
            }),
            Map.entry("rfc4975/8.7-2.sdp", s -> {
                assertThat(s.origin().orElseThrow().sessionVersion()).isEqualTo("2890844616");
                assertThat(m(s, 0).port()).isEqualTo(8493);
                assertThat(m(s, 0).get(SdpAttributes.PATH).orElseThrow())
                        .containsExactly("msrp://bob.example.com:8493/si438dsaodes;tcp");
            }),
            Map.entry("rfc8122/5-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto()).isSameAs(Proto.TCP_TLS);
                assertThat(m.get(SdpAttributes.SETUP)).contains(Setup.PASSIVE);
                assertThat(m.get(SdpAttributes.CONNECTION)).contains(TcpConnection.NEW);
                List<CertificateFingerprint> fps = m.getAll(SdpAttributes.FINGERPRINT);
                assertThat(fps).extracting(CertificateFingerprint::hashFunction).containsExactly("sha-256", "sha-1");
                assertThat(fps.get(0).digest().size()).isEqualTo(32);
                assertThat(fps.get(1).digest())
                        .isEqualTo(Bytes.fromHex("4AADB9B13F82183B540212DF3E5D496B19E57CAB"));
                // output form: lower-case hash name, upper-case hex
                assertThat(SdpAttributes.FINGERPRINT.toAttribute(fps.get(1)).line())
                        .isEqualTo("a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
            }),
            Map.entry("rfc5547/9.1-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.information()).contains("This is my latest picture");
                assertThat(m.has("sendonly")).isTrue();
                FileSelector fs = m.get(SdpAttributes.FILE_SELECTOR).orElseThrow();
                assertThat(fs.name()).isEqualTo("My cool picture.jpg");
                assertThat(fs.type()).isEqualTo("image/jpeg");
                assertThat(fs.size()).isEqualTo(32349L);
                assertThat(fs.sha1().orElseThrow().value())
                        .isEqualTo(Bytes.fromHex("72245FE8653DDAF371362F86D471913EE4A2CE2E"));
                assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("vBnG916bdberum2fFEABR1FR3ExZMUrd");
                assertThat(m.get(SdpAttributes.FILE_DISPOSITION)).contains("attachment");
                assertThat(m.get(SdpAttributes.FILE_DATE))
                        .contains(new FileDate("Mon, 15 May 2006 15:01:31 +0300", null, null));
                assertThat(m.get(SdpAttributes.FILE_ICON)).contains("cid:id2@alicepc.example.com");
                assertThat(m.get(SdpAttributes.FILE_RANGE)).contains(new FileRange(1, 32349L));
                assertThat(m.get(SdpAttributes.ACCEPT_WRAPPED_TYPES).orElseThrow()).containsExactly("*");
            }),
            Map.entry("mediasec/e2ae-msrp-offer-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto().isTls()).isTrue();
                assertThat(m.proto().plainEquivalent()).isSameAs(Proto.TCP_MSRP);
                assertThat(m.get(SdpAttributes.SETUP)).contains(Setup.ACTPASS);
                assertThat(m.get(SdpAttributes.E2AE)).contains(E2aeIndication.REQUESTED);
                assertThat(m.get(SdpAttributes.MSRP_CEMA)).contains(true);
                assertThat(m.get(SdpAttributes.FINGERPRINT).orElseThrow().hashFunction()).isEqualTo("sha-256");
                assertThat(m.get(SdpAttributes.PATH).orElseThrow()).containsExactly("msrps://192.0.2.10:7394/s8f3k2;tcp");
            }),
            Map.entry("mediasec/e2ae-bfcp-answer-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto()).isSameAs(Proto.TCP_TLS_BFCP);
                assertThat(m.get(SdpAttributes.FLOORCTRL).orElseThrow()).containsExactly(FloorControlRole.S_ONLY);
                assertThat(m.get(SdpAttributes.CONFID)).contains(4321L);
                assertThat(m.get(SdpAttributes.USERID)).contains(1234);
                assertThat(m.getAll(SdpAttributes.FLOORID)).containsExactly(FloorId.of(1, "10"), FloorId.of(2, "11"));
                assertThat(m.get(SdpAttributes.BFCPVER).orElseThrow()).containsExactly(2, 1);
                assertThat(m.get(SdpAttributes.E2AE)).contains(E2aeIndication.APPLIED);
                assertThat(m(s, 1).get(SdpAttributes.LABEL)).contains("10");
                assertThat(m(s, 2).get(SdpAttributes.LABEL)).contains("11");
            }),
            Map.entry("mediasec/e2ae-t38-offer-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto()).isSameAs(Proto.UDP_TLS_UDPTL);
                assertThat(m.proto().isDtls()).isTrue();
                assertThat(m.get(SdpAttributes.TLS_ID)).contains(new TlsId("abc3de65cddef001be82"));
                assertThat(T38Parameters.from(m)).isEqualTo(T38Parameters.IMS_RECOMMENDED);
            }),
            Map.entry("mediasec/e2e-msrp-kms-offer-1.sdp", s -> {
                KeyMgmt k = m(s, 0).get(SdpAttributes.KEY_MGMT).orElseThrow();
                assertThat(k.protocolId()).isEqualTo(KeyMgmt.MIKEY);
                assertThat(k.decoded().size()).isEqualTo(24);
                assertThat(m(s, 0).has(SdpAttributes.E2AE)).isFalse();
            }),
            Map.entry("mediasec/h248-local-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.port()).isEqualTo(MediaDescription.PORT_CHOOSE);
                assertThat(s.connection().orElseThrow().isChoose()).isTrue();
                assertThat(m.attribute("fingerprint").orElseThrow().value()).isEqualTo("$");
                assertThatThrownBy(() -> m.get(SdpAttributes.FINGERPRINT)).isInstanceOf(SdpAttributeException.class);
            }));
}
