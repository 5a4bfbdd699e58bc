package org.mediasec.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Route information preprocessing of a received request (RFC 3261 §16.4), in place. Apply it to the
 * proxy's copy before deciding targets. maddr handling is not implemented.
 */
public final class RoutePreprocessing {

    /** What {@link #apply} changed. */
    public enum Outcome {
        /** Nothing: neither a strict-routed Request-URI nor our own Route value. */
        UNCHANGED,
        /** The topmost Route named this proxy and was removed. */
        OWN_ROUTE_REMOVED,
        /** The Request-URI was our Record-Route value (the sender is a strict router); it was restored from the last Route. */
        STRICT_ROUTE_RESTORED,
        /** Both: the Request-URI was restored, then our topmost Route removed. */
        STRICT_ROUTE_RESTORED_AND_OWN_ROUTE_REMOVED
    }

    private RoutePreprocessing() {
    }

    /**
     * RFC 3261 §16.4: "If the Request-URI of the request contains a value this proxy previously placed
     * into a Record-Route header field (see Section 16.6 item 4), the proxy MUST replace the
     * Request-URI in the request with the last value from the Route header field, and remove that
     * value from the Route header field." and "If the first value in the Route header field indicates
     * this proxy, the proxy MUST remove that value from the request."
     */
    public static Outcome apply(Request request, ProxyIdentity me) {
        boolean restored = false;
        List<RouteHeader> routes = routes(request);
        if (me.isRecordRouteValue(request.getRequestURI()) && !routes.isEmpty()) {
            RouteHeader last = routes.get(routes.size() - 1);
            request.setRequestURI(last.getAddress().getURI());
            request.removeLast(RouteHeader.NAME);
            restored = true;
        }
        // RFC 5658 §5 (double Record-Routing, one entry per interface or transport): "implementors can
        // choose that a proxy MAY remove two Route headers instead of one when using the double
        // Record-Routing"; consecutive entries naming this proxy are removed together (no spiral).
        boolean removed = false;
        RouteHeader first = (RouteHeader) request.getHeader(RouteHeader.NAME);
        while (first != null && me.isThisProxy(first.getAddress().getURI())) {
            request.removeFirst(RouteHeader.NAME);
            removed = true;
            first = (RouteHeader) request.getHeader(RouteHeader.NAME);
        }
        if (restored) {
            return removed ? Outcome.STRICT_ROUTE_RESTORED_AND_OWN_ROUTE_REMOVED : Outcome.STRICT_ROUTE_RESTORED;
        }
        return removed ? Outcome.OWN_ROUTE_REMOVED : Outcome.UNCHANGED;
    }

    /** The Route values of {@code request}, topmost first. */
    public static List<RouteHeader> routes(Request request) {
        List<RouteHeader> out = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(RouteHeader.NAME);
        while (it != null && it.hasNext()) {
            out.add((RouteHeader) it.next());
        }
        return out;
    }
}
