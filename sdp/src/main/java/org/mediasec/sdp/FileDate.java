package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=file-date} (RFC 5547 §6): creation, modification and read dates of the file, each a
 * quoted RFC 5322 date-time kept as text.
 *
 * <pre>
 * file-date-attr = "file-date:" date-param *(SP date-param)
 * date-param     = c-date-param / m-date-param / r-date-param
 * c-date-param   = "creation:" DQUOTE date-time DQUOTE
 * m-date-param   = "modification:" DQUOTE date-time DQUOTE
 * r-date-param   = "read:" DQUOTE date-time DQUOTE
 * </pre>
 *
 * @param creation     or null
 * @param modification or null
 * @param read         or null
 */
public record FileDate(String creation, String modification, String read) {
    public FileDate {
        check(creation, "creation");
        check(modification, "modification");
        check(read, "read");
        if (creation == null && modification == null && read == null) {
            throw new IllegalArgumentException("file-date: at least one of creation, modification, read");
        }
    }

    private static void check(String date, String what) {
        if (date != null && (date.isEmpty() || date.indexOf('"') >= 0 || date.indexOf('\r') >= 0
                || date.indexOf('\n') >= 0 || date.indexOf(0) >= 0)) {
            throw new IllegalArgumentException("file-date " + what + ": bad date-time \"" + date + "\"");
        }
    }

    public static FileDate parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("file-date: missing value");
        }
        String c = null;
        String m = null;
        String r = null;
        int i = 0;
        int n = value.length();
        while (i < n) {
            int colon = value.indexOf(':', i);
            if (colon < 0) {
                throw new IllegalArgumentException("file-date: expected <creation|modification|read>:\"<date>\"");
            }
            String key = value.substring(i, colon);
            if (colon + 1 >= n || value.charAt(colon + 1) != '"') {
                throw new IllegalArgumentException("file-date: " + key + " date must be in double quotes");
            }
            int close = value.indexOf('"', colon + 2);
            if (close < 0) {
                throw new IllegalArgumentException("file-date: unterminated quoted date");
            }
            String date = value.substring(colon + 2, close);
            switch (key) {
                case "creation" -> {
                    if (c != null) {
                        throw new IllegalArgumentException("file-date: second creation date");
                    }
                    c = date;
                }
                case "modification" -> {
                    if (m != null) {
                        throw new IllegalArgumentException("file-date: second modification date");
                    }
                    m = date;
                }
                case "read" -> {
                    if (r != null) {
                        throw new IllegalArgumentException("file-date: second read date");
                    }
                    r = date;
                }
                default -> throw new IllegalArgumentException("file-date: unknown parameter \"" + key
                        + "\" (expected: creation, modification, read)");
            }
            i = close + 1;
            if (i < n) {
                if (value.charAt(i) != ' ' || i + 1 >= n) {
                    throw new IllegalArgumentException("file-date: parameters must be separated by one space");
                }
                i++;
            }
        }
        return new FileDate(c, m, r);
    }

    public String format() {
        List<String> parts = new ArrayList<>();
        if (creation != null) {
            parts.add("creation:\"" + creation + "\"");
        }
        if (modification != null) {
            parts.add("modification:\"" + modification + "\"");
        }
        if (read != null) {
            parts.add("read:\"" + read + "\"");
        }
        return String.join(" ", parts);
    }

    @Override
    public String toString() {
        return format();
    }
}
