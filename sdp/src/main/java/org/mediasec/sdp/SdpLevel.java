package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the session level and each media level have in common: an ordered list of lines, with
 * typed look-ups over it. Attribute names compare ignoring ASCII case.
 */
public interface SdpLevel {
    /** All lines of this level in wire order (for a media level, without the {@code m=} line). */
    List<SdpLine> lines();

    /** All {@code a=} lines in order. */
    default List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>();
        for (SdpLine l : lines()) {
            if (l instanceof Attribute a) {
                out.add(a);
            }
        }
        return out;
    }

    /** The {@code a=} lines with this name, in order. */
    default List<Attribute> attributes(String name) {
        List<Attribute> out = new ArrayList<>();
        for (SdpLine l : lines()) {
            if (l instanceof Attribute a && a.hasName(name)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The first {@code a=} line with this name. */
    default Optional<Attribute> attribute(String name) {
        for (SdpLine l : lines()) {
            if (l instanceof Attribute a && a.hasName(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** True when an {@code a=} line with this name is present (with or without a value). */
    default boolean has(String name) {
        return attribute(name).isPresent();
    }

    /** True when an {@code a=} line of this type is present. */
    default boolean has(AttributeType<?> type) {
        return has(type.name());
    }

    /**
     * The first attribute of this type, parsed.
     *
     * @throws SdpAttributeException when its value is malformed
     */
    default <T> Optional<T> get(AttributeType<T> type) {
        return attribute(type.name()).map(type::read);
    }

    /**
     * Every attribute of this type, parsed, in order.
     *
     * @throws SdpAttributeException when one of the values is malformed
     */
    default <T> List<T> getAll(AttributeType<T> type) {
        List<T> out = new ArrayList<>();
        for (Attribute a : attributes(type.name())) {
            out.add(type.read(a));
        }
        return out;
    }

    /** The first {@code c=} line of this level. */
    default Optional<ConnectionData> connection() {
        for (SdpLine l : lines()) {
            if (l instanceof ConnectionData c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The {@code b=} lines of this level. */
    default List<Bandwidth> bandwidths() {
        List<Bandwidth> out = new ArrayList<>();
        for (SdpLine l : lines()) {
            if (l instanceof Bandwidth b) {
                out.add(b);
            }
        }
        return out;
    }

    /** The value of the first text line of this type letter ({@code i}, {@code k}, ...). */
    default Optional<String> text(char type) {
        for (SdpLine l : lines()) {
            if (l.type() == type) {
                return Optional.of(l.text());
            }
        }
        return Optional.empty();
    }

    /** The {@code i=} line. */
    default Optional<String> information() {
        return text('i');
    }
}
