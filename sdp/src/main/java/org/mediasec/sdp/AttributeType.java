package org.mediasec.sdp;

import java.util.Objects;
import java.util.function.Function;

/**
 * The typed view of one attribute name: parses the generic {@link Attribute} value into {@code T}
 * and formats {@code T} back. Instances live in {@link SdpAttributes}. Read with
 * {@link SdpLevel#get(AttributeType)} / {@link SdpLevel#getAll(AttributeType)}, write with the
 * builders' {@code set} / {@code add}.
 *
 * @param <T> the typed value
 */
public interface AttributeType<T> {
    /** The attribute name as written on output (lookups ignore case). */
    String name();

    /**
     * Parses a value ({@code null} for a property attribute).
     *
     * @throws SdpAttributeException when the value does not follow the attribute's syntax
     */
    T parse(String value);

    /** The wire value for {@code value}; {@code null} means a property attribute ({@code a=name}). */
    String format(T value);

    /** Parses {@code attribute}, which must carry this type's name. */
    default T read(Attribute attribute) {
        if (!attribute.hasName(name())) {
            throw new IllegalArgumentException("attribute " + attribute.name() + " is not a=" + name());
        }
        return parse(attribute.value());
    }

    /** The generic attribute for {@code value}. */
    default Attribute toAttribute(T value) {
        Objects.requireNonNull(value, "value");
        return new Attribute(name(), format(value));
    }

    /**
     * An attribute type from two functions. The parser receives the value ({@code null} for a
     * property attribute) and reports bad syntax with an {@link IllegalArgumentException} whose
     * message is the reason; it is rethrown as an {@link SdpAttributeException}.
     */
    static <T> AttributeType<T> of(String name, Function<String, T> parser, Function<T, String> formatter) {
        return new Simple<>(name, parser, formatter);
    }

    /** Implementation of {@link #of}. */
    record Simple<T>(String name, Function<String, T> parser, Function<T, String> formatter) implements AttributeType<T> {
        public Simple {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parser, "parser");
            Objects.requireNonNull(formatter, "formatter");
        }

        @Override
        public T parse(String value) {
            try {
                T t = parser.apply(value);
                if (t == null) {
                    throw new SdpAttributeException(name, value, "no value");
                }
                return t;
            } catch (SdpAttributeException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SdpAttributeException(name, value, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        @Override
        public String format(T value) {
            return formatter.apply(value);
        }

        @Override
        public String toString() {
            return "a=" + name;
        }
    }
}
