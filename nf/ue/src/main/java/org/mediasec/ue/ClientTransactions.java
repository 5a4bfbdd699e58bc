package org.mediasec.ue;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;

/**
 * Sends requests with a handler attached to their client transaction (as its application data, set
 * before the request leaves, so no response can overtake it); the UE's SIP listener hands each
 * response and timeout to the handler of its transaction.
 */
final class ClientTransactions {

    /** What to do with the responses to one request. Called on the SIP event thread. */
    interface Handler {
        void response(ResponseEvent event);

        /** Timer B/F fired, or the request could not be sent. */
        void failed(String reason);
    }

    private final SipProvider provider;

    ClientTransactions(SipProvider provider) {
        this.provider = provider;
    }

    /** Sends an out-of-dialog request (or an INVITE that creates a dialog). */
    ClientTransaction send(Request request, Handler handler) {
        try {
            ClientTransaction ct = provider.getNewClientTransaction(request);
            ct.setApplicationData(handler);
            ct.sendRequest();
            return ct;
        } catch (SipException e) {
            throw new UeException("cannot send " + request.getMethod() + " " + request.getRequestURI() + ": " + e.getMessage(), e);
        }
    }

    /** Sends a request inside {@code dialog} (BYE). */
    ClientTransaction send(Dialog dialog, Request request, Handler handler) {
        try {
            ClientTransaction ct = provider.getNewClientTransaction(request);
            ct.setApplicationData(handler);
            dialog.sendRequest(ct);
            return ct;
        } catch (SipException e) {
            throw new UeException("cannot send " + request.getMethod() + " in dialog " + dialog.getCallId().getCallId()
                    + ": " + e.getMessage(), e);
        }
    }
}
