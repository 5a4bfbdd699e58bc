package org.mediasec.sdp;

import java.util.Locale;

/**
 * A generic {@code a=} line (RFC 8866 §5.13), kept verbatim: {@code a=<name>} (a property
 * attribute, {@code value == null}) or {@code a=<name>:<value>} ({@code value} may be empty).
 * Typed views over the value are read and written through {@link AttributeType}s
 * ({@link SdpAttributes}); reading a malformed value throws {@link SdpAttributeException} and leaves
 * this record as it is, so a round trip still gives back the original text.
 *
 * @param name  the attribute name (att-field), without the colon
 * @param value the attribute value (att-value), or {@code null} for a property attribute
 */
public record Attribute(String name, String value) implements SdpLine {
    public Attribute {
        LineList.checkText(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: empty");
        }
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("name: contains ':': \"" + name + "\"");
        }
        if (value != null) {
            LineList.checkText(value, "value");
        }
    }

    /** A property attribute such as {@code a=msrp-cema} or {@code a=sendonly}. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** {@code a=<name>:<value>}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    /** True for a property attribute (no colon). */
    public boolean isFlag() {
        return value == null;
    }

    /** Attribute names compare ignoring ASCII case ({@code T38FaxVersion} vs {@code t38faxversion} in the field). */
    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** Lower-case name, for maps. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public char type() {
        return 'a';
    }

    /** {@code name} or {@code name:value}. */
    @Override
    public String text() {
        return value == null ? name : name + ':' + value;
    }

    @Override
    public String line() {
        return "a=" + text();
    }

    @Override
    public String toString() {
        return line();
    }
}
