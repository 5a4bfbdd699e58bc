package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mediasec.common.Checks;

/**
 * Parses SDP text (RFC 8866) into a {@link SessionDescription}, keeping every line (unknown
 * attributes and unknown type letters included) verbatim and in order, so that
 * {@code SdpWriter.write(SdpParser.parse(text))} gives back {@code text} for any valid CRLF SDP.
 * LF-only line ends are accepted (output is always CRLF).
 *
 * <p>Never throws anything but {@link SdpParseException} on any input text (a {@code null}
 * argument is a programming error and throws {@link NullPointerException}).
 *
 * <p>What {@link Mode#STRICT} checks: the first three lines are {@code v=0}, {@code o=} and
 * {@code s=}; at least one {@code t=} before the first {@code m=}; the syntax of {@code o=},
 * {@code c=}, {@code b=}, {@code t=}, {@code m=} and {@code a=} names; no session-only line
 * ({@code v o s u e p t r z}) inside a media description; no empty line; no second {@code v=},
 * {@code o=}, {@code s=}, {@code i=} or {@code c=} at session level, no second {@code i=} in a media
 * description (several {@code c=} lines in a media description are allowed, RFC 8866 §9). The presence of {@code c=} is not checked.
 */
public final class SdpParser {
    /** How strictly to read. */
    public enum Mode {
        /** RFC 8866 as written (the default). */
        STRICT,
        /**
         * SDP inside H.248 Local/Remote descriptors (H.248.1 §7.1.8, Annex C): {@code $} ("choose")
         * and {@code -} (wildcard) values in ports, addresses and origin fields; {@code v=}, {@code o=},
         * {@code s=}, {@code t=} may be missing; an m-line may have no format; any line order;
         * leading white space (indentation) and blank lines are ignored; an empty text gives an empty
         * description.
         */
        H248
    }

    private SdpParser() {
    }

    /** Parses in {@link Mode#STRICT}. */
    public static SessionDescription parse(String text) {
        return parse(text, Mode.STRICT);
    }

    public static SessionDescription parse(String text, Mode mode) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        return new Run(mode == Mode.STRICT).parse(text);
    }

    /** One parse. */
    private static final class Run {
        private final boolean strict;
        private final List<SdpLine> session = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaDescription.Builder current;
        private int lineNo;
        private int contentLines;
        private String line;
        private boolean sawTiming;
        private boolean mediaHasI;

        Run(boolean strict) {
            this.strict = strict;
        }

        SessionDescription parse(String text) {
            int pos = 0;
            int n = text.length();
            while (pos < n) {
                int nl = text.indexOf('\n', pos);
                int end = nl < 0 ? n : nl;
                String raw = text.substring(pos, end);
                pos = nl < 0 ? n : nl + 1;
                lineNo++;
                if (raw.endsWith("\r")) {
                    raw = raw.substring(0, raw.length() - 1);
                }
                line = raw;
                if (raw.indexOf('\r') >= 0) {
                    throw error("CR not followed by LF");
                }
                if (!strict) {
                    raw = stripLeading(raw);
                    if (raw.isBlank()) {
                        continue;
                    }
                }
                one(raw);
            }
            flushMedia();
            if (strict) {
                line = null;
                if (contentLines == 0) {
                    lineNo = 1;
                    throw error("empty session description (expected v=0)");
                }
                if (contentLines < 3) {
                    lineNo++;
                    throw error(contentLines == 1 ? "missing o= line" : "missing s= line");
                }
                if (!sawTiming) {
                    lineNo++;
                    throw error("missing t= line at session level");
                }
            }
            return new SessionDescription(session, media);
        }

        private static String stripLeading(String s) {
            int i = 0;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            return s.substring(i);
        }

        private SdpParseException error(String reason) {
            return new SdpParseException(lineNo, line, reason);
        }

        private void one(String raw) {
            if (raw.isEmpty()) {
                throw error("empty line");
            }
            if (raw.indexOf(0) >= 0) {
                throw error("NUL character");
            }
            if (raw.length() < 2 || raw.charAt(1) != '=') {
                throw error("expected <type>=<value>");
            }
            char type = raw.charAt(0);
            if (type < 'a' || type > 'z') {
                throw error("type '" + type + "' is not a lower-case letter");
            }
            String value = raw.substring(2);
            contentLines++;
            if (strict) {
                checkOrder(type, value);
            }
            if (type == 'm') {
                flushMedia();
                current = mediaLine(value);
                return;
            }
            SdpLine parsed;
            try {
                parsed = switch (type) {
                    case 'o' -> origin(value);
                    case 'c' -> connection(value);
                    case 'b' -> bandwidth(value);
                    case 't' -> timing(value);
                    case 'a' -> attribute(value);
                    default -> new TextLine(type, value);
                };
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            if (type == 't' && current == null) {
                sawTiming = true;
            }
            if (current != null) {
                current.appendLine(parsed);
            } else {
                session.add(parsed);
            }
        }

        private void checkOrder(char type, String value) {
            if (contentLines == 1) {
                if (type != 'v') {
                    throw error("first line must be v=");
                }
                if (!value.equals("0")) {
                    throw error("unsupported version \"" + value + "\" (expected: 0)");
                }
                return;
            }
            if (contentLines == 2 && type != 'o') {
                throw error("second line must be o=");
            }
            if (contentLines == 3 && type != 's') {
                throw error("third line must be s=");
            }
            if (current != null || type == 'm') {
                if (type == 'm' && !sawTiming && current == null) {
                    throw error("missing t= line before the first m= line");
                }
                if ("vosueptrz".indexOf(type) >= 0) {
                    throw error(type + "= is not allowed in a media description");
                }
                // RFC 8866 §9: media-description = media-field [information-field] *connection-field ...
                if (type == 'i' && current != null) {
                    if (mediaHasI) {
                        throw error("second i= line in a media description");
                    }
                    mediaHasI = true;
                }
                return;
            }
            if ("vosic".indexOf(type) >= 0) {
                for (SdpLine l : session) {
                    if (l.type() == type) {
                        throw error("second " + type + "= line at session level");
                    }
                }
            }
            if (type == 'r' && (session.isEmpty() || "tr".indexOf(session.get(session.size() - 1).type()) < 0)) {
                throw error("r= must follow a t= line");
            }
        }

        private void flushMedia() {
            if (current != null) {
                media.add(current.build());
                current = null;
            }
            mediaHasI = false;
        }

        private String[] words(String value, int min, int max, String what) {
            String[] w = value.split(" ", -1);
            for (int i = 0; i < w.length; i++) {
                if (w[i].isEmpty()) {
                    throw error(what + ": empty field " + (i + 1) + " (fields are separated by one space)");
                }
            }
            if (w.length < min || w.length > max) {
                throw error(what + ": expected " + (max == Integer.MAX_VALUE ? "at least " + min : min == max
                        ? Integer.toString(min) : min + ".." + max) + " space-separated fields, got " + w.length);
            }
            return w;
        }

        private boolean isH248Special(String s) {
            return !strict && (s.equals("$") || s.equals("-"));
        }

        private Origin origin(String value) {
            String[] w = words(value, 6, 6, "o=");
            if (!isH248Special(w[1])) {
                digits(w[1], "o= sess-id");
            }
            if (!isH248Special(w[2])) {
                digits(w[2], "o= sess-version");
            }
            if (strict) {
                token(w[3], "o= nettype");
                token(w[4], "o= addrtype");
            }
            return new Origin(w[0], w[1], w[2], w[3], w[4], w[5]);
        }

        private ConnectionData connection(String value) {
            String[] w = words(value, 3, 3, "c=");
            if (strict) {
                token(w[0], "c= nettype");
                token(w[1], "c= addrtype");
                if (w[2].equals("$") || w[2].equals("-")) {
                    throw error("c= address \"" + w[2] + "\" is only allowed in H.248 mode");
                }
            }
            return new ConnectionData(w[0], w[1], w[2]);
        }

        private Bandwidth bandwidth(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                throw error("b=: expected <bwtype>:<bandwidth>");
            }
            String bwtype = value.substring(0, colon);
            token(bwtype, "b= bwtype");
            return new Bandwidth(bwtype, number(value.substring(colon + 1), "b= bandwidth"));
        }

        private Timing timing(String value) {
            String[] w = words(value, 2, 2, "t=");
            return new Timing(number(w[0], "t= start-time"), number(w[1], "t= stop-time"));
        }

        private Attribute attribute(String value) {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (name.isEmpty()) {
                throw error("a=: empty attribute name");
            }
            if (strict) {
                token(name, "a= attribute name");
            } else if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
                throw error("a=: white space in attribute name \"" + name + "\"");
            }
            return new Attribute(name, colon < 0 ? null : value.substring(colon + 1));
        }

        private MediaDescription.Builder mediaLine(String value) {
            String[] w = words(value, strict ? 4 : 3, Integer.MAX_VALUE, "m=");
            try {
                token(w[0], "m= media");
                String portText = w[1];
                int numberOfPorts = 0;
                int slash = portText.indexOf('/');
                if (slash >= 0) {
                    numberOfPorts = (int) number(portText.substring(slash + 1), "m= number of ports");
                    if (numberOfPorts == 0 || numberOfPorts > 65535) {
                        throw error("m= number of ports " + numberOfPorts + " (expected: 1..65535)");
                    }
                    portText = portText.substring(0, slash);
                }
                int port;
                if (isH248Special(portText)) {
                    port = portText.equals("$") ? MediaDescription.PORT_CHOOSE : MediaDescription.PORT_WILDCARD;
                } else {
                    long p = number(portText, "m= port");
                    if (p > 65535) {
                        throw error("m= port " + p + " (expected: 0..65535)");
                    }
                    port = (int) p;
                }
                String proto = w[2];
                for (String part : proto.split("/", -1)) {
                    token(part, "m= proto element");
                }
                List<String> formats = new ArrayList<>();
                for (int i = 3; i < w.length; i++) {
                    token(w[i], "m= fmt");
                    formats.add(w[i]);
                }
                return MediaDescription.builder().media(w[0]).port(port).numberOfPorts(numberOfPorts)
                        .proto(Proto.of(proto)).formats(formats);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private void token(String s, String what) {
            if (s.isEmpty()) {
                throw error(what + ": empty");
            }
            for (int i = 0; i < s.length(); i++) {
                if (!Checks.isTokenChar(s.charAt(i))) {
                    throw error(what + ": \"" + s + "\" is not a token (bad character at " + i + ")");
                }
            }
        }

        private void digits(String s, String what) {
            if (s.isEmpty()) {
                throw error(what + ": empty");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw error(what + ": \"" + s + "\" is not a number");
                }
            }
        }

        private long number(String s, String what) {
            digits(s, what);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(what + ": \"" + s + "\" is too large");
            }
        }
    }
}
