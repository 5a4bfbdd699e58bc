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
    public static final class Builder extends SdpLevelBuilder<Builder> {
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

        public Builder addTiming(Timing t) {
            LineList.insert(lines, t);
            return this;
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
