package org.mediasec.sip.proxy;

import java.util.List;

import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/** Postprocessing of routing information on the copy to forward (RFC 3261 §16.6 step 6). */
public final class RoutePostprocessing {
    private RoutePostprocessing() {
    }

    /**
     * Pushes a route set (e.g. a stored RFC 3327 path vector) ahead of any existing Route values,
     * keeping its order. RFC 3261 §16.6 step 6: "This set MUST be pushed into the Route header field
     * of the copy ahead of any existing values, if present. If the Route header field is absent, it
     * MUST be added, containing that list of URIs." RFC 3327 §5.4: "the home proxy generates the
     * outgoing Route header field by inserting the stored path vector ahead of the Route header field
     * values contained in the incoming request."
     */
    public static void pushRoutes(Request copy, List<Address> routeSet) {
        for (int i = routeSet.size() - 1; i >= 0; i--) {
            RouteHeader route = SipHeaders.HEADERS.createRouteHeader((Address) routeSet.get(i).clone());
            try {
                copy.addFirst(route);
            } catch (SipException e) {
                throw new IllegalStateException("cannot add Route", e);
            }
        }
    }

    /**
     * Formats the copy for a strict-routing next hop. RFC 3261 §16.6 step 6: "If the copy contains a
     * Route header field, the proxy MUST inspect the URI in its first value. If that URI does not
     * contain an lr parameter, the proxy MUST modify the copy as follows: - The proxy MUST place the
     * Request-URI into the Route header field as the last value. - The proxy MUST then place the first
     * Route header field value into the Request-URI and remove that value from the Route header field."
     *
     * @return true if the copy was reformatted (the next hop is then taken from the Request-URI)
     */
    public static boolean formatForStrictRouter(Request copy) {
        RouteHeader first = (RouteHeader) copy.getHeader(RouteHeader.NAME);
        if (first == null || isLooseRouter(first)) {
            return false;
        }
        try {
            copy.addLast(SipHeaders.HEADERS.createRouteHeader(SipHeaders.ADDRESSES.createAddress(copy.getRequestURI())));
        } catch (SipException e) {
            throw new IllegalStateException("cannot add Route", e);
        }
        copy.setRequestURI(first.getAddress().getURI());
        copy.removeFirst(RouteHeader.NAME);
        return true;
    }

    static boolean isLooseRouter(RouteHeader route) {
        return route.getAddress().getURI() instanceof SipURI sip && sip.hasLrParam();
    }
}
