package org.mediasec.ue;

/** A UE operation failed: a rejected REGISTER or INVITE, an MSRP session that could not be set up or verified. */
public class UeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UeException(String message) {
        super(message);
    }

    public UeException(String message, Throwable cause) {
        super(message, cause);
    }
}
