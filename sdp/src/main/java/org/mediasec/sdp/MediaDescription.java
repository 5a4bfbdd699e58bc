package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A media description (RFC 8866 §5.14): the {@code m=} line and the lines that follow it up to the
 * next {@code m=} line, in wire order.
 *
 * <pre>m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...</pre>
 *
 * @param media         media type ({@code audio}, {@code message}, {@code application}, {@code image}, ...)
 * @param port          0..65535, or {@link #PORT_CHOOSE} ({@code $}) / {@link #PORT_WILDCARD}
 *                      ({@code -}) in H.248 descriptors; port 0 rejects or disables the stream
 * @param numberOfPorts the {@code /n} suffix, 0 when absent
 * @param proto         transport protocol
 * @param formats       format list ({@code *} for MSRP and BFCP, {@code t38} for T.38, payload types for RTP)
 * @param lines         the lines after the {@code m=} line
 */
public record MediaDescription(String media, int port, int numberOfPorts, Proto proto, List<String> formats,
                               List<SdpLine> lines) implements SdpLevel {
    /** H.248 "choose" port {@code $}: the gateway selects it. */
    public static final int PORT_CHOOSE = -1;
    /** H.248 wildcard port {@code -}. */
    public static final int PORT_WILDCARD = -2;

    public MediaDescription {
        LineList.checkWord(media, "media");
        if (port < PORT_WILDCARD || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, PORT_CHOOSE or PORT_WILDCARD)");
        }
        if (numberOfPorts < 0) {
            throw new IllegalArgumentException("numberOfPorts: " + numberOfPorts + " (expected: >= 0, 0 for absent)");
        }
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        for (String f : formats) {
            LineList.checkWord(f, "format");
        }
        lines = List.copyOf(lines);
        for (SdpLine l : lines) {
            if (l.type() == 'm') {
                throw new IllegalArgumentException("lines: an m= line cannot be inside a media description");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder for {@code m=<media> <port> <proto> <formats...>}. */
    public static Builder builder(String media, int port, Proto proto, String... formats) {
        return new Builder().media(media).port(port).proto(proto).formats(List.of(formats));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when the port is 0: the stream is rejected or disabled (RFC 3264 §6, §8.2). */
    public boolean isRejected() {
        return port == 0;
    }

    /** The port as written: digits, {@code $} or {@code -}. */
    public String portText() {
        return port == PORT_CHOOSE ? "$" : port == PORT_WILDCARD ? "-" : Integer.toString(port);
    }

    /** The text after {@code "m="}. */
    public String mediaLineText() {
        StringBuilder sb = new StringBuilder(media).append(' ').append(portText());
        if (numberOfPorts > 0) {
            sb.append('/').append(numberOfPorts);
        }
        sb.append(' ').append(proto.name());
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    /** The media description with port 0, as an answer rejects it (RFC 3264 §6); other lines kept. */
    public MediaDescription rejected() {
        return toBuilder().port(0).numberOfPorts(0).build();
    }

    @Override
    public String toString() {
        return "m=" + mediaLineText() + " " + lines;
    }

    /** Builder; lines added through it land in RFC 8866 order. */
    public static final class Builder extends SdpLevelBuilder<Builder> {
        private String media;
        private int port;
        private int numberOfPorts;
        private Proto proto;
        private final List<String> formats = new ArrayList<>();

        Builder() {
        }

        Builder(MediaDescription m) {
            media = m.media;
            port = m.port;
            numberOfPorts = m.numberOfPorts;
            proto = m.proto;
            formats.addAll(m.formats);
            lines.addAll(m.lines);
        }

        public Builder media(String media) {
            this.media = media;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder numberOfPorts(int numberOfPorts) {
            this.numberOfPorts = numberOfPorts;
            return this;
        }

        public Builder proto(Proto proto) {
            this.proto = proto;
            return this;
        }

        /** Replaces the format list. */
        public Builder formats(List<String> formats) {
            this.formats.clear();
            this.formats.addAll(formats);
            return this;
        }

        public Builder addFormat(String format) {
            formats.add(format);
            return this;
        }

        public MediaDescription build() {
            if (media == null || proto == null) {
                throw new IllegalStateException("media and proto are required");
            }
            return new MediaDescription(media, port, numberOfPorts, proto, formats, lines);
        }
    }
}
