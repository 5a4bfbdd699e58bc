package org.mediasec.sip;

import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/**
 * Receives what arrives at a {@link SipEndpoint}. Called one event at a time on the stack's event
 * thread (JAIN-SIP {@code REENTRANT_LISTENER=false}); do not block in it. A {@link RuntimeException}
 * from {@link #onRequest} is logged and answered with 500 if no response was sent yet.
 */
public interface SipEndpointListener {

    /** A new request (retransmissions are absorbed by the stack once a server transaction exists). */
    void onRequest(IncomingRequest request);

    /** A response to a request sent with {@link SipEndpoint#send(javax.sip.message.Request)}. */
    default void onResponse(ResponseEvent event) {
    }

    /** A client transaction timed out (RFC 3261 timer B or F) or a server transaction's retransmissions ended. */
    default void onTimeout(TimeoutEvent event) {
    }

    /** The stack could not send to a peer (connection refused, ...). */
    default void onIoException(IOExceptionEvent event) {
    }
}
