package org.mediasec.sip.proxy;


import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import org.mediasec.sip.SipTransport;

/**
 * The next hop of a request ready to send (RFC 3261 §16.6 step 7): "the proxy MUST apply the
 * procedures to the first value in the Route header field, if present, else the Request-URI." The RI's
 * default router does the same when a client transaction sends; this class tells the proxy the
 * transport beforehand, so the Via it pushes names the transport the request actually leaves on.
 * Without DNS (RFC 3263) the transport is the URI's {@code transport} parameter, UDP when absent.
 */
public final class NextHop {
    private NextHop() {
    }

    /** The URI the next hop is resolved from: the first Route value if any, else the Request-URI. */
    public static URI uri(Request request) {
        RouteHeader first = (RouteHeader) request.getHeader(RouteHeader.NAME);
        return first != null ? first.getAddress().getURI() : request.getRequestURI();
    }

    /**
     * The transport toward the next hop: TLS for a {@code sips:} URI, else the URI's transport parameter (udp,
     * tcp or tls), UDP when absent ({@link SipTransport#forUri}).
     */
    public static SipTransport transport(Request request) {
        URI uri = uri(request);
        return uri instanceof SipURI ? SipTransport.forUri(uri) : SipTransport.UDP;
    }
}
