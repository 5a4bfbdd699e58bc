package org.mediasec.sip.proxy;

import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.RecordRouteHeader;
import javax.sip.message.Request;

/** Record-Route insertion (RFC 3261 §16.6 step 4). */
public final class RecordRoute {
    private RecordRoute() {
    }

    /**
     * Inserts {@code uri} as the topmost Record-Route value. RFC 3261 §16.6 step 4: the proxy "MUST
     * insert a Record-Route header field value into the copy before any existing Record-Route header
     * field values, even if a Route header field is already present", and "This URI MUST contain an
     * lr parameter": one is added if missing.
     */
    public static void insert(Request copy, SipURI uri) {
        SipURI value = (SipURI) uri.clone();
        if (!value.hasLrParam()) {
            value.setLrParam();
        }
        RecordRouteHeader rr = SipHeaders.HEADERS.createRecordRouteHeader(SipHeaders.ADDRESSES.createAddress(value));
        try {
            copy.addFirst(rr);
        } catch (SipException e) {
            throw new IllegalStateException("cannot add Record-Route", e);
        }
    }

    /**
     * True for the methods that establish a dialog, which a proxy record-routes to stay on the path
     * of the dialog: INVITE (RFC 3261 §16.6 step 4: "INVITE is the only such request in this
     * specification"), SUBSCRIBE and REFER (RFC 6665, RFC 3515).
     */
    public static boolean createsDialog(String method) {
        return Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method) || Request.REFER.equals(method);
    }
}
