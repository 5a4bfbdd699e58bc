package org.mediasec.msrp.relay;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the comma-separated {@code auth-param} lists of digest headers (RFC 2617 §1.2, §3.2;
 * RFC 7616 §3.3): {@code token "=" ( token / quoted-string )}, with optional white space around
 * {@code =} and {@code ,}. Names are returned in lower case, values unquoted and unescaped, in
 * wire order. Never throws on input: a malformed list gives {@code null}.
 */
final class AuthParams {
    private AuthParams() {
    }

    /**
     * Splits {@code value} into its scheme and parameters when it starts with {@code scheme}
     * (case-insensitive) followed by white space; {@code null} if it does not or the list is malformed.
     */
    static Map<String, String> parseScheme(String value, String scheme) {
        String v = value.strip();
        if (v.length() <= scheme.length() || !v.regionMatches(true, 0, scheme, 0, scheme.length())
                || !isWs(v.charAt(scheme.length()))) {
            return null;
        }
        return parse(v.substring(scheme.length()));
    }

    /** Parses a bare parameter list ({@code Authentication-Info} has no scheme); {@code null} if malformed. */
    static Map<String, String> parse(String list) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = list.length();
        while (true) {
            i = skipWs(list, i);
            while (i < n && list.charAt(i) == ',') { // empty list elements are allowed (#rule)
                i = skipWs(list, i + 1);
            }
            if (i >= n) {
                return out;
            }
            int start = i;
            while (i < n && isTokenChar(list.charAt(i))) {
                i++;
            }
            if (i == start) {
                return null;
            }
            String name = list.substring(start, i).toLowerCase(Locale.ROOT);
            i = skipWs(list, i);
            if (i >= n || list.charAt(i) != '=') {
                return null;
            }
            i = skipWs(list, i + 1);
            String val;
            if (i < n && list.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = list.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(list.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                val = sb.toString();
            } else {
                int vs = i;
                while (i < n && isTokenChar(list.charAt(i))) {
                    i++;
                }
                if (i == vs) {
                    return null;
                }
                val = list.substring(vs, i);
            }
            if (out.putIfAbsent(name, val) != null) {
                return null; // RFC 7616 §3.3: each parameter at most once
            }
            i = skipWs(list, i);
            if (i < n && list.charAt(i) != ',') {
                return null;
            }
        }
    }

    /** {@code "value"} with {@code "} and {@code \} escaped. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && isWs(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 2616 token characters. */
    private static boolean isTokenChar(char c) {
        if (c <= 32 || c >= 127) {
            return false;
        }
        return "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
