package org.mediasec.msrp;

/**
 * Character classes of the MSRP ABNF (RFC 4975 §9), shared by the model's validation and the codec.
 */
public final class MsrpSyntax {
    private MsrpSyntax() {
    }

    /** RFC 4975 §9 {@code ident = ALPHANUM  3*31ident-char}: 4 to 32 characters. */
    public static boolean isIdent(CharSequence s) {
        if (s == null || s.length() < 4 || s.length() > 32 || !isAlphanum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4975 §9 {@code ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="}. */
    public static boolean isIdentChar(int c) {
        return isAlphanum(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=';
    }

    public static boolean isAlphanum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** RFC 4975 §9 {@code other-method = 1*UPALPHA}. */
    public static boolean isMethod(CharSequence s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 4975 §9 {@code token} (header names of ext-header, URI parameters, media-type parameters).
     * It is wider than the RFC 3261 token: it also has {@code # $ & ^ { | }}.
     */
    public static boolean isToken(CharSequence s) {
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
     * A character of the RFC 4975 §9 {@code token = 1*(%x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 /
     * %x41-5A / %x5E-7E)}: printable ASCII except {@code " ( ) , / : ; < = > ? @ [ \ ]}.
     */
    public static boolean isTokenChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    /**
     * A header value or comment as we accept and emit it: no CR, no LF, no other control character
     * except HTAB (utf8text / hval of RFC 4975 §9).
     */
    public static boolean isText(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static String requireIdent(String s, String name) {
        if (s == null) {
            throw new NullPointerException(name);
        }
        if (!isIdent(s)) {
            throw new IllegalArgumentException(name + ": \"" + s + "\" is not an MSRP ident (expected: alphanum 3*31ident-char)");
        }
        return s;
    }

    static String requireText(String s, String name) {
        if (s == null) {
            throw new NullPointerException(name);
        }
        if (!isText(s)) {
            throw new IllegalArgumentException(name + ": contains CR, LF or a control character");
        }
        return s;
    }
}
