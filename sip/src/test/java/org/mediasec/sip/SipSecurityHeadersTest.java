package org.mediasec.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

import javax.sip.message.Message;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.sip.secagree.SecMechanism;
import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.mediasec.sip.secagree.SecurityHeaderParser;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.parser.StringMsgParser;

class SipSecurityHeadersTest {

    private static final String HEAD = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "From: <sip:alice@ims.example.net>;tag=1\r\n"
            + "To: <sip:alice@ims.example.net>\r\n"
            + "Call-ID: 1@127.0.0.1\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Max-Forwards: 70\r\n";

    private static Message parse(String headers) throws Exception {
        String text = HEAD + headers + "Content-Length: 0\r\n\r\n";
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    @Test
    void readsEveryLineThroughTheRiAndOurParser() throws Exception {
        Message m = parse("Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064\r\n"
                + "security-client: msrp-tls;mediasec, bfcp-tls;mediasec\r\n"
                + "Security-Client: udptl-dtls;mediasec;q=0.5\r\n");
        SecurityHeaderDecodeResult r = SipSecurityHeaders.read(m, SecurityHeaderKind.CLIENT);
        assertThat(r.errors()).isEmpty();
        assertThat(r.mechanisms()).extracting(SecMechanism::name)
                .containsExactly("ipsec-3gpp", "msrp-tls", "bfcp-tls", "udptl-dtls");
        assertThat(r.mechanisms().get(0).param("spi-s").orElseThrow().value()).isEqualTo("2222");
        assertThat(r.mechanisms().get(3).q()).hasValue(0.5);
        assertThat(MediaSecCapabilities.from(r.mechanisms())).isEqualTo(MediaSecCapabilities.of(
                MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS, MediaSecMechanism.UDPTL_DTLS));
        assertThat(SipSecurityHeaders.read(m, SecurityHeaderKind.VERIFY).isAbsent()).isTrue();
    }

    @Test
    void writesOneCanonicalLineAndReadsItBack() throws Exception {
        Message m = parse("");
        SecurityHeader server = MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS)
                .toSecurityHeader(SecurityHeaderKind.SERVER, OptionalDouble.of(0.5));
        SipSecurityHeaders.add(m, server);
        assertThat(m.toString()).contains("\r\nSecurity-Server: msrp-tls;mediasec;q=0.5, bfcp-tls;mediasec;q=0.5\r\n");
        assertThat(SipSecurityHeaders.read(m, SecurityHeaderKind.SERVER).header()).hasValue(server);

        // and after a trip through the RI's parser, which splits the list into one object per mechanism
        Message reparsed = new StringMsgParser().parseSIPMessage(m.toString().getBytes(StandardCharsets.UTF_8), true, false, null);
        assertThat(SipSecurityHeaders.read(reparsed, SecurityHeaderKind.SERVER).header()).hasValue(server);

        SipSecurityHeaders.remove(m, SecurityHeaderKind.SERVER);
        assertThat(m.toString()).doesNotContain("Security-Server");
    }

    @Test
    void readsHeadersBuiltWithTheRiFactory() throws Exception {
        Message m = parse("");
        m.addHeader(new HeaderFactoryImpl().createHeader("Security-Verify", "ipsec-3gpp;q=0.1;alg=hmac-sha-1-96"));
        assertThat(SipSecurityHeaders.read(m, SecurityHeaderKind.VERIFY).header()).hasValue(
                SecurityHeaderParser.parse(SecurityHeaderKind.VERIFY, "ipsec-3gpp;q=0.1;alg=hmac-sha-1-96"));
    }

    @Test
    void findsOptionTagsInRequireAndProxyRequire() throws Exception {
        Message both = parse("Require: sec-agree\r\nProxy-Require: Sec-Agree, mediasec\r\n");
        assertThat(SipSecurityHeaders.requires(both, SipSecurityHeaders.SEC_AGREE)).isTrue();
        assertThat(SipSecurityHeaders.requires(both, "mediasec")).isTrue();
        Message proxyOnly = parse("Proxy-Require: foo, sec-agree\r\n");
        assertThat(SipSecurityHeaders.requires(proxyOnly, SipSecurityHeaders.SEC_AGREE)).isTrue();
        Message none = parse("Supported: sec-agree\r\n");
        assertThat(SipSecurityHeaders.requires(none, SipSecurityHeaders.SEC_AGREE)).isFalse();
    }
}
