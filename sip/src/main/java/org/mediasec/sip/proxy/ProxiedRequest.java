package org.mediasec.sip.proxy;

import java.util.Objects;

import javax.sip.message.Request;

import org.mediasec.sip.IncomingRequest;

/**
 * A request a {@link StatefulProxy} accepted for routing: the incoming request (for its server
 * transaction) and the proxy's working copy after RFC 3261 §16.4 preprocessing, on which the
 * routing decision is taken. The copy is the proxy's; do not change it after {@link StatefulProxy#forward}.
 *
 * @param incoming the request as received, with its server transaction
 * @param request  the working copy: our Route removed, a strict-routed Request-URI restored
 * @param routing  what preprocessing changed
 */
public record ProxiedRequest(IncomingRequest incoming, Request request, RoutePreprocessing.Outcome routing) {
    public ProxiedRequest {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(routing, "routing");
    }

    public String method() {
        return request.getMethod();
    }

    /** True if Route values remain after preprocessing (a loose-routed or in-dialog request: route on them). */
    public boolean hasRoute() {
        return request.getHeader(javax.sip.header.RouteHeader.NAME) != null;
    }
}
