package org.mediasec.h248;

import java.util.List;
import java.util.regex.Pattern;

/** Character-class checks shared by the model's compact constructors (H.248.1 Annex B.2). */
public final class Names {
    private Names() {
    }

    // compiled once: the model's constructors run for every decoded element
    static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    static final Pattern MTP = Pattern.compile("[0-9A-Fa-f]{4,8}");
    static final Pattern EXTENSION = Pattern.compile("[Xx][+-][A-Za-z0-9]{1,6}");
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    static final Pattern DIGITS8 = Pattern.compile("[0-9]{8}");

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

    /**
     * True when {@code name} is, in any case, the long or short form of one of the given tokens:
     * such a parameter name would be read back as that token (e.g. a parameter "ST" as the stream).
     */
    public static boolean isToken(String name, String... longAndShort) {
        for (String t : longAndShort) {
            if (t.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    static void notToken(List<PropertyParm> params, String where, String... longAndShort) {
        for (PropertyParm p : params) {
            if (isToken(p.name(), longAndShort)) {
                throw new IllegalArgumentException(where + ": parameter \"" + p.name() + "\" is a reserved token");
            }
        }
    }

    /** Modem types of Annex B (canonical long tokens). */
    static final java.util.Set<String> MODEM_TYPES = java.util.Set.of("V18", "V22", "V22b", "V32", "V32b", "V34",
            "V90", "V91", "SynchISDN");
    /** Mux types of Annex B (canonical long tokens). */
    static final java.util.Set<String> MUX_TYPES = java.util.Set.of("H221", "H223", "H226", "V76", "Nx64Kservice");

    /** Annex B {@code extensionParameter}: {@code X-name} or {@code X+name}, name of 1 to 6 letters/digits. */
    public static boolean isExtension(String s) {
        return s != null && EXTENSION.matcher(s).matches();
    }
}
