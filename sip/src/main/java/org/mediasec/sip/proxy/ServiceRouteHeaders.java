package org.mediasec.sip.proxy;

import java.util.List;

import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.message.Message;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.ims.ServiceRouteHeader;

/**
 * The RFC 3608 {@code Service-Route} header: the registrar's route for requests a registered UA
 * originates, which a P-CSCF learns from the 200 to REGISTER and preloads on the UA's initial requests.
 */
public final class ServiceRouteHeaders {
    /** The header name. */
    public static final String NAME = ServiceRouteHeader.NAME;

    private ServiceRouteHeaders() {
    }

    /**
     * The service route of a REGISTER response, in order. RFC 3608 §6.1: the UA "uses the content of the
     * Service-Route header field as a preloaded Route header field in outgoing initial requests. The UA
     * MUST preserve the order, in case there is more than one Service-Route header field or header field value."
     */
    public static List<Address> routeSet(Message message) {
        return PathHeaders.addresses(message, NAME);
    }

    /**
     * Appends {@code uri} (with {@code lr}) to the Service-Route of a 200 to REGISTER. RFC 3608 §6.3: "When
     * a registrar receives a successful REGISTER request, it MAY choose to return one or more
     * Service-Route header field(s) in the 200 class response." The values are loose routes, pushed later
     * as a preloaded Route set (RFC 3261 §16.6 step 6: "A proxy MUST ensure that all such proxies are loose routers").
     */
    public static void add(Response ok, SipURI uri) {
        SipURI value = (SipURI) uri.clone();
        if (!value.hasLrParam()) {
            value.setLrParam();
        }
        try {
            ok.addLast(SipHeaders.HEADERS.createServiceRouteHeader(SipHeaders.ADDRESSES.createAddress(value)));
        } catch (SipException e) {
            throw new IllegalStateException("cannot add Service-Route", e);
        }
    }
}
