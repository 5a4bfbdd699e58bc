package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import javax.sip.header.ViaHeader;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

class ResponseViaTest {

    @Test
    void popsOurViaRfc3327F6ToF7() {
        Response f6 = Msgs.response(
                "SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP 19.31.97.3:5060;branch=z9hG4bKp3wer654363",
                "Via: SIP/2.0/UDP 178.73.76.230:5060;branch=z9hG4bKiokioukju908",
                "To: UA1 <sip:UA1@EXAMPLEHOME.COM>;tag=251077",
                "From: UA1 <sip:UA1@EXAMPLEHOME.COM>;tag=456248",
                "Call-ID: 843817637684230@998sdasdh09",
                "CSeq: 1826 REGISTER",
                "Path: <sip:P3.EXAMPLEHOME.COM;lr>,<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(ResponseVia.topIsOurs(f6, new ProxyIdentity("19.31.97.3", 5060))).isTrue();
        Optional<Response> f7 = ResponseVia.pop(f6);
        assertThat(f7).isPresent();
        assertThat(Msgs.values(f7.get(), ViaHeader.NAME)).containsExactly("SIP/2.0/UDP 178.73.76.230:5060;branch=z9hG4bKiokioukju908");
        assertThat(PathHeaders.pathVector(f7.get())).hasSize(2);
        assertThat(Msgs.values(f6, ViaHeader.NAME)).as("received response untouched").hasSize(2);
    }

    @Test
    void responseWithOnlyOurViaIsMeantForUs() {
        Response r = Msgs.response("SIP/2.0 200 OK", "Via: SIP/2.0/UDP 19.31.97.3:5060;branch=z9hG4bKc1",
                "To: <sip:b@x>;tag=2", "From: <sip:a@x>;tag=1", "Call-ID: c", "CSeq: 1 CANCEL");
        assertThat(ResponseVia.pop(r)).isEmpty();
        assertThat(ResponseVia.topIsOurs(r, new ProxyIdentity("19.31.97.4", 5060))).isFalse();
    }
}
