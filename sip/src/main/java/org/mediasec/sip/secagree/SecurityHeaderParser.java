package org.mediasec.sip.secagree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses Security-Client/-Server/-Verify header values (RFC 3329 §2.2 with the TS 24.229 §7.2A.7
 * {@code mediasec} parameter):
 *
 * <pre>
 * security-client  = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)
 * sec-mechanism    = mechanism-name *(SEMI mech-parameters)
 * mechanism-name   = ( "digest" / "tls" / "ipsec-ike" / "ipsec-man" / token )
 * mech-parameters  = ( preference / digest-algorithm / digest-qop / digest-verify / extension )
 * preference       = "q" EQUAL qvalue
 * extension        = generic-param              ; mediasec is a valueless generic-param
 * generic-param    = token [ EQUAL gen-value ]  ; gen-value = token / host / quoted-string
 * </pre>
 *
 * Mechanism names and all parameters other than {@code q} are generic: unknown tokens are kept as
 * written. White space (including folded lines) is allowed around {@code ;}, {@code ,} and
 * {@code =} (RFC 3261 SEMI, COMMA, EQUAL). {@code q} must be a qvalue.
 *
 * <p>Two entry points: {@link #parse} for local input (configuration, tests) throws
 * {@link SecurityHeaderParseException}; {@link #decode} for received messages never throws and
 * reports malformed lines as values. The parser itself builds no exceptions.
 */
public final class SecurityHeaderParser {
    /** Upper bound on mechanisms per header line; more is treated as malformed (abuse guard). */
    public static final int MAX_MECHANISMS = 64;
    /** Upper bound on the length of one header value in characters. */
    public static final int MAX_LENGTH = 8192;

    private SecurityHeaderParser() {
    }

    /** Parses one header value; throws {@link SecurityHeaderParseException} with offset and reason. */
    public static SecurityHeader parse(SecurityHeaderKind kind, String value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        List<SecMechanism> out = new ArrayList<>();
        SecurityHeaderDecodeResult.Error error = new Cursor(kind, value).parseInto(out);
        if (error != null) {
            throw new SecurityHeaderParseException(error);
        }
        return new SecurityHeader(kind, out);
    }

    /** Parses several header lines of one kind into one header (RFC 3261 §7.3.1); throws on the first bad line. */
    public static SecurityHeader parse(SecurityHeaderKind kind, List<String> values) {
        Objects.requireNonNull(kind, "kind");
        List<SecMechanism> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(parse(kind, v).mechanisms());
        }
        if (out.isEmpty()) {
            throw new SecurityHeaderParseException(new SecurityHeaderDecodeResult.Error(kind, "", 0, "no header line"));
        }
        return new SecurityHeader(kind, out);
    }

    /** Decodes received header lines of one kind; never throws on their content. */
    public static SecurityHeaderDecodeResult decode(SecurityHeaderKind kind, List<String> values) {
        Objects.requireNonNull(kind, "kind");
        List<SecMechanism> mechanisms = new ArrayList<>();
        List<SecurityHeaderDecodeResult.Error> errors = new ArrayList<>();
        for (String v : values) {
            if (v == null) {
                errors.add(new SecurityHeaderDecodeResult.Error(kind, "", 0, "missing header value"));
                continue;
            }
            List<SecMechanism> line = new ArrayList<>();
            SecurityHeaderDecodeResult.Error error = new Cursor(kind, v).parseInto(line);
            if (error != null) {
                errors.add(error);
            } else {
                mechanisms.addAll(line);
            }
        }
        return new SecurityHeaderDecodeResult(kind, mechanisms, errors);
    }

    /** Decodes one received header value. */
    public static SecurityHeaderDecodeResult decode(SecurityHeaderKind kind, String value) {
        List<String> one = new ArrayList<>(1);
        one.add(value);
        return decode(kind, one);
    }

    /** A single pass over one header value. Returns errors as values. */
    private static final class Cursor {
        private final SecurityHeaderKind kind;
        private final String s;
        private int pos;

        Cursor(SecurityHeaderKind kind, String s) {
            this.kind = kind;
            this.s = s;
        }

        SecurityHeaderDecodeResult.Error parseInto(List<SecMechanism> out) {
            if (s.length() > MAX_LENGTH) {
                return error("value longer than " + MAX_LENGTH + " characters");
            }
            if (!skipSws()) {
                return error("line break not followed by white space");
            }
            while (true) {
                String name = token();
                if (name.isEmpty()) {
                    return error(pos == s.length() ? "expected a mechanism name, found end of value"
                            : "expected a mechanism name, found " + describe(s.charAt(pos)));
                }
                List<SecMechanism.Param> params = new ArrayList<>();
                if (!skipSws()) {
                    return error("line break not followed by white space");
                }
                while (pos < s.length() && s.charAt(pos) == ';') {
                    pos++;
                    if (!skipSws()) {
                        return error("line break not followed by white space");
                    }
                    String pname = token();
                    if (pname.isEmpty()) {
                        return error(pos == s.length() ? "expected a parameter name, found end of value"
                                : "expected a parameter name, found " + describe(s.charAt(pos)));
                    }
                    if (!skipSws()) {
                        return error("line break not followed by white space");
                    }
                    String value = null;
                    if (pos < s.length() && s.charAt(pos) == '=') {
                        pos++;
                        if (!skipSws()) {
                            return error("line break not followed by white space");
                        }
                        int start = pos;
                        if (pos < s.length() && s.charAt(pos) == '"') {
                            int end = SipSyntax.endOfQuotedString(s, pos);
                            if (end < 0) {
                                return error("unterminated or invalid quoted-string");
                            }
                            pos = end;
                        } else {
                            while (pos < s.length() && SipSyntax.isBareValueChar(s.charAt(pos))) {
                                pos++;
                            }
                            if (pos == start) {
                                return error("expected a value after '" + pname + "='");
                            }
                        }
                        value = s.substring(start, pos);
                        if (!skipSws()) {
                            return error("line break not followed by white space");
                        }
                    }
                    if (pname.equalsIgnoreCase(SecMechanism.Q) && !SipSyntax.isQValue(value)) {
                        return error("q must be a qvalue (0..1, at most 3 decimals), found "
                                + (value == null ? "no value" : "\"" + value + "\""));
                    }
                    params.add(new SecMechanism.Param(pname, value));
                }
                out.add(new SecMechanism(name, params));
                if (out.size() > MAX_MECHANISMS) {
                    return error("more than " + MAX_MECHANISMS + " mechanisms");
                }
                if (pos == s.length()) {
                    return null;
                }
                if (s.charAt(pos) != ',') {
                    return error("expected ';', ',' or end of value, found " + describe(s.charAt(pos)));
                }
                pos++;
                if (!skipSws()) {
                    return error("line break not followed by white space");
                }
            }
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && SipSyntax.isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** Skips RFC 3261 SWS (spaces, tabs, CRLF/LF followed by white space). False on a bare line break. */
        private boolean skipSws() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t') {
                    pos++;
                } else if (c == '\r' || c == '\n') {
                    int next = pos + (c == '\r' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n' ? 2 : 1);
                    if (next < s.length() && (s.charAt(next) == ' ' || s.charAt(next) == '\t')) {
                        pos = next;
                    } else {
                        return false;
                    }
                } else {
                    return true;
                }
            }
            return true;
        }

        private SecurityHeaderDecodeResult.Error error(String reason) {
            return new SecurityHeaderDecodeResult.Error(kind, s, pos, reason);
        }

        private static String describe(char c) {
            if (c < 0x20 || c >= 0x7F) {
                return String.format("character U+%04X", (int) c);
            }
            return "'" + c + "'";
        }
    }
}
