package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    /** Fragments (m-sections or single lines only): STRICT rejects them, H.248 mode reads them. */
    private static boolean lenient(String name) {
        return name.startsWith("rfc4145/") || name.startsWith("rfc8856/") || name.startsWith("rfc8122/")
                || name.equals("rfc4975/4-1.sdp") || name.equals("rfc4975/4-2.sdp") || name.equals("rfc4975/14.4-1.sdp")
                || name.equals("mediasec/h248-local-1.sdp");
    }

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
        if (lenient(name)) {
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
        SdpParser.Mode mode = lenient(name) ? SdpParser.Mode.H248 : SdpParser.Mode.STRICT;
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

    /** RFC 4145 §7: {@code m=image <port> TCP t38}, {@code c=}, setup, connection. */
    private static Consumer<SessionDescription> rfc4145(int port, String address, Setup setup, TcpConnection conn) {
        return s -> {
            MediaDescription m = m(s, 0);
            assertThat(s.media()).hasSize(1);
            assertThat(m.media()).isEqualTo("image");
            assertThat(m.port()).isEqualTo(port);
            assertThat(m.proto()).isSameAs(Proto.TCP);
            assertThat(m.formats()).containsExactly("t38");
            assertThat(s.connectionFor(m)).contains(ConnectionData.of(address));
            assertThat(m.get(SdpAttributes.SETUP)).contains(setup);
            assertThat(m.get(SdpAttributes.CONNECTION)).contains(conn);
        };
    }

    /** RFC 4975 MSRP examples: one {@code m=message} line with accept-types and one path URI. */
    private static Consumer<SessionDescription> rfc4975(int port, Proto proto, String path, String... acceptTypes) {
        return s -> {
            MediaDescription m = m(s, 0);
            assertThat(m.media()).isEqualTo("message");
            assertThat(m.port()).isEqualTo(port);
            assertThat(m.proto()).isSameAs(proto);
            assertThat(m.formats()).containsExactly("*");
            assertThat(m.get(SdpAttributes.ACCEPT_TYPES).orElseThrow()).containsExactly(acceptTypes);
            assertThat(m.get(SdpAttributes.PATH).orElseThrow()).containsExactly(path);
            assertThat(s.connectionFor(m)).isPresent();
        };
    }

    private static final Bytes PICTURE_SHA1 = Bytes.fromHex("72245FE8653DDAF371362F86D471913EE4A2CE2E");
    private static final Bytes SUNSET_SHA1 = Bytes.fromHex("58231FE8653BBCF371362F86D471913EE4B1DF2F");
    private static final Bytes RFC7345_ALICE = Bytes.fromHex("4AADB9B13F82183B540212DF3E5D496B19E57CAB");
    private static final Bytes RFC7345_BOB = Bytes.fromHex("FFFFFFB13F82183B540212DF3E5D496B19E57CAB");
    private static final Bytes RFC8856_SERVER = Bytes.fromHex(
            "19E21C3B4B9F81E6B85CF4A5A8D87304BB052F709F04A90E05E92633E87088A2");
    private static final Bytes RFC8856_CLIENT = Bytes.fromHex(
            "6B8BF0655F78E2513BAC6FF33F461B35DCB85F641A24C243F0A158D0A12C1908");

    /** RFC 5547 §9: the common lines of the MSRP m-line. */
    private static MediaDescription rfc5547Media(SessionDescription s, int port, String direction, String path) {
        MediaDescription m = m(s, 0);
        assertThat(s.sessionName()).contains("");
        assertThat(m.port()).isEqualTo(port);
        assertThat(m.proto()).isSameAs(Proto.TCP_MSRP);
        assertThat(m.has(direction)).as(direction).isTrue();
        assertThat(m.get(SdpAttributes.ACCEPT_TYPES).orElseThrow()).containsExactly("message/cpim");
        assertThat(m.get(SdpAttributes.ACCEPT_WRAPPED_TYPES).orElseThrow()).containsExactly("*");
        assertThat(m.get(SdpAttributes.PATH).orElseThrow()).containsExactly(path);
        return m;
    }

    /** RFC 7345 Appendix A: UDPTL over DTLS with a (space-prefixed) SHA-1 fingerprint. */
    private static Consumer<SessionDescription> rfc7345(int index, int port, Setup setup, Bytes sha1) {
        return s -> {
            MediaDescription m = m(s, index);
            assertThat(m.media()).isEqualTo("image");
            assertThat(m.port()).isEqualTo(port);
            assertThat(m.proto()).isSameAs(Proto.UDP_TLS_UDPTL);
            assertThat(m.proto().isDtls()).isTrue();
            assertThat(m.proto().plainEquivalent()).isSameAs(Proto.UDPTL);
            assertThat(m.formats()).containsExactly("t38");
            assertThat(m.get(SdpAttributes.SETUP)).contains(setup);
            // RFC 7345 §4.1: "The endpoint MUST NOT use the SDP "connection" attribute"
            assertThat(m.has(SdpAttributes.CONNECTION)).isFalse();
            CertificateFingerprint fp = m.get(SdpAttributes.FINGERPRINT).orElseThrow();
            assertThat(fp.hashFunction()).isEqualTo("sha-1");
            assertThat(fp.digest()).isEqualTo(sha1);
            assertThat(T38Parameters.from(m).rateManagement()).isSameAs(T38Token.TRANSFERRED_TCF);
            if (index == 1) {
                assertThat(m(s, 0).isRejected()).isTrue();
                assertThat(m(s, 0).proto()).isSameAs(Proto.UDP_TLS_RTP_SAVP);
            }
        };
    }

    /** RFC 8856 §11: BFCP m-section plus audio and video. */
    private static Consumer<SessionDescription> rfc8856(int port, Proto proto, Setup setup, Bytes sha256,
                                                         List<FloorControlRole> roles, boolean server, List<Integer> versions,
                                                         boolean labels) {
        return s -> {
            assertThat(s.media()).hasSize(3);
            MediaDescription m = m(s, 0);
            assertThat(m.media()).isEqualTo("application");
            assertThat(m.port()).isEqualTo(port);
            assertThat(m.proto()).isSameAs(proto);
            assertThat(m.formats()).containsExactly("*");
            assertThat(m.get(SdpAttributes.SETUP)).contains(setup);
            CertificateFingerprint fp = m.get(SdpAttributes.FINGERPRINT).orElseThrow();
            assertThat(fp.hashFunction()).isEqualTo("sha-256");
            assertThat(fp.digest()).isEqualTo(sha256);
            assertThat(m.get(SdpAttributes.FLOORCTRL).orElseThrow()).isEqualTo(roles);
            assertThat(m.get(SdpAttributes.BFCPVER).orElseThrow()).isEqualTo(versions);
            if (server) {
                assertThat(m.get(SdpAttributes.CONFID)).contains(4321L);
                assertThat(m.get(SdpAttributes.USERID)).contains(1234);
                assertThat(m.getAll(SdpAttributes.FLOORID)).containsExactly(FloorId.of(1, "10"), FloorId.of(2, "11"));
            } else {
                assertThat(m.has(SdpAttributes.CONFID)).isFalse();
            }
            if (proto.isTcp()) {
                assertThat(m.get(SdpAttributes.CONNECTION)).contains(TcpConnection.NEW);
            } else {
                // the draft name of tls-id, kept as a generic attribute
                assertThat(m.attribute("dtls-id")).contains(Attribute.of("dtls-id", "abc3dl"));
            }
            assertThat(m(s, 1).proto()).isSameAs(Proto.RTP_AVP);
            assertThat(m(s, 1).get(SdpAttributes.LABEL)).isEqualTo(labels ? java.util.Optional.of("10") : java.util.Optional.empty());
            assertThat(m(s, 2).get(SdpAttributes.LABEL)).isEqualTo(labels ? java.util.Optional.of("11") : java.util.Optional.empty());
        };
    }

    private static final Map<String, Consumer<SessionDescription>> EXPECTATIONS = Map.ofEntries(
            Map.entry("rfc4145/7.1-1.sdp", rfc4145(54111, "192.0.2.2", Setup.PASSIVE, TcpConnection.NEW)),
            Map.entry("rfc4145/7.1-2.sdp", rfc4145(9, "192.0.2.1", Setup.ACTIVE, TcpConnection.NEW)),
            Map.entry("rfc4145/7.2-1.sdp", rfc4145(54111, "192.0.2.2", Setup.ACTPASS, TcpConnection.NEW)),
            Map.entry("rfc4145/7.2-2.sdp", rfc4145(54321, "192.0.2.1", Setup.PASSIVE, TcpConnection.NEW)),
            Map.entry("rfc4145/7.3-1.sdp", rfc4145(54321, "192.0.2.1", Setup.PASSIVE, TcpConnection.EXISTING)),
            Map.entry("rfc4145/7.3-2.sdp", rfc4145(9, "192.0.2.2", Setup.ACTIVE, TcpConnection.EXISTING)),
            Map.entry("rfc4145/7.4-1.sdp", rfc4145(54111, "192.0.2.2", Setup.PASSIVE, TcpConnection.EXISTING)),
            Map.entry("rfc4145/7.4-2.sdp", rfc4145(9, "192.0.2.3", Setup.ACTIVE, TcpConnection.NEW)),
            Map.entry("rfc4975/4-1.sdp", rfc4975(7654, Proto.TCP_MSRP,
                    "msrp://atlanta.example.com:7654/jshA7weztas;tcp", "text/plain")),
            Map.entry("rfc4975/4-2.sdp", rfc4975(12763, Proto.TCP_MSRP,
                    "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp", "text/plain")),
            Map.entry("rfc4975/8.2-1.sdp", rfc4975(7394, Proto.TCP_MSRP,
                    "msrp://alice.example.com:7394/2s93i9ek2a;tcp", "text/plain")
                    .andThen(s -> {
                        assertThat(s.origin()).contains(new Origin("alice", "2890844526", "2890844527", "IN", "IP4",
                                "alice.example.com"));
                        assertThat(s.sessionName()).contains(" -");
                        assertThat(s.timings()).containsExactly(Timing.UNBOUNDED);
                    })),
            Map.entry("rfc4975/8.7-1.sdp", rfc4975(7394, Proto.TCP_MSRP,
                    "msrp://alice.example.com:7394/2s93i93idj;tcp", "message/cpim", "text/plain", "text/html")
                    .andThen(s -> assertThat(s.origin().orElseThrow().username()).isEqualTo("usera"))),
            Map.entry("rfc4975/8.7-2.sdp", rfc4975(8493, Proto.TCP_MSRP,
                    "msrp://bob.example.com:8493/si438dsaodes;tcp", "message/cpim", "text/plain")
                    .andThen(s -> assertThat(s.origin().orElseThrow().sessionVersion()).isEqualTo("2890844532"))),
            Map.entry("rfc4975/11.1-1.sdp", rfc4975(7777, Proto.TCP_MSRP,
                    "msrp://alicepc.example.com:7777/iau39soe2843z;tcp", "text/plain")),
            Map.entry("rfc4975/11.1-2.sdp", rfc4975(8888, Proto.TCP_MSRP,
                    "msrp://bob.example.com:8888/9di4eae923wzd;tcp", "text/plain")),
            Map.entry("rfc4975/14.4-1.sdp", rfc4975(7654, Proto.TCP_TLS_MSRP,
                    "msrps://atlanta.example.com:7654/jshA7weso3ks;tcp", "text/plain")
                    .andThen(s -> {
                        CertificateFingerprint fp = m(s, 0).get(SdpAttributes.FINGERPRINT).orElseThrow();
                        assertThat(fp.hashFunction()).isEqualTo("sha-1");
                        assertThat(fp.digest()).isEqualTo(RFC7345_ALICE);
                        assertThat(m(s, 0).proto().plainEquivalent()).isSameAs(Proto.TCP_MSRP);
                    })),
            Map.entry("rfc5547/6-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(s.origin().orElseThrow().address()).isEqualTo("host.atlanta.example.com");
                assertThat(m.information()).contains("This is my latest picture");
                assertThat(m.has("sendonly")).isTrue();
                assertThat(m.get(SdpAttributes.PATH).orElseThrow()).containsExactly("msrp://atlanta.example.com:7654/jshA7we;tcp");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR))
                        .contains(new FileSelector("My cool picture.jpg", "image/jpeg", 32349L,
                                List.of(new FileSelector.Hash("sha-1", PICTURE_SHA1))));
                assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("vBnG916bdberum2fFEABR1FR3ExZMUrd");
                assertThat(m.get(SdpAttributes.FILE_DISPOSITION)).contains("attachment");
                assertThat(m.get(SdpAttributes.FILE_DATE)).contains(new FileDate("Mon, 15 May 2006 15:01:31 +0300", null, null));
                assertThat(m.get(SdpAttributes.FILE_ICON)).contains("cid:id2@alicepc.example.com");
                assertThat(m.get(SdpAttributes.FILE_RANGE)).contains(new FileRange(1, 32349L));
                // the typed form writes the same text back
                assertThat(SdpAttributes.FILE_SELECTOR.toAttribute(m.get(SdpAttributes.FILE_SELECTOR).orElseThrow()))
                        .isEqualTo(m.attribute("file-selector").orElseThrow());
            }),
            Map.entry("rfc5547/9.1-1.sdp", s -> {
                MediaDescription m = rfc5547Media(s, 7654, "sendonly", "msrp://alicepc.example.com:7654/jshA7we;tcp");
                assertThat(m.information()).contains("This is my latest picture");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR)).contains(new FileSelector("My cool picture.jpg", "image/jpeg",
                        4092L, List.of(new FileSelector.Hash("sha-1", PICTURE_SHA1))));
                assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE");
                assertThat(m.get(SdpAttributes.FILE_DISPOSITION)).contains("render");
                assertThat(m.get(SdpAttributes.FILE_DATE)).contains(new FileDate("Mon, 15 May 2006 15:01:31 +0300", null, null));
                assertThat(m.get(SdpAttributes.FILE_ICON)).contains("cid:id2@alicepc.example.com");
                assertThat(m.has(SdpAttributes.FILE_RANGE)).isFalse();
            }),
            Map.entry("rfc5547/9.1-2.sdp", s -> {
                MediaDescription m = rfc5547Media(s, 8888, "recvonly", "msrp://bobpc.example.com:8888/9di4ea;tcp");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR).orElseThrow().size()).isEqualTo(4092L);
                assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE");
            }),
            Map.entry("rfc5547/9.2-1.sdp", s -> {
                MediaDescription m = rfc5547Media(s, 7654, "recvonly", "msrp://alicepc.example.com:7654/jshA7we;tcp");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR))
                        .contains(new FileSelector(null, null, null, List.of(new FileSelector.Hash("sha-1", PICTURE_SHA1))));
                assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2");
            }),
            Map.entry("rfc5547/9.2-2.sdp", s -> {
                MediaDescription m = rfc5547Media(s, 8888, "sendonly", "msrp://bobpc.example.com:8888/9di4ea;tcp");
                assertThat(s.origin().orElseThrow().sessionVersion()).isEqualTo("2890855439");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR))
                        .contains(new FileSelector(null, "image/jpeg", null, List.of(new FileSelector.Hash("sha-1", PICTURE_SHA1))));
            }),
            Map.entry("rfc5547/9.2-3.sdp", s -> {
                MediaDescription m = rfc5547Media(s, 7654, "sendonly", "msrp://alicepc.example.com:7654/iau39;tcp");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR)).contains(new FileSelector("sunset.jpg", "image/jpeg", 4096L,
                        List.of(new FileSelector.Hash("sha-1", SUNSET_SHA1))));
                assertThat(m.get(SdpAttributes.FILE_TRANSFER_ID)).contains("ZVE8MfI9mhAdZ8GyiNMzNN5dpqgzQlCO");
                assertThat(m.get(SdpAttributes.FILE_DATE)).contains(new FileDate("Sun, 21 May 2006 13:02:15 +0300", null, null));
                assertThat(m.get(SdpAttributes.FILE_ICON)).contains("cid:id3@alicepc.example.com");
            }),
            Map.entry("rfc5547/9.2-4.sdp", s -> {
                MediaDescription m = rfc5547Media(s, 8888, "recvonly", "msrp://bobpc.example.com:8888/eh10dsk;tcp");
                assertThat(m.get(SdpAttributes.FILE_SELECTOR).orElseThrow().sha1().orElseThrow().value()).isEqualTo(SUNSET_SHA1);
                assertThat(m.get(SdpAttributes.FILE_DISPOSITION)).contains("render");
            }),
            Map.entry("rfc5547/9.3-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.isRejected()).isTrue();
                assertThat(m.get(SdpAttributes.MAX_SIZE)).contains(20000L);
                // a=file-selector without value: capability indication (RFC 5547 §8.5)
                assertThat(m.attribute("file-selector")).contains(Attribute.flag("file-selector"));
                assertThat(m.get(SdpAttributes.FILE_SELECTOR)).contains(new FileSelector(null, null, null, List.of()));
            }),
            Map.entry("rfc7345/A.2-1.sdp", rfc7345(0, 6056, Setup.ACTPASS, RFC7345_ALICE)),
            Map.entry("rfc7345/A.2-2.sdp", rfc7345(0, 6056, Setup.ACTPASS, RFC7345_ALICE)),
            Map.entry("rfc7345/A.2-3.sdp", rfc7345(0, 12000, Setup.ACTIVE, RFC7345_BOB)),
            Map.entry("rfc7345/A.2-4.sdp", rfc7345(0, 12000, Setup.ACTIVE, RFC7345_BOB)),
            Map.entry("rfc7345/A.3-1.sdp", rfc7345(1, 46056, Setup.ACTPASS, RFC7345_ALICE)),
            Map.entry("rfc7345/A.3-2.sdp", rfc7345(1, 32000, Setup.ACTIVE, RFC7345_BOB)),
            Map.entry("rfc8122/3.4-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto()).isSameAs(Proto.TCP_TLS);
                assertThat(m.get(SdpAttributes.SETUP)).contains(Setup.PASSIVE);
                assertThat(m.get(SdpAttributes.CONNECTION)).contains(TcpConnection.NEW);
                List<CertificateFingerprint> fps = m.getAll(SdpAttributes.FINGERPRINT);
                assertThat(fps).extracting(CertificateFingerprint::hashFunction).containsExactly("sha-256", "sha-1");
                assertThat(fps.get(0).digest()).isEqualTo(Bytes.fromHex(
                        "12DF3E5D496B19E57CAB4AADB9B13F82183B540212DF3E5D496B19E57CAB4AAD"));
                assertThat(fps.get(1).digest()).isEqualTo(RFC7345_ALICE);
                // output form: lower-case hash name, upper-case hex
                assertThat(SdpAttributes.FINGERPRINT.toAttribute(fps.get(1)).line())
                        .isEqualTo("a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
            }),
            Map.entry("rfc8856/4-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto()).isSameAs(Proto.TCP_TLS_BFCP);
                assertThat(m.proto().plainEquivalent()).isSameAs(Proto.TCP_BFCP);
                assertThat(m.port()).isEqualTo(50000);
            }),
            Map.entry("rfc8856/5.1-1.sdp", s -> {
                assertThat(s.get(SdpAttributes.FLOORCTRL).orElseThrow())
                        .containsExactly(FloorControlRole.C_ONLY, FloorControlRole.S_ONLY);
                assertThat(s.media()).isEmpty();
            }),
            Map.entry("rfc8856/11-1.sdp", rfc8856(50000, Proto.TCP_TLS_BFCP, Setup.ACTPASS, RFC8856_SERVER,
                    List.of(FloorControlRole.C_ONLY, FloorControlRole.S_ONLY), true, List.of(1, 2), true)),
            Map.entry("rfc8856/11-2.sdp", rfc8856(9, Proto.TCP_TLS_BFCP, Setup.ACTIVE, RFC8856_CLIENT,
                    List.of(FloorControlRole.C_ONLY), false, List.of(1), false)),
            Map.entry("rfc8856/11-3.sdp", rfc8856(50000, Proto.UDP_TLS_BFCP, Setup.ACTPASS, RFC8856_SERVER,
                    List.of(FloorControlRole.C_ONLY, FloorControlRole.S_ONLY), true, List.of(1, 2), true)),
            Map.entry("rfc8856/11-4.sdp", rfc8856(55000, Proto.UDP_TLS_BFCP, Setup.ACTIVE, RFC8856_CLIENT,
                    List.of(FloorControlRole.S_ONLY), true, List.of(2), false)),
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
                assertThat(m.getAll(SdpAttributes.FLOORID)).containsExactly(FloorId.of(1, "10"), FloorId.of(2, "11"));
                assertThat(m.get(SdpAttributes.BFCPVER).orElseThrow()).containsExactly(2, 1);
                assertThat(m.get(SdpAttributes.E2AE)).contains(E2aeIndication.APPLIED);
                assertThat(m(s, 1).get(SdpAttributes.LABEL)).contains("10");
            }),
            Map.entry("mediasec/e2ae-t38-offer-1.sdp", s -> {
                MediaDescription m = m(s, 0);
                assertThat(m.proto()).isSameAs(Proto.UDP_TLS_UDPTL);
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
