package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the session-level and the media-level builders share: the level's lines, kept in RFC 8866
 * order when added through these methods, and the generic and typed attribute writes.
 *
 * @param <B> the concrete builder, returned by every method so calls chain
 */
public abstract class SdpLevelBuilder<B extends SdpLevelBuilder<B>> {
    /** The lines of this level (for a media level, everything after the {@code m=} line). */
    protected final List<SdpLine> lines = new ArrayList<>();

    SdpLevelBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Replaces all lines of this level, kept in the given order. */
    public B lines(List<SdpLine> lines) {
        this.lines.clear();
        this.lines.addAll(lines);
        return self();
    }

    /** Appends a line at the end of this level, whatever its type (for verbatim copies). */
    public B appendLine(SdpLine line) {
        lines.add(Objects.requireNonNull(line, "line"));
        return self();
    }

    /** Adds a line at its RFC 8866 position (after existing lines of the same or an earlier kind). */
    public B addLine(SdpLine line) {
        LineList.insert(lines, Objects.requireNonNull(line, "line"));
        return self();
    }

    public B information(String text) {
        LineList.replace(lines, new TextLine('i', text));
        return self();
    }

    /** Sets the (single) {@code c=} line of this level. */
    public B connection(ConnectionData c) {
        LineList.replace(lines, c);
        return self();
    }

    public B removeConnection() {
        LineList.removeType(lines, 'c');
        return self();
    }

    public B addBandwidth(Bandwidth b) {
        LineList.insert(lines, b);
        return self();
    }

    /** Adds an attribute after the existing ones. */
    public B addAttribute(Attribute a) {
        LineList.insert(lines, a);
        return self();
    }

    public B addAttribute(String name, String value) {
        return addAttribute(new Attribute(name, value));
    }

    /** Adds a property attribute ({@code a=name}) unless one is already present. */
    public B flag(String name) {
        for (SdpLine l : lines) {
            if (l instanceof Attribute a && a.hasName(name)) {
                return self();
            }
        }
        return addAttribute(Attribute.flag(name));
    }

    /** Replaces the attributes of that name by this one (at the first one's position). */
    public B setAttribute(Attribute a) {
        LineList.replaceAttribute(lines, a);
        return self();
    }

    public B removeAttributes(String name) {
        LineList.removeAttributes(lines, name);
        return self();
    }

    /** Typed write: replaces every attribute of the type's name by one carrying {@code value}. */
    public <T> B set(AttributeType<T> type, T value) {
        return setAttribute(type.toAttribute(value));
    }

    /** Typed write: adds one more attribute of this type. */
    public <T> B add(AttributeType<T> type, T value) {
        return addAttribute(type.toAttribute(value));
    }

    /** Typed write: replaces all attributes of the type's name by one per value, in order. */
    public <T> B setAll(AttributeType<T> type, List<T> values) {
        List<Attribute> as = new ArrayList<>();
        for (T v : values) {
            as.add(type.toAttribute(v));
        }
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Attribute a && a.hasName(type.name())) {
                at = i;
                break;
            }
        }
        LineList.removeAttributes(lines, type.name());
        if (at >= 0) {
            lines.addAll(at, as);
        } else {
            as.forEach(a -> LineList.insert(lines, a));
        }
        return self();
    }

    public B remove(AttributeType<?> type) {
        return removeAttributes(type.name());
    }
}
