package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpParserTest {
    static final String MSRP_OFFER = String.join("\r\n",
            "v=0",
            "o=alice 2890844526 2890844527 IN IP4 alice.example.com",
            "s=-",
            "c=IN IP4 alice.example.com",
            "b=AS:64",
            "t=0 0",
            "a=tool:mediasec",
            "m=message 7394 TCP/TLS/MSRP *",
            "a=accept-types:message/cpim text/plain",
            "a=path:msrps://alice.example.com:7394/2s93i9ek2a;tcp",
            "a=setup:actpass",
            "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF",
            "a=3ge2ae:requested",
            "a=msrp-cema",
            "a=x-unknown:keep me  verbatim ",
            "y=an unknown line type",
            "m=image 0 udptl t38",
            "") ;

    @Test
    void roundTripsByteExact() {
        SessionDescription sdp = SdpParser.parse(MSRP_OFFER);
        assertThat(SdpWriter.write(sdp)).isEqualTo(MSRP_OFFER);
        assertThat(sdp.toString()).isEqualTo(MSRP_OFFER);
    }

    @Test
    void readsStructuredFields() {
        SessionDescription sdp = SdpParser.parse(MSRP_OFFER);
        assertThat(sdp.version()).contains("0");
        assertThat(sdp.origin()).contains(new Origin("alice", "2890844526", "2890844527", "IN", "IP4", "alice.example.com"));
        assertThat(sdp.sessionName()).contains("-");
        assertThat(sdp.connection()).contains(new ConnectionData("IN", "IP4", "alice.example.com"));
        assertThat(sdp.bandwidths()).containsExactly(new Bandwidth("AS", 64));
        assertThat(sdp.timings()).containsExactly(Timing.UNBOUNDED);
        assertThat(sdp.attributes()).containsExactly(Attribute.of("tool", "mediasec"));
        assertThat(sdp.media()).hasSize(2);
        MediaDescription m = sdp.media().get(0);
        assertThat(m.media()).isEqualTo("message");
        assertThat(m.port()).isEqualTo(7394);
        assertThat(m.proto()).isSameAs(Proto.TCP_TLS_MSRP);
        assertThat(m.formats()).containsExactly("*");
        assertThat(m.has("msrp-cema")).isTrue();
        assertThat(m.attribute("MSRP-CEMA")).contains(Attribute.flag("msrp-cema"));
        assertThat(m.attribute("x-unknown")).contains(Attribute.of("x-unknown", "keep me  verbatim "));
        assertThat(m.lines().get(m.lines().size() - 1)).isEqualTo(new TextLine('y', "an unknown line type"));
        assertThat(sdp.connectionFor(m)).contains(new ConnectionData("IN", "IP4", "alice.example.com"));
        MediaDescription image = sdp.media().get(1);
        assertThat(image.isRejected()).isTrue();
        assertThat(image.proto()).isSameAs(Proto.UDPTL);
    }

    @Test
    void acceptsLfAndWritesCrlf() {
        String lf = MSRP_OFFER.replace("\r\n", "\n");
        SessionDescription sdp = SdpParser.parse(lf);
        assertThat(SdpWriter.write(sdp)).isEqualTo(MSRP_OFFER);
        assertThat(sdp).isEqualTo(SdpParser.parse(MSRP_OFFER));
    }

    @Test
    void acceptsMissingFinalLineEnd() {
        String noFinal = MSRP_OFFER.substring(0, MSRP_OFFER.length() - 2);
        assertThat(SdpWriter.write(SdpParser.parse(noFinal))).isEqualTo(MSRP_OFFER);
    }

    @Test
    void keepsAttributeWithEmptyValueApartFromFlag() {
        String text = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\na=empty:\r\na=flag\r\n";
        SessionDescription sdp = SdpParser.parse(text);
        assertThat(sdp.attributes()).containsExactly(Attribute.of("empty", ""), Attribute.flag("flag"));
        assertThat(SdpWriter.write(sdp)).isEqualTo(text);
    }

    @Test
    void h248ModeAcceptsChooseAndWildcardAndMissingLines() {
        String text = "m=message $ TCP/TLS/MSRP *\r\nc=IN IP4 $\r\na=fingerprint:$\r\na=setup:passive\r\n";
        SessionDescription sdp = SdpParser.parse(text, SdpParser.Mode.H248);
        assertThat(SdpWriter.write(sdp)).isEqualTo(text);
        MediaDescription m = sdp.media().get(0);
        assertThat(m.port()).isEqualTo(MediaDescription.PORT_CHOOSE);
        assertThat(m.portText()).isEqualTo("$");
        assertThat(m.connection().orElseThrow().isChoose()).isTrue();
        assertThat(m.attribute("fingerprint")).contains(Attribute.of("fingerprint", "$"));
        assertThatThrownBy(() -> m.get(SdpAttributes.FINGERPRINT)).isInstanceOf(SdpAttributeException.class);
        assertThat(m.get(SdpAttributes.SETUP)).contains(Setup.PASSIVE);

        String wild = "v=0\r\no=- $ $ IN IP4 $\r\ns=-\r\nm=image - UDP/DTLS t38\r\nm=message 0 TCP\r\n";
        SessionDescription w = SdpParser.parse(wild, SdpParser.Mode.H248);
        assertThat(w.media().get(0).port()).isEqualTo(MediaDescription.PORT_WILDCARD);
        assertThat(w.media().get(1).formats()).isEmpty();
        assertThat(SdpWriter.write(w)).isEqualTo(wild);
    }

    @Test
    void h248ModeTrimsAndSkipsBlankLines() {
        SessionDescription sdp = SdpParser.parse("\n   v=0\n\n   c=IN IP4 192.0.2.1\n  m=audio 1000 RTP/AVP 0\n", SdpParser.Mode.H248);
        assertThat(SdpWriter.write(sdp)).isEqualTo("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1000 RTP/AVP 0\r\n");
        assertThat(SdpParser.parse("", SdpParser.Mode.H248).media()).isEmpty();
    }

    @Test
    void strictModeRejectsH248Values() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=message $ TCP/TLS/MSRP *\r\n"))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(5);
                    assertThat(e.line()).isEqualTo("m=message $ TCP/TLS/MSRP *");
                    assertThat(e.reason()).contains("port");
                });
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 $\r\nt=0 0\r\n"))
                .isInstanceOfSatisfying(SdpParseException.class, e -> assertThat(e.lineNumber()).isEqualTo(4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty                 | ''                                                       | 1 | empty session description",
            "not v first           | 'o=- 1 1 IN IP4 h\\ns=-\\nt=0 0'                         | 1 | first line must be v=",
            "bad version           | 'v=1\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0'                    | 1 | unsupported version",
            "missing o             | 'v=0'                                                    | 2 | missing o= line",
            "missing s             | 'v=0\\no=- 1 1 IN IP4 h'                                 | 3 | missing s= line",
            "missing t             | 'v=0\\no=- 1 1 IN IP4 h\\ns=-'                            | 4 | missing t= line",
            "t after m             | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nm=audio 1 RTP/AVP 0'       | 4 | missing t= line before",
            "short origin          | 'v=0\\no=- 1 IN IP4 h\\ns=-\\nt=0 0'                      | 2 | o=: expected 6",
            "origin sess-id        | 'v=0\\no=- x 1 IN IP4 h\\ns=-\\nt=0 0'                    | 2 | sess-id",
            "no equals             | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nhello'             | 5 | expected <type>=<value>",
            "space before equals   | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\na =x'              | 5 | expected <type>=<value>",
            "upper-case type       | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nA=x'               | 5 | not a lower-case letter",
            "empty line            | 'v=0\\no=- 1 1 IN IP4 h\\n\\ns=-\\nt=0 0'                  | 3 | empty line",
            "double space          | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0  0'                    | 4 | empty field",
            "bad timing            | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=now 0'                   | 4 | start-time",
            "huge timing           | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=99999999999999999999 0'  | 4 | too large",
            "bandwidth no colon    | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nb=AS64\\nt=0 0'             | 4 | b=",
            "bandwidth not number  | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nb=AS:x\\nt=0 0'             | 4 | bandwidth",
            "port too big          | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nm=audio 70000 RTP/AVP 0' | 5 | 70000",
            "no format             | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nm=audio 7 RTP/AVP'  | 5 | m=: expected",
            "zero port count       | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nm=audio 7/0 RTP/AVP 0' | 5 | number of ports",
            "empty proto element   | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nm=audio 7 RTP//AVP 0' | 5 | proto",
            "empty attribute name  | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\na=:x'               | 5 | empty attribute name",
            "bad attribute name    | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\na=a b:x'            | 5 | not a token",
            "s in media            | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nm=audio 7 RTP/AVP 0\\ns=x' | 6 | not allowed in a media",
            "second i in media     | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nt=0 0\\nm=audio 7 RTP/AVP 0\\ni=a\\ni=b' | 7 | second i=",
            "second c at session   | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nc=IN IP4 a\\nc=IN IP4 b\\nt=0 0' | 5 | second c=",
            "second origin         | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\no=- 1 1 IN IP4 h\\nt=0 0'  | 4 | second o=",
            "r without t           | 'v=0\\no=- 1 1 IN IP4 h\\ns=-\\nr=7d 1h 0 25h'           | 4 | r= must follow",
            "bare CR               | 'v=0\\no=- 1 1 IN IP4 h\\rs=-\\nt=0 0'                     | 2 | CR not followed by LF",
    })
    void rejectsWithLineNumberAndReason(String name, String text, int line, String reason) {
        String sdp = text.replace("\\n", "\n").replace("\\r", "\r");
        assertThatThrownBy(() -> SdpParser.parse(sdp))
                .as(name)
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.lineNumber()).as("line number of %s", e.getMessage()).isEqualTo(line);
                    assertThat(e.reason()).as("reason").contains(reason);
                    assertThat(e.getMessage()).startsWith("line " + line + ": ");
                });
    }

    @Test
    void severalConnectionLinesInAMediaDescription() {
        // RFC 8866 §9: media-description = media-field [information-field] *connection-field ...
        String text = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 7 RTP/AVP 0\r\nc=IN IP4 224.2.1.1/127\r\n"
                + "c=IN IP4 224.2.1.2/127\r\n";
        assertThat(SdpWriter.write(SdpParser.parse(text))).isEqualTo(text);
    }

    @Test
    void nulIsRejected() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=a\0b\r\nt=0 0\r\n"))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("\\x00");
                });
    }

    @Test
    void builderPlacesLinesInRfcOrder() {
        SessionDescription sdp = SessionDescription.builder(Origin.of("42", "1", "192.0.2.1"))
                .addAttribute("tool", "x")
                .connection(ConnectionData.of("192.0.2.1"))
                .addBandwidth(new Bandwidth("AS", 10))
                .information("info")
                .addMedia(MediaDescription.builder("message", 7394, Proto.TCP_TLS_MSRP, "*")
                        .set(SdpAttributes.SETUP, Setup.ACTPASS)
                        .connection(ConnectionData.of("2001:db8::1"))
                        .flag("msrp-cema")
                        .flag("msrp-cema")
                        .build())
                .build();
        assertThat(SdpWriter.write(sdp)).isEqualTo(String.join("\r\n",
                "v=0",
                "o=- 42 1 IN IP4 192.0.2.1",
                "s=-",
                "i=info",
                "c=IN IP4 192.0.2.1",
                "b=AS:10",
                "t=0 0",
                "a=tool:x",
                "m=message 7394 TCP/TLS/MSRP *",
                "c=IN IP6 2001:db8::1",
                "a=setup:actpass",
                "a=msrp-cema",
                ""));
        assertThat(SdpParser.parse(SdpWriter.write(sdp))).isEqualTo(sdp);
    }

    @Test
    void toBuilderReplacesAndRemoves() {
        SessionDescription sdp = SdpParser.parse(MSRP_OFFER);
        MediaDescription m = sdp.media().get(0).toBuilder()
                .proto(Proto.TCP_TLS_MSRP.plainEquivalent())
                .remove(SdpAttributes.FINGERPRINT)
                .set(SdpAttributes.SETUP, Setup.PASSIVE)
                .removeAttributes("3ge2ae")
                .port(9000)
                .build();
        SessionDescription rewritten = sdp.toBuilder().setMedia(0, m)
                .origin(sdp.origin().orElseThrow().withSessionVersion("2890844528")).build();
        String out = SdpWriter.write(rewritten);
        assertThat(out).contains("m=message 9000 TCP/MSRP *\r\n", "a=setup:passive\r\n", "o=alice 2890844526 2890844528 ")
                .doesNotContain("fingerprint", "3ge2ae");
        // position of setup kept: right after path
        assertThat(out).contains("a=path:msrps://alice.example.com:7394/2s93i9ek2a;tcp\r\na=setup:passive\r\n");
        assertThat(sdp.media().get(0).rejected().port()).isZero();
    }

    @Test
    void recordsRejectInvalidComponents() {
        assertThatThrownBy(() -> new Attribute("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attribute("a", "x\r\ny")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextLine('a', "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("-", "1", "1", "IN", "IP4", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 70000, Proto.RTP_AVP, "0").build())
                .hasMessageContaining("port: 70000");
        assertThatThrownBy(() -> new MediaDescription("audio", 1, 0, Proto.RTP_AVP, List.of("0 1"), List.of()))
                .hasMessageContaining("format");
    }
}
