package org.mediasec.sip;

import org.mediasec.common.ProtocolException;

/** A SIP stack operation failed: binding, creating a transaction, sending. Wraps the JAIN-SIP checked exceptions. */
public class SipEndpointException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public SipEndpointException(String message) {
        super(message);
    }

    public SipEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
