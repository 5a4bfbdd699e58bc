package org.mediasec.pcscf;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.sip.IncomingRequest;

/** An INVITE dialog {@code caller} established with {@code callee}: the INVITE and the 2xx it was acknowledged for. */
record Dialog(TestUa caller, TestUa callee, Request invite, Response ok) {

    /** The caller sends BYE; returns the BYE as the callee got it. */
    IncomingRequest hangUp() throws Exception {
        caller.send(caller.inDialog(Request.BYE, ok, invite));
        return callee.nextRequest(Request.BYE);
    }

    /** A new offer of the caller's in the dialog ({@code method}: a re-INVITE, or an UPDATE, RFC 3311), not sent. */
    Request newOffer(String method, String sdp) throws Exception {
        Request r = caller.inDialog(method, ok, invite);
        r.addHeader(caller.contact());
        r.setContent(sdp, caller.endpoint.headerFactory().createContentTypeHeader("application", "sdp"));
        return r;
    }
}
