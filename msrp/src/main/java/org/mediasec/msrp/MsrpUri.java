package org.mediasec.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An MSRP URI (RFC 4975 §6, §9):
 * <pre>
 * MSRP-URI = msrp-scheme "://" authority ["/" session-id] ";" transport *( ";" URI-parameter )
 * </pre>
 * The record keeps the URI as written (case of scheme and host included), so a decode/encode round
 * trip is byte-exact; {@link #matches(MsrpUri)} is the RFC 4975 §6.1 comparison and is what session
 * matching must use. {@link #equals(Object)} is plain value equality.
 *
 * @param scheme    {@code msrp} or {@code msrps} (any case)
 * @param userinfo  the userinfo part without {@code @} (RFC 4976 relay URIs use it), if any
 * @param host      reg-name, IPv4 address, or IPv6 reference in brackets
 * @param port      the explicit port, if any
 * @param sessionId the session-id, if any ({@code 1*( unreserved / "+" / "=" / "/" )})
 * @param transport the transport, {@code tcp} or an extension ({@code 1*ALPHANUM})
 * @param params    URI parameters after the transport, in order
 */
public record MsrpUri(String scheme, Optional<String> userinfo, String host, OptionalInt port,
                      Optional<String> sessionId, String transport, List<Param> params) {

    /**
     * 2855, the port registered for MSRP (RFC 4975 §15.4: "MSRP uses TCP port 2855"). RFC 4975 §6 says
     * "This value is not a default": session URIs always carry a port. Only RFC 4976 §8 uses it as
     * "the default port number (2855)", for a relay URI without a port (the To-Path of an AUTH) when
     * no {@code _msrps._tcp} SRV record is found.
     */
    public static final int DEFAULT_PORT = 2855;

    /** A URI parameter {@code token ["=" token]}. */
    public record Param(String name, Optional<String> value) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!MsrpSyntax.isToken(name)) {
                throw new IllegalArgumentException("name: \"" + name + "\" is not a token");
            }
            if (value.isPresent() && !MsrpSyntax.isToken(value.get())) {
                throw new IllegalArgumentException("value: \"" + value.get() + "\" is not a token");
            }
        }

        @Override
        public String toString() {
            return value.map(v -> name + "=" + v).orElse(name);
        }
    }

    public MsrpUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(userinfo, "userinfo");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(transport, "transport");
        params = List.copyOf(params);
        if (!scheme.equalsIgnoreCase("msrp") && !scheme.equalsIgnoreCase("msrps")) {
            throw new IllegalArgumentException("scheme: \"" + scheme + "\" (expected: msrp or msrps)");
        }
        if (userinfo.isPresent() && !isUserinfo(userinfo.get())) {
            throw new IllegalArgumentException("userinfo: \"" + userinfo.get() + "\" has an invalid character");
        }
        if (!isHost(host)) {
            throw new IllegalArgumentException("host: \"" + host + "\" is not a reg-name, IPv4 address or [IPv6] reference");
        }
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port: " + port.getAsInt() + " (expected: 0..65535)");
        }
        if (sessionId.isPresent() && !isSessionId(sessionId.get())) {
            throw new IllegalArgumentException("sessionId: \"" + sessionId.get() + "\" (expected: 1*( unreserved / \"+\" / \"=\" / \"/\" ))");
        }
        if (transport.isEmpty() || !transport.chars().allMatch(MsrpSyntax::isAlphanum)) {
            throw new IllegalArgumentException("transport: \"" + transport + "\" (expected: 1*ALPHANUM)");
        }
    }

    /** {@code msrp[s]://host:port/sessionId;tcp}, the common shape of an endpoint URI. */
    public static MsrpUri of(boolean secure, String host, int port, String sessionId) {
        return new MsrpUri(secure ? "msrps" : "msrp", Optional.empty(), host, OptionalInt.of(port),
                Optional.of(sessionId), "tcp", List.of());
    }

    /** Parses a URI; {@link IllegalArgumentException} if it is not an MSRP URI. */
    public static MsrpUri parse(String s) {
        Objects.requireNonNull(s, "s");
        String[] error = new String[1];
        MsrpUri uri = parse(s, error);
        if (uri == null) {
            throw new IllegalArgumentException("not an MSRP URI (" + error[0] + "): \"" + s + "\"");
        }
        return uri;
    }

    /** Parses a URI without throwing; empty if it is not an MSRP URI. */
    public static Optional<MsrpUri> tryParse(CharSequence s) {
        return Optional.ofNullable(parse(s.toString(), new String[1]));
    }

    private static MsrpUri parse(String s, String[] error) {
        int sep = s.indexOf("://");
        if (sep < 0) {
            error[0] = "no \"://\"";
            return null;
        }
        String scheme = s.substring(0, sep);
        if (!scheme.equalsIgnoreCase("msrp") && !scheme.equalsIgnoreCase("msrps")) {
            error[0] = "scheme is not msrp or msrps";
            return null;
        }
        String rest = s.substring(sep + 3);
        // '@' cannot occur in host, session-id, transport or parameters: the last one ends userinfo.
        Optional<String> userinfo = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userinfo = Optional.of(rest.substring(0, at));
            rest = rest.substring(at + 1);
            if (!isUserinfo(userinfo.get())) {
                error[0] = "bad userinfo";
                return null;
            }
        }
        int i;
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                error[0] = "unterminated IPv6 reference";
                return null;
            }
            host = rest.substring(0, close + 1);
            i = close + 1;
        } else {
            i = 0;
            while (i < rest.length() && ":/;".indexOf(rest.charAt(i)) < 0) {
                i++;
            }
            host = rest.substring(0, i);
        }
        if (!isHost(host)) {
            error[0] = "bad host";
            return null;
        }
        OptionalInt port = OptionalInt.empty();
        if (i < rest.length() && rest.charAt(i) == ':') {
            int start = ++i;
            while (i < rest.length() && rest.charAt(i) >= '0' && rest.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 5) {
                error[0] = "bad port";
                return null;
            }
            int p = Integer.parseInt(rest, start, i, 10);
            if (p > 65535) {
                error[0] = "port out of range";
                return null;
            }
            port = OptionalInt.of(p);
        }
        Optional<String> sessionId = Optional.empty();
        if (i < rest.length() && rest.charAt(i) == '/') {
            int start = ++i;
            while (i < rest.length() && rest.charAt(i) != ';') {
                i++;
            }
            sessionId = Optional.of(rest.substring(start, i));
            if (!isSessionId(sessionId.get())) {
                error[0] = "bad session-id";
                return null;
            }
        }
        if (i >= rest.length() || rest.charAt(i) != ';') {
            error[0] = "no \";\" transport";
            return null;
        }
        String[] parts = rest.substring(i + 1).split(";", -1);
        String transport = parts[0];
        if (transport.isEmpty() || !allAlphanum(transport)) {
            error[0] = "bad transport";
            return null;
        }
        List<Param> params = new ArrayList<>(parts.length - 1);
        for (int k = 1; k < parts.length; k++) {
            String p = parts[k];
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(p.substring(eq + 1));
            if (!MsrpSyntax.isToken(name) || (value.isPresent() && !MsrpSyntax.isToken(value.get()))) {
                error[0] = "bad URI parameter";
                return null;
            }
            params.add(new Param(name, value));
        }
        return new MsrpUri(scheme, userinfo, host, port, sessionId, transport, params);
    }

    /** True for {@code msrps}: this hop uses TLS (RFC 4975 §6). */
    public boolean secure() {
        return scheme.equalsIgnoreCase("msrps");
    }

    /**
     * The port to connect to: the explicit one, else {@link #DEFAULT_PORT} (RFC 4976 §8, for a relay
     * URI without a port after an SRV lookup found nothing; a caller that can look up SRV does so first).
     */
    public int effectivePort() {
        return port.orElse(DEFAULT_PORT);
    }

    /**
     * URI equivalence per RFC 4975 §6.1, rule by rule: (1) "Scheme comparison is case insensitive";
     * (2) userinfo is not compared ("Userinfo parts are not considered for URI comparison"), the host
     * is compared case-insensitively after decoding percent-encoded unreserved characters
     * ("Percent-encoding normalization [10] applies"), an IPv6 reference as an address (its RFC 5952
     * form), an IPv4 address as text (RFC 3986 dec-octets have one spelling); (3) "If the port exists
     * explicitly in either URI, then it MUST match exactly. A URI with an explicit port is never
     * equivalent to another with no port specified."; (4) "The session-id part is compared as case
     * sensitive. A URI without a session-id part is never equivalent to one that includes one."; (5)
     * "The transport parameter is case insensitive" and must be equal. §6.1 says nothing of other URI
     * parameters; they are ignored.
     */
    public boolean matches(MsrpUri other) {
        if (other == null) {
            return false;
        }
        return scheme.equalsIgnoreCase(other.scheme)
                && normalizedHost().equals(other.normalizedHost())
                && port.equals(other.port)
                && sessionId.equals(other.sessionId)
                && transport.equalsIgnoreCase(other.transport);
    }

    /** The host as compared by {@link #matches}: lower case, unreserved percent-escapes decoded, IPv6 canonical. */
    public String normalizedHost() {
        if (host.startsWith("[")) {
            return "[" + Ipv6.canonical(host.substring(1, host.length() - 1)) + "]";
        }
        return decodeUnreserved(host).toLowerCase(Locale.ROOT);
    }

    /** This URI without its session part, e.g. to address the relay itself (RFC 4976). */
    public String authority() {
        return userinfo.map(u -> u + "@").orElse("") + host + (port.isPresent() ? ":" + port.getAsInt() : "");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(scheme).append("://").append(authority());
        sessionId.ifPresent(id -> sb.append('/').append(id));
        sb.append(';').append(transport);
        for (Param p : params) {
            sb.append(';').append(p);
        }
        return sb.toString();
    }

    // --- character classes (RFC 3986 as used by RFC 4975 §9) ---

    private static boolean isUnreserved(char c) {
        return MsrpSyntax.isAlphanum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isSubDelim(char c) {
        return "!$&'()*+,;=".indexOf(c) >= 0;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** unreserved / pct-encoded / sub-delims (+ extra), with well-formed percent escapes. */
    private static boolean isPctText(String s, String extra) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !isHexDigit(s.charAt(i + 1)) || !isHexDigit(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isUnreserved(c) && !isSubDelim(c) && extra.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isUserinfo(String s) {
        return isPctText(s, ":");
    }

    static boolean isHost(String h) {
        if (h.isEmpty()) {
            return false;
        }
        if (h.startsWith("[")) {
            return h.endsWith("]") && h.length() > 2 && Ipv6.canonical(h.substring(1, h.length() - 1)) != null;
        }
        // reg-name without ';' (it would be ambiguous with the transport separator) or IPv4address
        return h.indexOf(';') < 0 && h.indexOf(':') < 0 && isPctText(h, "");
    }

    static boolean isSessionId(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && c != '+' && c != '=' && c != '/') {
                return false;
            }
        }
        return true;
    }

    private static String decodeUnreserved(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                char d = (char) Integer.parseInt(s, i + 1, i + 3, 16);
                if (isUnreserved(d)) {
                    sb.append(d);
                    i += 2;
                    continue;
                }
                sb.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A small IPv6 text parser (no DNS, no InetAddress), producing the RFC 5952 canonical form. */
    static final class Ipv6 {
        private Ipv6() {
        }

        /** The canonical text form, or {@code null} if {@code s} is not an IPv6 address. */
        static String canonical(String s) {
            int[] groups = parse(s);
            if (groups == null) {
                return null;
            }
            // RFC 5952: compress the longest run (>= 2) of zero groups, first one on ties; lower case.
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (groups[i] == 0) {
                    int j = i;
                    while (j < 8 && groups[j] == 0) {
                        j++;
                    }
                    if (j - i > bestLen) {
                        bestStart = i;
                        bestLen = j - i;
                    }
                    i = j;
                } else {
                    i++;
                }
            }
            StringBuilder sb = new StringBuilder(39);
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(groups[i]));
            }
            return sb.toString();
        }

        private static int[] parse(String s) {
            if (s.isEmpty() || s.length() > 45) {
                return null;
            }
            int dbl = s.indexOf("::");
            if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
                return null;
            }
            List<Integer> head = new ArrayList<>();
            List<Integer> tail = new ArrayList<>();
            if (dbl >= 0) {
                if (!groups(s.substring(0, dbl), head, false) || !groups(s.substring(dbl + 2), tail, true)) {
                    return null;
                }
                if (head.size() + tail.size() > 7) {
                    return null;
                }
            } else {
                if (!groups(s, head, true) || head.size() != 8) {
                    return null;
                }
            }
            int[] out = new int[8];
            for (int i = 0; i < head.size(); i++) {
                out[i] = head.get(i);
            }
            for (int i = 0; i < tail.size(); i++) {
                out[8 - tail.size() + i] = tail.get(i);
            }
            return out;
        }

        private static boolean groups(String s, List<Integer> out, boolean ipv4Allowed) {
            if (s.isEmpty()) {
                return true;
            }
            String[] parts = s.split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (i == parts.length - 1 && ipv4Allowed && p.indexOf('.') >= 0) {
                    int[] v4 = ipv4(p);
                    if (v4 == null) {
                        return false;
                    }
                    out.add((v4[0] << 8) | v4[1]);
                    out.add((v4[2] << 8) | v4[3]);
                    continue;
                }
                if (p.isEmpty() || p.length() > 4) {
                    return false;
                }
                for (int k = 0; k < p.length(); k++) {
                    if (!isHexDigit(p.charAt(k))) {
                        return false;
                    }
                }
                out.add(Integer.parseInt(p, 16));
            }
            return true;
        }

        private static int[] ipv4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            int[] out = new int[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !allDigits(p)) {
                    return null;
                }
                out[i] = Integer.parseInt(p);
                if (out[i] > 255) {
                    return null;
                }
            }
            return out;
        }
    }

    /** Loops instead of {@code chars().allMatch}: URIs are parsed for every request (two paths each). */
    private static boolean allAlphanum(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!MsrpSyntax.isAlphanum(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
