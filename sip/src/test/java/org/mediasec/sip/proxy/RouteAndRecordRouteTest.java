package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sip.address.SipURI;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

class RouteAndRecordRouteTest {

    private static Request invite(String requestUri, String... extra) {
        String[] head = {
            "INVITE " + requestUri + " SIP/2.0",
            "Via: SIP/2.0/UDP 19.31.97.3:5060;branch=z9hG4bKjasg7li7nc9e",
            "To: UA1 <sip:UA1@EXAMPLEHOME.COM>",
            "From: UA2 <sip:UA2@FOREIGN.ELSEWHERE.ORG>;tag=224497",
            "Call-ID: 48273181116@71.91.180.10",
            "CSeq: 29 INVITE"};
        String[] all = new String[head.length + extra.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(extra, 0, all, head.length, extra.length);
        return Msgs.request(all);
    }

    @Test
    void recordRouteGoesOnTopWithLrRfc3327F5() {
        // RFC 3327 §5.5.2 F5: P1 adds itself above P3's Record-Route.
        Request r = invite("sip:UA1@192.0.2.4", "Record-Route: <sip:P3.EXAMPLEHOME.COM;lr>", "Route: <sip:P1.EXAMPLEVISITED.COM;lr>");
        RecordRoute.insert(r, (SipURI) Msgs.uri("sip:P1.EXAMPLEVISITED.COM"));
        assertThat(Msgs.values(r, RecordRouteHeader.NAME))
                .containsExactly("<sip:P1.EXAMPLEVISITED.COM;lr>", "<sip:P3.EXAMPLEHOME.COM;lr>");
        assertThat(Msgs.values(r, RouteHeader.NAME)).containsExactly("<sip:P1.EXAMPLEVISITED.COM;lr>");
    }

    @Test
    void recordRouteUriOfAProxyHasLrAndTransportOnlyForTcp() {
        ProxyIdentity me = new ProxyIdentity("127.0.0.1", 5070);
        assertThat(me.recordRouteUri(SipTransport.UDP).toString()).isEqualTo("sip:127.0.0.1:5070;lr");
        assertThat(me.recordRouteUri(SipTransport.TCP).toString()).isEqualTo("sip:127.0.0.1:5070;transport=tcp;lr");
        assertThat(me.isRecordRouteValue(me.recordRouteUri(SipTransport.TCP))).isTrue();
        assertThat(me.isThisProxy(Msgs.uri("sip:127.0.0.1"))).isFalse();
        assertThat(new ProxyIdentity("127.0.0.1", 5060).isThisProxy(Msgs.uri("sip:127.0.0.1"))).isTrue();
    }

    @Test
    void pathVectorPushedAheadOfExistingRoutesInOrderRfc3327F2F3() {
        // RFC 3327 §5.5.2 F3 plus an existing Route value (§5.4: "inserting the stored path vector ahead").
        Request r = invite("sip:UA1@192.0.2.4", "Route: <sip:existing.example.net;lr>");
        RoutePostprocessing.pushRoutes(r, List.of(Msgs.address("<sip:P3.EXAMPLEHOME.COM;lr>"), Msgs.address("<sip:P1.EXAMPLEVISITED.COM;lr>")));
        assertThat(Msgs.values(r, RouteHeader.NAME)).containsExactly(
                "<sip:P3.EXAMPLEHOME.COM;lr>", "<sip:P1.EXAMPLEVISITED.COM;lr>", "<sip:existing.example.net;lr>");
        assertThat(RoutePostprocessing.formatForStrictRouter(r)).isFalse();
    }

    @Test
    void strictRouterNextHopGetsTheRequestUri() {
        Request r = invite("sip:UA1@192.0.2.4", "Route: <sip:strict.example.net>", "Route: <sip:loose.example.net;lr>");
        assertThat(RoutePostprocessing.formatForStrictRouter(r)).isTrue();
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:strict.example.net");
        assertThat(Msgs.values(r, RouteHeader.NAME)).containsExactly("<sip:loose.example.net;lr>", "<sip:UA1@192.0.2.4>");
        assertThat(NextHop.uri(r).toString()).isEqualTo("sip:loose.example.net;lr");
    }

    @Test
    void nextHopIsTopRouteElseRequestUriAndTransportFromTheUri() {
        Request routed = invite("sip:UA1@192.0.2.4", "Route: <sip:127.0.0.1:5070;transport=tcp;lr>");
        assertThat(NextHop.uri(routed).toString()).isEqualTo("sip:127.0.0.1:5070;transport=tcp;lr");
        assertThat(NextHop.transport(routed)).isEqualTo(SipTransport.TCP);
        Request direct = invite("sip:UA1@192.0.2.4");
        assertThat(NextHop.uri(direct).toString()).isEqualTo("sip:UA1@192.0.2.4");
        assertThat(NextHop.transport(direct)).isEqualTo(SipTransport.UDP);
        // SIP over TLS: the transport parameter, or a sips: URI (RFC 3261 §26.2.2)
        assertThat(NextHop.transport(invite("sip:UA1@192.0.2.4", "Route: <sip:127.0.0.1:5061;transport=tls;lr>")))
                .isEqualTo(SipTransport.TLS);
        assertThat(NextHop.transport(invite("sips:UA1@192.0.2.4"))).isEqualTo(SipTransport.TLS);
    }
}
