package org.mediasec.msrp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An MSRP header other than To-Path, From-Path and the MIME headers of the body (those are fields
 * of {@link MsrpMessage} and {@link MsrpContent}). Registered headers (RFC 4975 §9, RFC 4976 §7,
 * IANA "MSRP Header Fields") are typed; anything else is an {@link Extension} kept as written.
 * {@link #value()} is the wire text after {@code "Name: "}.
 */
public sealed interface MsrpHeader {
    String TO_PATH = "To-Path";
    String FROM_PATH = "From-Path";
    String CONTENT_TYPE = "Content-Type";

    /** The canonical header name. */
    String name();

    /** The header value as it goes on the wire. */
    String value();

    /** RFC 4975 §9 {@code Message-ID = "Message-ID:" SP ident}. */
    record MessageId(String id) implements MsrpHeader {
        public static final String NAME = "Message-ID";

        public MessageId {
            MsrpSyntax.requireIdent(id, "id");
        }

        @Override public String name() { return NAME; }
        @Override public String value() { return id; }
    }

    /**
     * RFC 4975 §9 {@code Byte-Range = "Byte-Range:" SP range-start "-" range-end "/" total}; positions
     * are 1-based ("The first octet in the message has a position of one, rather than a zero", §7.1.1)
     * and inclusive, {@code *} is {@link #UNKNOWN}.
     */
    record ByteRange(long start, long end, long total) implements MsrpHeader {
        public static final String NAME = "Byte-Range";
        /** Stands for {@code *}: the end or total is not known. */
        public static final long UNKNOWN = -1;
        /** Largest number we accept on the wire (18 digits). */
        public static final long MAX = 999_999_999_999_999_999L;

        public ByteRange {
            if (start < 1 || start > MAX) {
                throw new IllegalArgumentException("start: " + start + " (expected: 1.." + MAX + ")");
            }
            if (end != UNKNOWN && (end < start - 1 || end > MAX)) {
                throw new IllegalArgumentException("end: " + end + " (expected: * or " + (start - 1) + ".." + MAX + ")");
            }
            if (total != UNKNOWN && (total < 0 || total > MAX || (end != UNKNOWN && total < end))) {
                throw new IllegalArgumentException("total: " + total + " (expected: * or >= end " + end + ")");
            }
        }

        /** The range of a chunk of {@code length} bytes starting at 1-based {@code start}; {@code total} may be {@link #UNKNOWN}. */
        public static ByteRange ofChunk(long start, long length, long total) {
            return new ByteRange(start, start + length - 1, total);
        }

        /** The range of a whole message sent in one chunk, {@code 1-n/n} (RFC 4975 §7.1.1). */
        public static ByteRange whole(long length) {
            return new ByteRange(1, length, length);
        }

        public boolean endKnown() { return end != UNKNOWN; }

        public boolean totalKnown() { return total != UNKNOWN; }

        /** Number of bytes covered, or {@link #UNKNOWN} when the end is {@code *}. */
        public long length() { return end == UNKNOWN ? UNKNOWN : end - start + 1; }

        /** The 1-based position of the byte after this range, or {@link #UNKNOWN}. */
        public long nextStart() { return end == UNKNOWN ? UNKNOWN : end + 1; }

        /** True when this range ends at the known total, i.e. it covers the last byte of the message. */
        public boolean reachesTotal() { return end != UNKNOWN && total != UNKNOWN && end == total; }

        /** This range with the end set from the actual number of body bytes (a {@code *} end becomes exact). */
        public ByteRange withLength(long length) { return new ByteRange(start, start + length - 1, total); }

        @Override public String name() { return NAME; }

        @Override
        public String value() {
            return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/" + (total == UNKNOWN ? "*" : Long.toString(total));
        }
    }

    /**
     * RFC 4975 §9 {@code Success-Report = "Success-Report:" SP ("yes" / "no" )}; absent means no
     * (§7.1.1: "If no Success-Report header field is present in a SEND request, it MUST be treated the
     * same as a Success-Report header field with a value of "no"").
     */
    record SuccessReport(boolean yes) implements MsrpHeader {
        public static final String NAME = "Success-Report";
        public static final SuccessReport YES = new SuccessReport(true);
        public static final SuccessReport NO = new SuccessReport(false);

        @Override public String name() { return NAME; }
        @Override public String value() { return yes ? "yes" : "no"; }
    }

    /**
     * RFC 4975 §9 {@code Failure-Report = "Failure-Report:" SP ("yes" / "no" / "partial" )}; absent
     * means yes (§7.1.1: "If no Failure-Report header field is present, it MUST be treated the same as
     * a Failure-Report header field with a value of "yes"").
     */
    record FailureReport(Kind kind) implements MsrpHeader {
        public static final String NAME = "Failure-Report";
        public static final FailureReport YES = new FailureReport(Kind.YES);
        public static final FailureReport NO = new FailureReport(Kind.NO);
        public static final FailureReport PARTIAL = new FailureReport(Kind.PARTIAL);

        /** The three values. */
        public enum Kind {
            /** Send transaction responses and failure REPORTs. */
            YES,
            /** Send neither. */
            NO,
            /** Only negative transaction responses and failure REPORTs, no 200. */
            PARTIAL;

            @Override
            public String toString() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public FailureReport {
            Objects.requireNonNull(kind, "kind");
        }

        @Override public String name() { return NAME; }
        @Override public String value() { return kind.toString(); }
    }

    /**
     * RFC 4975 §9 {@code Status = "Status:" SP namespace SP status-code [SP comment]}; {@code namespace =
     * 3(DIGIT); "000" for all codes defined in this document}. {@code reason} is the comment, present
     * (possibly empty) exactly when the SP before it is.
     */
    record Status(int namespace, MsrpStatus code, Optional<String> reason) implements MsrpHeader {
        public static final String NAME = "Status";

        public Status {
            if (namespace < 0 || namespace > 999) {
                throw new IllegalArgumentException("namespace: " + namespace + " (expected: 0..999)");
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            reason.ifPresent(r -> MsrpSyntax.requireText(r, "reason"));
        }

        /** {@code Status: 000 <code> <description>}. */
        public static Status of(MsrpStatus code) {
            return new Status(0, code, code.description().isEmpty() ? Optional.empty() : Optional.of(code.description()));
        }

        @Override public String name() { return NAME; }

        @Override
        public String value() {
            return String.format("%03d %03d", namespace, code.code()) + reason.map(r -> " " + r).orElse("");
        }
    }

    /** RFC 4976 §7 {@code Use-Path = "Use-Path:" SP MSRP-URI *(SP MSRP-URI)}: the relay path returned by a 200 to AUTH. */
    record UsePath(List<MsrpUri> uris) implements MsrpHeader {
        public static final String NAME = "Use-Path";

        public UsePath {
            uris = List.copyOf(uris);
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("uris: empty");
            }
        }

        @Override public String name() { return NAME; }
        @Override public String value() { return uris.stream().map(MsrpUri::toString).collect(Collectors.joining(" ")); }
    }

    /** RFC 4976 §7 {@code Expires = "Expires:" SP 1*DIGIT} (seconds). */
    record Expires(long seconds) implements MsrpHeader {
        public static final String NAME = "Expires";

        public Expires { requireSeconds(seconds); }

        @Override public String name() { return NAME; }
        @Override public String value() { return Long.toString(seconds); }
    }

    /** RFC 4976 §7 {@code Min-Expires = "Min-Expires:" SP 1*DIGIT} (seconds), sent with 423 (§4.6). */
    record MinExpires(long seconds) implements MsrpHeader {
        public static final String NAME = "Min-Expires";

        public MinExpires { requireSeconds(seconds); }

        @Override public String name() { return NAME; }
        @Override public String value() { return Long.toString(seconds); }
    }

    /** RFC 4976 §7 {@code Max-Expires = "Max-Expires:" SP 1*DIGIT} (seconds), sent with 423 (§4.6). */
    record MaxExpires(long seconds) implements MsrpHeader {
        public static final String NAME = "Max-Expires";

        public MaxExpires { requireSeconds(seconds); }

        @Override public String name() { return NAME; }
        @Override public String value() { return Long.toString(seconds); }
    }

    /**
     * RFC 4976 §7 {@code WWW-Authenticate = "WWW-Authenticate:" SP "Digest" SP digest-param *("," SP
     * digest-param)}; kept as text.
     */
    record WwwAuthenticate(String value) implements MsrpHeader {
        public static final String NAME = "WWW-Authenticate";

        public WwwAuthenticate { MsrpSyntax.requireText(value, "value"); }

        @Override public String name() { return NAME; }
    }

    /**
     * RFC 4976 §7 {@code Authorization = "Authorization:" SP credentials}, {@code credentials = "Digest"
     * SP digest-response *( "," SP digest-response)}; kept as text.
     */
    record Authorization(String value) implements MsrpHeader {
        public static final String NAME = "Authorization";

        public Authorization { MsrpSyntax.requireText(value, "value"); }

        @Override public String name() { return NAME; }
    }

    /**
     * RFC 4976 §7 {@code Authentication-Info = "Authentication-Info:" SP ainfo *("," ainfo)}; kept as
     * text (the RFC 4976 §5.1 examples write {@code ", "} between the ainfo items, which this grammar
     * does not have).
     */
    record AuthenticationInfo(String value) implements MsrpHeader {
        public static final String NAME = "Authentication-Info";

        public AuthenticationInfo { MsrpSyntax.requireText(value, "value"); }

        @Override public String name() { return NAME; }
    }

    /**
     * Any other header ({@code ext-header = hname ":" SP hval CRLF}), name and value as written. It may not
     * reuse a registered name or a {@code Content-} name (those belong to {@link MsrpContent}).
     */
    record Extension(String name, String value) implements MsrpHeader {
        public Extension {
            if (!MsrpSyntax.isToken(name)) {
                throw new IllegalArgumentException("name: \"" + name + "\" is not a token");
            }
            if (isReserved(name)) {
                throw new IllegalArgumentException("name: \"" + name + "\" is a registered or Content- header; use its typed form");
            }
            MsrpSyntax.requireText(value, "value");
        }

        /** True for names that have a typed form (or belong to the body's MIME headers). */
        public static boolean isReserved(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.startsWith("content-") || switch (n) {
                case "to-path", "from-path", "message-id", "byte-range", "success-report", "failure-report", "status",
                        "use-path", "expires", "min-expires", "max-expires", "www-authenticate", "authorization",
                        "authentication-info" -> true;
                default -> false;
            };
        }
    }

    private static void requireSeconds(long seconds) {
        if (seconds < 0 || seconds > 9_999_999_999L) {
            throw new IllegalArgumentException("seconds: " + seconds + " (expected: 0..9999999999)");
        }
    }
}
