package org.mediasec.common;

/**
 * A protocol-level failure of one of our stacks (not a wire-input parse problem: decoders report
 * those as values). Protocol modules subclass it to carry their wire code.
 */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
