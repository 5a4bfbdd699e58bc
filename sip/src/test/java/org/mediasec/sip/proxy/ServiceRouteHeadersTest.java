package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.address.SipURI;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

class ServiceRouteHeadersTest {

    private static Response ok(String... extra) {
        String[] head = {
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7",
            "To: UA1 <sip:UA1@EXAMPLEHOME.COM>;tag=251077",
            "From: UA1 <sip:UA1@EXAMPLEHOME.COM>;tag=456248",
            "Call-ID: 843817637684230@998sdasdh09",
            "CSeq: 1826 REGISTER"};
        String[] all = new String[head.length + extra.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(extra, 0, all, head.length, extra.length);
        return Msgs.response(all);
    }

    @Test
    void readsTheRouteSetInOrder() {
        // RFC 3608 §6.1: "The UA MUST preserve the order"
        Response r = ok("Service-Route: <sip:P2.HOME.EXAMPLE.COM;lr>,<sip:HSP.HOME.EXAMPLE.COM;lr>",
                "Service-Route: <sip:third.example.com;lr>");
        assertThat(ServiceRouteHeaders.routeSet(r)).extracting(Object::toString).containsExactly(
                "<sip:P2.HOME.EXAMPLE.COM;lr>", "<sip:HSP.HOME.EXAMPLE.COM;lr>", "<sip:third.example.com;lr>");
    }

    @Test
    void registrarAddsALooseRoute() {
        Response r = ok();
        ServiceRouteHeaders.add(r, (SipURI) Msgs.uri("sip:scscf.example.net:5070"));
        assertThat(ServiceRouteHeaders.routeSet(r)).extracting(Object::toString).containsExactly("<sip:scscf.example.net:5070;lr>");
        assertThat(r.toString()).contains("Service-Route: <sip:scscf.example.net:5070;lr>");
        assertThat(ServiceRouteHeaders.routeSet(ok())).isEmpty();
    }
}
