package org.mediasec.sip.secagree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.sip.secagree.SecurityHeaderKind.CLIENT;
import static org.mediasec.sip.secagree.SecurityHeaderKind.SERVER;
import static org.mediasec.sip.secagree.SecurityHeaderKind.VERIFY;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityHeaderParserTest {

    // RFC 3329 §3.1 example (recalled): client lists tls and digest on two lines, the server answers
    // 494 with ranked Security-Server lines, the client echoes them in Security-Verify.
    @Test
    void parsesRfc3329ExampleAcrossSeveralLines() {
        SecurityHeader client = SecurityHeaderParser.parse(CLIENT, List.of("tls", "digest"));
        assertThat(client.mechanisms()).containsExactly(SecMechanism.of("tls"), SecMechanism.of("digest"));

        SecurityHeader server = SecurityHeaderParser.parse(SERVER, List.of("ipsec-ike;q=0.1", "tls;q=0.2"));
        assertThat(server.mechanisms()).extracting(SecMechanism::name).containsExactly("ipsec-ike", "tls");
        assertThat(server.mechanisms().get(0).q()).hasValue(0.1);
        assertThat(server.mechanisms().get(1).q()).hasValue(0.2);
        assertThat(server.mediaPlaneMechanisms()).isEmpty();

        SecurityHeader verify = SecurityHeaderParser.parse(VERIFY, "ipsec-ike;q=0.1, tls;q=0.2");
        assertThat(verify.mechanisms()).isEqualTo(server.mechanisms());
    }

    @Test
    void parsesRfc3329DigestParameters() {
        String value = "digest;d-alg=md5;d-qop=auth-int;d-ver=\"0123456789abcdef0123456789abcdef\";q=0.1";
        SecMechanism digest = SecurityHeaderParser.parse(SERVER, value).mechanisms().get(0);
        assertThat(digest.name()).isEqualTo("digest");
        assertThat(digest.param("d-alg")).hasValue(SecMechanism.Param.of("d-alg", "md5"));
        assertThat(digest.param("D-VER").orElseThrow().value()).isEqualTo("\"0123456789abcdef0123456789abcdef\"");
        assertThat(digest.q()).hasValue(0.1);
        assertThat(SecurityHeaderWriter.write(digest)).isEqualTo(value);
    }

    // TS 24.229 §7.2A.7: "Security-Client: sdes-srtp;mediasec"
    @Test
    void parsesTs24229MediasecExample() {
        SecurityHeader h = SecurityHeaderParser.parse(CLIENT, "sdes-srtp;mediasec");
        assertThat(h.mechanisms()).containsExactly(SecMechanism.mediaPlane("sdes-srtp"));
        assertThat(h.mechanisms().get(0).isMediaPlane()).isTrue();
        assertThat(MediaSecCapabilities.from(h)).isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.SDES_SRTP));
    }

    // specs.md §1.1 illustrative REGISTER: a signalling line and a media line of Security-Client.
    @Test
    void separatesSignallingAndMediaPlaneEntries() {
        SecurityHeader h = SecurityHeaderParser.parse(CLIENT, List.of(
                "ipsec-3gpp;alg=hmac-sha-1-96;ealg=aes-cbc;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064",
                "msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec, sdes-srtp;mediasec"));
        assertThat(h.signallingMechanisms()).hasSize(1);
        SecMechanism ipsec = h.signallingMechanisms().get(0);
        assertThat(ipsec.name()).isEqualTo("ipsec-3gpp");
        assertThat(ipsec.params()).extracting(SecMechanism.Param::name)
                .containsExactly("alg", "ealg", "spi-c", "spi-s", "port-c", "port-s");
        assertThat(ipsec.q()).isEmpty();
        assertThat(h.mediaPlaneMechanisms()).extracting(SecMechanism::name)
                .containsExactly("msrp-tls", "bfcp-tls", "udptl-dtls", "sdes-srtp");
        assertThat(MediaSecCapabilities.from(h).mechanisms()).containsExactly(
                MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS, MediaSecMechanism.UDPTL_DTLS,
                MediaSecMechanism.SDES_SRTP);
    }

    // Asterisk (res_pjsip security_agreements.c) writes Security-Server/-Verify with ;q= after mediasec.
    @Test
    void parsesAndRewritesAsteriskStyleServerHeaderByteExact() {
        String value = "msrp-tls;mediasec;q=0.5, bfcp-tls;mediasec;q=0.5";
        SecurityHeader h = SecurityHeaderParser.parse(SERVER, value);
        assertThat(h.mechanisms()).allSatisfy(m -> {
            assertThat(m.isMediaPlane()).isTrue();
            assertThat(m.q()).hasValue(0.5);
        });
        assertThat(h.value()).isEqualTo(value);
        assertThat(h.toString()).isEqualTo("Security-Server: " + value);
    }

    @Test
    void acceptsWhiteSpaceAndFoldingAroundSeparators() {
        SecurityHeader spaced = SecurityHeaderParser.parse(CLIENT,
                "  msrp-tls ;\tmediasec ,\r\n bfcp-tls; mediasec ; q = 0.5 ");
        assertThat(spaced.mechanisms()).containsExactly(
                SecMechanism.mediaPlane("msrp-tls"), SecMechanism.mediaPlane("bfcp-tls").withQ(0.5));
        // JAIN-SIP re-encodes a parsed entry as "msrp-tls; mediasec"
        assertThat(SecurityHeaderParser.parse(CLIENT, "msrp-tls; mediasec").mechanisms())
                .containsExactly(SecMechanism.mediaPlane("msrp-tls"));
    }

    @Test
    void keepsCaseButComparesCaseInsensitively() {
        SecMechanism m = SecurityHeaderParser.parse(CLIENT, "MSRP-TLS;MediaSec;Q=1.0").mechanisms().get(0);
        assertThat(m.name()).isEqualTo("MSRP-TLS");
        assertThat(m.isMediaPlane()).isTrue();
        assertThat(m.q()).hasValue(1.0);
        assertThat(SecurityHeaderWriter.write(m)).isEqualTo("MSRP-TLS;MediaSec;Q=1.0");
        assertThat(MediaSecCapabilities.from(List.of(m)).contains(MediaSecMechanism.MSRP_TLS)).isTrue();
    }

    @Test
    void quotedValuesMayHoldCommasAndSemicolons() {
        SecurityHeader h = SecurityHeaderParser.parse(CLIENT, "tls;x=\"a, b;c \\\"d\\\"\", digest;host=[2001:db8::1]");
        assertThat(h.mechanisms()).hasSize(2);
        assertThat(h.mechanisms().get(0).param("x").orElseThrow().value()).isEqualTo("\"a, b;c \\\"d\\\"\"");
        assertThat(h.mechanisms().get(1).param("host").orElseThrow().value()).isEqualTo("[2001:db8::1]");
        assertThat(SecurityHeaderParser.parse(CLIENT, h.value())).isEqualTo(h);
    }

    @Test
    void keepsUnknownMechanismsAndParameters() {
        SecurityHeader h = SecurityHeaderParser.parse(CLIENT, "future-mech;mediasec;x-vendor=7, ipsec-man");
        assertThat(h.mechanisms().get(0).param("x-vendor").orElseThrow().value()).isEqualTo("7");
        assertThat(MediaSecCapabilities.from(h).unknownTokens()).containsExactly("future-mech");
        assertThat(h.value()).isEqualTo("future-mech;mediasec;x-vendor=7, ipsec-man");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                          | 0  | expected a mechanism name, found end of value",
            "`   `                       | 3  | expected a mechanism name, found end of value",
            "`,`                         | 0  | expected a mechanism name, found ','",
            "msrp-tls;mediasec,          | 18 | expected a mechanism name, found end of value",
            "msrp-tls;mediasec,,tls      | 18 | expected a mechanism name, found ','",
            "msrp-tls;;mediasec          | 9  | expected a parameter name, found ';'",
            "msrp-tls;                   | 9  | expected a parameter name, found end of value",
            "msrp-tls mediasec           | 9  | expected ';', ',' or end of value, found 'm'",
            "a;b=                        | 4  | expected a value after 'b='",
            "a;b=;c                      | 4  | expected a value after 'b='",
            "a;b=c d                     | 6  | expected ';', ',' or end of value, found 'd'",
            "a;q=2                       | 5  | q must be a qvalue",
            "a;q=0.1234                  | 10 | q must be a qvalue",
            "a;q=1.5                     | 7  | q must be a qvalue",
            "a;q                         | 3  | q must be a qvalue (0..1, at most 3 decimals), found no value",
            "tls;x=\"open                | 6  | unterminated or invalid quoted-string",
            "€x;mediasec                 | 0  | expected a mechanism name, found character U+20AC",
            "a;b=\"x\"y                  | 7  | expected ';', ',' or end of value, found 'y'",
            "<sip:x>                     | 0  | expected a mechanism name, found '<'",
    })
    void rejectsMalformedValuesWithOffsetAndReason(String value, int offset, String reason) {
        SecurityHeaderDecodeResult r = SecurityHeaderParser.decode(CLIENT, value);
        assertThat(r.mechanisms()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).startsWith(reason);
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.input()).isEqualTo(value);
        });
        assertThatThrownBy(() -> SecurityHeaderParser.parse(CLIENT, value))
                .isInstanceOf(SecurityHeaderParseException.class)
                .hasMessageStartingWith("Security-Client: " + reason)
                .hasMessageContaining("at offset " + offset);
    }

    @Test
    void rejectsLineBreakWithoutContinuation() {
        SecurityHeaderDecodeResult r = SecurityHeaderParser.decode(CLIENT, "tls,\r\ndigest");
        assertThat(r.errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("line break not followed by white space"));
        assertThat(r.errors().get(0).toString()).contains("\\x0d\\x0a");
    }

    @Test
    void decodeKeepsGoodLinesAndReportsBadOnes() {
        List<String> lines = new ArrayList<>();
        lines.add("msrp-tls;mediasec");
        lines.add("bfcp-tls;;mediasec");
        lines.add(null);
        lines.add("udptl-dtls;mediasec");
        SecurityHeaderDecodeResult r = SecurityHeaderParser.decode(CLIENT, lines);
        assertThat(r.isMalformed()).isTrue();
        assertThat(r.errors()).hasSize(2);
        assertThat(MediaSecCapabilities.from(r.mechanisms()))
                .isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.UDPTL_DTLS));
        assertThat(r.header()).isPresent();
        assertThat(SecurityHeaderParser.decode(CLIENT, List.of()).isAbsent()).isTrue();
    }

    @Test
    void limitsMechanismsAndLength() {
        String many = String.join(", ", java.util.Collections.nCopies(SecurityHeaderParser.MAX_MECHANISMS + 1, "tls"));
        assertThat(SecurityHeaderParser.decode(CLIENT, many).errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("more than 64 mechanisms"));
        String exactly = String.join(", ", java.util.Collections.nCopies(SecurityHeaderParser.MAX_MECHANISMS, "tls"));
        assertThat(SecurityHeaderParser.parse(CLIENT, exactly).mechanisms()).hasSize(64);
        String longValue = "tls;x=" + "a".repeat(SecurityHeaderParser.MAX_LENGTH);
        assertThat(SecurityHeaderParser.decode(CLIENT, longValue).errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("...").hasSizeLessThan(400));
    }

    @Test
    void parseOfNoLinesIsAnError() {
        assertThatThrownBy(() -> SecurityHeaderParser.parse(CLIENT, List.of()))
                .isInstanceOf(SecurityHeaderParseException.class).hasMessageContaining("no header line");
    }
}
