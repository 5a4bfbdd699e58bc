package org.mediasec.lab;

/** The lab cannot run: a missing tool, a busy port, a network function that did not start. The message says what to do. */
public final class LabException extends Exception {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
