package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

class RoutePreprocessingTest {
    private static final ProxyIdentity P3 = new ProxyIdentity("19.31.97.3", 5060, Set.of("P3.EXAMPLEHOME.COM"));

    private static Request invite(String requestUri, String... routes) {
        String[] head = {
            "INVITE " + requestUri + " SIP/2.0",
            "Via: SIP/2.0/UDP 143.70.6.83:5060;branch=z9hG4bKlj25C107a7b176",
            "To: UA1 <sip:UA1@EXAMPLEHOME.COM>",
            "From: UA2 <sip:UA2@FOREIGN.ELSEWHERE.ORG>;tag=224497",
            "Call-ID: 48273181116@71.91.180.10",
            "CSeq: 29 INVITE",
            "Max-Forwards: 69"};
        String[] all = new String[head.length + routes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < routes.length; i++) {
            all[head.length + i] = "Route: " + routes[i];
        }
        return Msgs.request(all);
    }

    @Test
    void removesOwnTopRouteRfc3327F3ToF4() {
        // RFC 3327 §5.5.2 F3 as P3 receives it: P3 pops itself, P1 stays.
        Request r = invite("sip:UA1@192.0.2.4", "<sip:P3.EXAMPLEHOME.COM;lr>", "<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(RoutePreprocessing.apply(r, P3)).isEqualTo(RoutePreprocessing.Outcome.OWN_ROUTE_REMOVED);
        assertThat(Msgs.values(r, RouteHeader.NAME)).containsExactly("<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:UA1@192.0.2.4");
    }

    @Test
    void ourOnlyRouteRemovedLeavesNoRouteHeader() {
        Request r = invite("sip:UA1@192.0.2.4", "<sip:19.31.97.3;lr>");
        assertThat(RoutePreprocessing.apply(r, P3)).isEqualTo(RoutePreprocessing.Outcome.OWN_ROUTE_REMOVED);
        assertThat(r.getHeader(RouteHeader.NAME)).isNull();
    }

    @Test
    void foreignTopRouteAndPortMismatchAreLeftAlone() {
        Request r = invite("sip:UA1@192.0.2.4", "<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(RoutePreprocessing.apply(r, P3)).isEqualTo(RoutePreprocessing.Outcome.UNCHANGED);
        Request otherPort = invite("sip:UA1@192.0.2.4", "<sip:19.31.97.3:5070;lr>");
        assertThat(RoutePreprocessing.apply(otherPort, P3)).isEqualTo(RoutePreprocessing.Outcome.UNCHANGED);
        assertThat(Msgs.values(otherPort, RouteHeader.NAME)).hasSize(1);
    }

    @Test
    void strictRoutedRequestGetsItsRequestUriBack() {
        // A strict router put our Record-Route value into the Request-URI and the remote target last in Route.
        Request r = invite("sip:19.31.97.3;lr", "<sip:P1.EXAMPLEVISITED.COM;lr>", "<sip:UA1@192.0.2.4>");
        assertThat(RoutePreprocessing.apply(r, P3)).isEqualTo(RoutePreprocessing.Outcome.STRICT_ROUTE_RESTORED);
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:UA1@192.0.2.4");
        assertThat(Msgs.values(r, RouteHeader.NAME)).containsExactly("<sip:P1.EXAMPLEVISITED.COM;lr>");
    }

    @Test
    void strictRouteRestoreThenOwnRoute() {
        Request r = invite("sip:19.31.97.3;lr", "<sip:19.31.97.3;lr>", "<sip:UA1@192.0.2.4>");
        assertThat(RoutePreprocessing.apply(r, P3))
                .isEqualTo(RoutePreprocessing.Outcome.STRICT_ROUTE_RESTORED_AND_OWN_ROUTE_REMOVED);
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:UA1@192.0.2.4");
        assertThat(r.getHeader(RouteHeader.NAME)).isNull();
    }

    @Test
    void requestForAUserAtOurAddressIsNotAStrictRoute() {
        // sip:bob@<us> is a request for bob, not a Record-Route value of ours (which has no user part).
        Request r = invite("sip:bob@19.31.97.3", "<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(RoutePreprocessing.apply(r, P3)).isEqualTo(RoutePreprocessing.Outcome.UNCHANGED);
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:bob@19.31.97.3");
    }
}
