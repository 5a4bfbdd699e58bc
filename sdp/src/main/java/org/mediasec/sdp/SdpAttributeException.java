package org.mediasec.sdp;

/**
 * A typed read of an attribute whose value does not follow its RFC syntax, e.g.
 * {@code a=setup:sideways}. The generic {@link Attribute} is not affected: the description still
 * writes back byte-exact.
 */
public final class SdpAttributeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String attributeName;
    private final String value;
    private final String reason;

    public SdpAttributeException(String attributeName, String value, String reason) {
        super("a=" + attributeName + (value == null ? "" : ":" + value) + ": " + reason);
        this.attributeName = attributeName;
        this.value = value;
        this.reason = reason;
    }

    public String attributeName() {
        return attributeName;
    }

    /** The offending value, {@code null} for a property attribute. */
    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }
}
