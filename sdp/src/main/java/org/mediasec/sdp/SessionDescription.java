package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): the session-level lines in wire order and the media
 * descriptions. Parse with {@link SdpParser}, write with {@link SdpWriter}; a parsed description
 * writes back byte-exact (with CRLF line ends).
 *
 * @param lines the session-level lines ({@code v=} through the last session {@code a=}), in order
 * @param media the media descriptions, in order
 */
public record SessionDescription(List<SdpLine> lines, List<MediaDescription> media) implements SdpLevel {
    public SessionDescription {
        lines = List.copyOf(lines);
        media = List.copyOf(media);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with {@code v=0}, the origin, {@code s=-} and {@code t=0 0}. */
    public static Builder builder(Origin origin) {
        return new Builder().version(0).origin(origin).sessionName("-").addTiming(Timing.UNBOUNDED);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code v=}. */
    public Optional<String> version() {
        return text('v');
    }

    /** {@code o=}. */
    public Optional<Origin> origin() {
        for (SdpLine l : lines) {
            if (l instanceof Origin o) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** {@code s=}. */
    public Optional<String> sessionName() {
        return text('s');
    }

    /** {@code t=} lines. */
    public List<Timing> timings() {
        List<Timing> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l instanceof Timing t) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The connection data that applies to a media description: its own {@code c=} line, else the
     * session's (RFC 8866 §5.7).
     */
    public Optional<ConnectionData> connectionFor(MediaDescription m) {
        Optional<ConnectionData> c = m.connection();
        return c.isPresent() ? c : connection();
    }

    /**
     * An attribute type read at media level with fallback to session level, for attributes that
     * may appear at either ({@code fingerprint}, {@code setup}): all values of the media level if
     * any, else those of the session level (RFC 8122 §5: media-level values override).
     */
    public <T> List<T> getAll(MediaDescription m, AttributeType<T> type) {
        List<T> own = m.getAll(type);
        return own.isEmpty() ? getAll(type) : own;
    }

    /** Like {@link #getAll(MediaDescription, AttributeType)}, the first value. */
    public <T> Optional<T> get(MediaDescription m, AttributeType<T> type) {
        Optional<T> own = m.get(type);
        return own.isPresent() ? own : get(type);
    }

    @Override
    public String toString() {
        return SdpWriter.write(this);
    }

    /** Builder; lines added through it land in RFC 8866 order. */
    public static final class Builder {
        private final List<SdpLine> lines = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        Builder() {
        }

        Builder(SessionDescription s) {
            lines.addAll(s.lines);
            media.addAll(s.media);
        }

        public Builder version(int version) {
            LineList.replace(lines, new TextLine('v', Integer.toString(version)));
            return this;
        }

        public Builder origin(Origin origin) {
            LineList.replace(lines, origin);
            return this;
        }

        public Builder sessionName(String name) {
            LineList.replace(lines, new TextLine('s', name));
            return this;
        }

        public Builder information(String text) {
            LineList.replace(lines, new TextLine('i', text));
            return this;
        }

        /** Sets the (single) session-level {@code c=} line. */
        public Builder connection(ConnectionData c) {
            LineList.replace(lines, c);
            return this;
        }

        public Builder removeConnection() {
            LineList.removeType(lines, 'c');
            return this;
        }

        public Builder addBandwidth(Bandwidth b) {
            LineList.insert(lines, b);
            return this;
        }

        public Builder addTiming(Timing t) {
            LineList.insert(lines, t);
            return this;
        }

        /** Replaces all lines of the session level, kept in the given order. */
        public Builder lines(List<SdpLine> lines) {
            this.lines.clear();
            this.lines.addAll(lines);
            return this;
        }

        /** Appends a line at the end of the session level, whatever its type (for verbatim copies). */
        public Builder appendLine(SdpLine line) {
            lines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** Adds a line at its RFC 8866 position. */
        public Builder addLine(SdpLine line) {
            LineList.insert(lines, Objects.requireNonNull(line, "line"));
            return this;
        }

        public Builder addAttribute(Attribute a) {
            LineList.insert(lines, a);
            return this;
        }

        public Builder addAttribute(String name, String value) {
            return addAttribute(new Attribute(name, value));
        }

        public Builder flag(String name) {
            for (SdpLine l : lines) {
                if (l instanceof Attribute a && a.hasName(name)) {
                    return this;
                }
            }
            return addAttribute(Attribute.flag(name));
        }

        public Builder setAttribute(Attribute a) {
            LineList.replaceAttribute(lines, a);
            return this;
        }

        public Builder removeAttributes(String name) {
            LineList.removeAttributes(lines, name);
            return this;
        }

        /** Typed write: replaces every attribute of the type's name by one carrying {@code value}. */
        public <T> Builder set(AttributeType<T> type, T value) {
            return setAttribute(type.toAttribute(value));
        }

        /** Typed write: adds one more attribute of this type. */
        public <T> Builder add(AttributeType<T> type, T value) {
            return addAttribute(type.toAttribute(value));
        }

        public Builder remove(AttributeType<?> type) {
            return removeAttributes(type.name());
        }

        public Builder addMedia(MediaDescription m) {
            media.add(Objects.requireNonNull(m, "media"));
            return this;
        }

        /** Replaces media description {@code index}. */
        public Builder setMedia(int index, MediaDescription m) {
            media.set(index, Objects.requireNonNull(m, "media"));
            return this;
        }

        /** Replaces all media descriptions. */
        public Builder media(List<MediaDescription> media) {
            this.media.clear();
            this.media.addAll(media);
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(lines, media);
        }
    }
}
