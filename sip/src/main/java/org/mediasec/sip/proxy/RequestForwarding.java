package org.mediasec.sip.proxy;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;

import org.mediasec.sip.SipTransport;

/**
 * Builds the request a proxy sends toward one target: RFC 3261 §16.6 steps 1 to 8 on a copy of the
 * (preprocessed, §16.4) received request. Step 9 (Content-Length) is done by the RI when it encodes
 * for a stream transport; steps 10 (client transaction) and 11 (timer C) belong to the caller.
 */
public final class RequestForwarding {
    private RequestForwarding() {
    }

    /**
     * The copy to send. The received request is not modified.
     *
     * @param received the received request after {@link RoutePreprocessing}; Max-Forwards must not be 0
     * @param target   the target and the routing to add
     * @param me       this proxy (the Via's sent-by)
     * @param branch   the branch of the Via to push (a fresh {@link ViaBranch#newBranch()} per client
     *                 transaction; the INVITE's branch for a CANCEL or a non-2xx ACK)
     */
    public static Request prepare(Request received, ForwardTarget target, ProxyIdentity me, String branch) {
        // 1. "The proxy starts with a copy of the received request. The copy MUST initially contain all
        //    of the header fields from the received request." clone() copies headers in order and the body.
        Request copy = (Request) received.clone();
        // 2. "The Request-URI in the copy's start line MUST be replaced with the URI for this target. If
        //    the URI contains any parameters not allowed in a Request-URI, they MUST be removed."
        copy.setRequestURI(requestUri(target.requestUri()));
        // 3. Max-Forwards: decrement, or add 70.
        MaxForwards.decrement(copy);
        // 4. Record-Route, topmost, with lr.
        target.recordRoute().ifPresent(uri -> RecordRoute.insert(copy, uri));
        // 6. Preloaded route ahead of existing values; then the strict-router format if the next hop needs it.
        RoutePostprocessing.pushRoutes(copy, target.preloadedRoute());
        RoutePostprocessing.formatForStrictRouter(copy);
        // 7. + 8. Via for the transport toward the next hop, with our branch.
        SipTransport transport = NextHop.transport(copy);
        ViaBranch.push(copy, me.host(), me.port(), transport, branch);
        return copy;
    }

    /**
     * RFC 3261 §19.1.1 Table 1: the {@code method} parameter and URI headers are not allowed in a
     * Request-URI (they belong to URIs used to build requests, e.g. in a Contact of a 3xx).
     */
    static URI requestUri(URI target) {
        URI uri = (URI) target.clone();
        if (uri instanceof SipURI sip) {
            sip.removeParameter("method");
            if (sip instanceof gov.nist.javax.sip.address.SipUri impl) {
                impl.removeHeaders();
            }
        }
        return uri;
    }
}
