package org.mediasec.h248;

/** Character-class checks shared by the model's compact constructors (H.248.1 Annex B.2). */
public final class Names {
    private Names() {
    }

    /** Annex B {@code SafeChar}: letters, digits and {@code +-&!_/'?@^`~*$\()%|.}. */
    public static boolean isSafeChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "+-&!_/'?@^`~*$\\()%|.".indexOf(c) >= 0;
    }

    public static boolean isSafeChars(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isSafeChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Loose {@code pathNAME}/{@code TerminationID}: safe chars without the ones that would mislead a parser. */
    public static boolean isPathName(String s) {
        if (!isSafeChars(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "_/*$@.-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code pkgdName}: {@code pkg/item}, {@code pkg/*}, {@code *}{@code /*}, or a bare NAME (properties in v1 examples). */
    public static boolean isPkgdName(String s) {
        return isPathName(s);
    }

    /** Annex B {@code VALUE}: a quoted string (with its quotes) or SafeChars. */
    public static boolean isValue(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (s.charAt(0) == '"') {
            return s.length() >= 2 && s.charAt(s.length() - 1) == '"' && isQuotedContent(s.substring(1, s.length() - 1));
        }
        return isSafeChars(s);
    }

    /**
     * The canonical text of a VALUE: a quoted string whose content is non-empty SafeChars is the same
     * VALUE as that content unquoted (Annex B {@code VALUE = quotedString / 1*(SafeChar)}), so it is
     * kept unquoted; anything else is kept as written. Erlang megaco writes values this way too.
     */
    public static String canonicalValue(String s) {
        if (s != null && s.length() > 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            String inner = s.substring(1, s.length() - 1);
            if (isSafeChars(inner)) {
                return inner;
            }
        }
        return s;
    }

    /** Content of a {@code quotedString}: no double quote, no CR/LF, printable octets and tabs. */
    public static boolean isQuotedContent(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
