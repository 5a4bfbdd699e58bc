package org.mediasec.transport;

import org.mediasec.common.ProtocolException;

/** The TPKT framing of a TCP stream is lost (bad version or length); the connection is closed. */
public final class TpktFramingException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public TpktFramingException(String message) {
        super(message);
    }
}
