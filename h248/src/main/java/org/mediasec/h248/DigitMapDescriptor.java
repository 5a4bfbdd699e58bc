package org.mediasec.h248;

/**
 * DigitMap descriptor (H.248.1 §7.1.14): {@code DigitMap = name}, {@code DigitMap { value }} or
 * {@code DigitMap = name { value }}; both null is the bare {@code DigitMap} of an audit reply.
 * The value (timers and digit map body) is kept as written, without surrounding white space.
 */
public record DigitMapDescriptor(String name, String value) implements Descriptor {
    public DigitMapDescriptor {
        if (name != null && !Names.isSafeChars(name)) {
            throw new IllegalArgumentException("digit map name: \"" + name + "\"");
        }
        if (value != null) {
            if (value.isEmpty() || !value.strip().equals(value)) {
                throw new IllegalArgumentException("digit map value: empty or surrounded by white space");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '{' || c == '}' || c == '"' || c == ';' || c == 0 || c > 0xFF) {
                    throw new IllegalArgumentException("digit map value: illegal character at " + i);
                }
            }
        }
    }

    public static final DigitMapDescriptor EMPTY = new DigitMapDescriptor(null, null);

    public boolean isEmpty() {
        return name == null && value == null;
    }

    /** The value without any white space: a layout-insensitive view for comparing with other codecs. */
    public String compactValue() {
        return value == null ? null : value.replaceAll("\\s+", "");
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.DIGIT_MAP;
    }
}
