package org.mediasec.sip.secagree;

/**
 * A security-agreement header value that does not follow RFC 3329 §2.2, thrown by the parsing
 * methods meant for local input ({@link SecurityHeaderParser#parse}). Wire input goes through
 * {@link SecurityHeaderParser#decode}, which reports the same problems as values.
 */
public final class SecurityHeaderParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient SecurityHeaderDecodeResult.Error error;

    public SecurityHeaderParseException(SecurityHeaderDecodeResult.Error error) {
        super(error.toString());
        this.error = error;
    }

    public SecurityHeaderDecodeResult.Error error() {
        return error;
    }
}
