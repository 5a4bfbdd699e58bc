package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

class PathHeadersTest {

    /** RFC 3327 §5.5.1 F3 (P2 -> P3). */
    private static Request f3() {
        return Msgs.request(
                "REGISTER sip:REGISTRAR.EXAMPLEHOME.COM SIP/2.0",
                "Via: SIP/2.0/UDP 178.73.76.230:5060;branch=z9hG4bKiokioukju908",
                "Via: SIP/2.0/UDP 112.68.155.4:5060;branch=z9hG4bK34ghi7ab04",
                "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7",
                "To: UA1 <sip:UA1@EXAMPLEHOME.COM>",
                "From: UA1 <sip:UA1@EXAMPLEHOME.COM>;tag=456248",
                "Call-ID: 843817637684230@998sdasdh09",
                "CSeq: 1826 REGISTER",
                "Contact: <sip:UA1@192.0.2.4>",
                "Supported: path",
                "Path: <sip:P1.EXAMPLEVISITED.COM;lr>");
    }

    private static List<String> vector(javax.sip.message.Message m) {
        return PathHeaders.pathVector(m).stream().map(Object::toString).toList();
    }

    @Test
    void p3InsertsItselfOnTopRfc3327F3ToF4() {
        Request r = f3();
        PathHeaders.insert(r, (SipURI) Msgs.uri("sip:P3.EXAMPLEHOME.COM"));
        assertThat(vector(r)).containsExactly("<sip:P3.EXAMPLEHOME.COM;lr>", "<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(PathHeaders.supported(r)).isTrue();
    }

    @Test
    void readsCommaSeparatedAndRepeatedPathInOrderRfc3327F4() {
        Request f4 = Msgs.request(
                "REGISTER sip:REGISTRAR.EXAMPLEHOME.COM SIP/2.0",
                "Via: SIP/2.0/UDP 19.31.97.3:5060;branch=z9hG4bKp3wer654363",
                "To: UA1 <sip:UA1@EXAMPLEHOME.COM>",
                "From: UA1 <sip:UA1@EXAMPLEHOME.COM>;tag=456248",
                "Call-ID: 843817637684230@998sdasdh09",
                "CSeq: 1826 REGISTER",
                "Contact: <sip:UA1@192.0.2.4>",
                "Path: <sip:P3.EXAMPLEHOME.COM;lr>,<sip:P1.EXAMPLEVISITED.COM;lr>",
                "Path: <sip:P0.EXAMPLEVISITED.COM;lr>");
        assertThat(vector(f4)).containsExactly("<sip:P3.EXAMPLEHOME.COM;lr>", "<sip:P1.EXAMPLEVISITED.COM;lr>", "<sip:P0.EXAMPLEVISITED.COM;lr>");
        assertThat(PathHeaders.supported(f4)).isFalse();
    }

    @Test
    void registrarCopiesThePathIntoTheResponseRfc3327F6() throws Exception {
        Request r = f3();
        PathHeaders.insert(r, (SipURI) Msgs.uri("sip:P3.EXAMPLEHOME.COM"));
        Response ok = new gov.nist.javax.sip.message.MessageFactoryImpl().createResponse(200, r);
        ok.removeHeader(PathHeaders.NAME);
        PathHeaders.set(ok, PathHeaders.pathVector(r));
        assertThat(vector(ok)).containsExactly("<sip:P3.EXAMPLEHOME.COM;lr>", "<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(ok.toString()).contains("Path: <sip:P3.EXAMPLEHOME.COM;lr>");
    }

    @Test
    void noPathIsAnEmptyVector() {
        Request r = Msgs.request("REGISTER sip:x SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK1",
                "To: <sip:a@x>", "From: <sip:a@x>;tag=1", "Call-ID: c", "CSeq: 1 REGISTER");
        assertThat(PathHeaders.pathVector(r)).isEmpty();
    }

    @Test
    void splitsValuesOutsideQuotesAndBrackets() {
        assertThat(PathHeaders.splitValues("\"a, b\" <sip:x;lr>, <sip:y?h=1,2;lr>"))
                .containsExactly("\"a, b\" <sip:x;lr>", "<sip:y?h=1,2;lr>");
    }
}
