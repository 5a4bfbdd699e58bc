package org.mediasec.sip.secagree;

/** RFC 3261 §25.1 character classes used by the security-agreement headers. */
final class SipSyntax {
    private SipSyntax() {
    }

    /** RFC 3261 {@code token}: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                || c == '`' || c == '\'' || c == '~';
    }

    /** Characters of an unquoted {@code gen-value}: a token or a host (which adds ':' '[' ']' for IPv6). */
    static boolean isBareValueChar(char c) {
        return isTokenChar(c) || c == ':' || c == '[' || c == ']';
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index just past the quoted-string starting at {@code start} (which must be a DQUOTE), or -1.
     * RFC 3261: {@code quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE}; qdtext excludes
     * DQUOTE, backslash and controls; CR and LF may not appear (we accept no folding inside quotes).
     */
    static int endOfQuotedString(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return -1;
                }
                char next = s.charAt(i + 1);
                if (next == '\r' || next == '\n') {
                    return -1;
                }
                i += 2;
                continue;
            }
            if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** A {@code gen-value}: token, host, or quoted-string. */
    static boolean isGenValue(String v) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        if (v.charAt(0) == '"') {
            return endOfQuotedString(v, 0) == v.length();
        }
        for (int i = 0; i < v.length(); i++) {
            if (!isBareValueChar(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 3261 {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}.
     */
    static boolean isQValue(String v) {
        if (v == null || v.isEmpty() || v.length() > 5) {
            return false;
        }
        char first = v.charAt(0);
        if (first != '0' && first != '1') {
            return false;
        }
        if (v.length() == 1) {
            return true;
        }
        if (v.charAt(1) != '.') {
            return false;
        }
        for (int i = 2; i < v.length(); i++) {
            char c = v.charAt(i);
            if (first == '1' ? c != '0' : (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
