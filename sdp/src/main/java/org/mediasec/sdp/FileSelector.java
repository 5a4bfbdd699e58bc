package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mediasec.common.Bytes;
import org.mediasec.common.Checks;

/**
 * {@code a=file-selector} (RFC 5547 §6): selects a file by name, type, size and/or hash.
 *
 * <pre>
 * file-selector-attr  = "file-selector" [":" selector *(SP selector)]
 * selector            = filename-selector / filesize-selector / filetype-selector / hash-selector
 * filename-selector   = "name:" DQUOTE filename-string DQUOTE    ; percent-encoded, no DQUOTE/CR/LF/NUL
 * filesize-selector   = "size:" filesize-value                    ; integer
 * filetype-selector   = "type:" type "/" subtype *(";" ft-parameter)
 * hash-selector       = "hash:" hash-algorithm ":" hash-value     ; 2HEX *(":" 2HEX)
 * </pre>
 *
 * Each selector is optional ({@code null} when absent). The name is kept as written (percent
 * encoding not decoded).
 *
 * @param name   file name without the quotes, or null
 * @param type   MIME type with parameters ({@code image/jpeg}), or null
 * @param size   size in octets, or null
 * @param hashes hash selectors in order (RFC 5547 allows several, e.g. one per algorithm)
 */
public record FileSelector(String name, String type, Long size, List<Hash> hashes) {
    /** One {@code hash:<algorithm>:<hex>} selector. */
    public record Hash(String algorithm, Bytes value) {
        public Hash {
            algorithm = Checks.token(algorithm, "hash algorithm").toLowerCase(Locale.ROOT);
            Checks.notNull(value, "value");
            if (value.size() == 0) {
                throw new IllegalArgumentException("hash: empty value");
            }
        }

        /** Upper-case hex pairs with colons. */
        public String hex() {
            String h = value.hex().toUpperCase(Locale.ROOT);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < h.length(); i += 2) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(h, i, i + 2);
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return algorithm + ':' + hex();
        }
    }

    public FileSelector {
        if (name != null) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("file-selector name: empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '"' || c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("file-selector name: character 0x"
                            + Integer.toHexString(c) + " at " + i + " must be percent-encoded");
                }
            }
        }
        if (type != null) {
            checkType(type);
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("file-selector size: " + size + " (expected: >= 0)");
        }
        hashes = hashes == null ? List.of() : List.copyOf(hashes);
    }

    /** A selector with name, type and size (the usual push offer). */
    public static FileSelector of(String name, String type, long size) {
        return new FileSelector(name, type, size, List.of());
    }

    /** The first SHA-1 hash, if any. */
    public java.util.Optional<Hash> sha1() {
        return hashes.stream().filter(h -> h.algorithm.equals("sha-1")).findFirst();
    }

    /**
     * {@code filetype-selector = "type:" type "/" subtype *(";" ft-parameter)},
     * {@code ft-parameter = attribute "=" DQUOTE value-string DQUOTE} (RFC 5547 §6).
     */
    private static void checkType(String type) {
        int semi = type.indexOf(';');
        String main = semi < 0 ? type : type.substring(0, semi);
        int slash = main.indexOf('/');
        if (slash <= 0 || slash == main.length() - 1) {
            throw new IllegalArgumentException("file-selector type: \"" + type + "\" (expected: type/subtype)");
        }
        Checks.token(main.substring(0, slash), "file-selector type");
        Checks.token(main.substring(slash + 1), "file-selector subtype");
        int i = semi;
        while (i >= 0 && i < type.length()) {
            int eq = type.indexOf('=', i + 1);
            if (eq < 0) {
                throw new IllegalArgumentException("file-selector type: parameter without \"=\" in \"" + type + "\"");
            }
            Checks.token(type.substring(i + 1, eq), "file-selector type parameter");
            if (eq + 1 >= type.length() || type.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("file-selector type: parameter value must be in double quotes in \""
                        + type + "\"");
            }
            int close = type.indexOf('"', eq + 2);
            if (close < 0) {
                throw new IllegalArgumentException("file-selector type: unterminated quoted parameter value");
            }
            i = close + 1;
            if (i < type.length() && type.charAt(i) != ';') {
                throw new IllegalArgumentException("file-selector type: expected \";\" after a parameter in \"" + type + "\"");
            }
        }
    }

    /** Parses the attribute value ({@code null} or empty: no selector). */
    public static FileSelector parse(String value) {
        String name = null;
        String type = null;
        Long size = null;
        List<Hash> hashes = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            return new FileSelector(null, null, null, hashes);
        }
        int i = 0;
        int n = value.length();
        while (i < n) {
            if (value.startsWith("name:", i)) {
                if (name != null) {
                    throw new IllegalArgumentException("file-selector: second name selector");
                }
                i += 5;
                if (i >= n || value.charAt(i) != '"') {
                    throw new IllegalArgumentException("file-selector: name must be in double quotes");
                }
                int close = value.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("file-selector: unterminated quoted name");
                }
                name = value.substring(i + 1, close);
                i = close + 1;
            } else {
                int sp = nextSpaceOutsideQuotes(value, i);
                String sel = value.substring(i, sp < 0 ? n : sp);
                i = sp < 0 ? n : sp;
                if (sel.isEmpty()) {
                    throw new IllegalArgumentException("file-selector: selectors must be separated by one space");
                }
                if (sel.startsWith("size:")) {
                    if (size != null) {
                        throw new IllegalArgumentException("file-selector: second size selector");
                    }
                    String digits = sel.substring(5);
                    size = SdpAttributes.parseUnsignedLong(digits, Long.MAX_VALUE, "file-selector: size");
                } else if (sel.startsWith("type:")) {
                    if (type != null) {
                        throw new IllegalArgumentException("file-selector: second type selector");
                    }
                    type = sel.substring(5);
                } else if (sel.startsWith("hash:")) {
                    String h = sel.substring(5);
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("file-selector: hash \"" + h + "\" (expected: <algorithm>:<hex:hex...>)");
                    }
                    hashes.add(new Hash(h.substring(0, colon), hex(h.substring(colon + 1))));
                } else {
                    throw new IllegalArgumentException("file-selector: unknown selector \"" + sel
                            + "\" (expected: name:, type:, size:, hash:)");
                }
            }
            if (i < n) {
                if (value.charAt(i) != ' ' || i + 1 >= n) {
                    throw new IllegalArgumentException("file-selector: selectors must be separated by one space");
                }
                i++;
            }
        }
        return new FileSelector(name, type, size, hashes);
    }

    private static int nextSpaceOutsideQuotes(String v, int from) {
        boolean inQuotes = false;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == ' ' && !inQuotes) {
                return i;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("file-selector: unterminated quoted parameter value");
        }
        return -1;
    }

    static Bytes hex(String hex) {
        int count = (hex.length() + 1) / 3;
        if (hex.isEmpty() || hex.length() != count * 3 - 1) {
            throw new IllegalArgumentException("malformed hex \"" + hex + "\" (expected: 2HEX *(\":\" 2HEX))");
        }
        byte[] out = new byte[count];
        for (int k = 0; k < count; k++) {
            int hi = Character.digit(hex.charAt(3 * k), 16);
            int lo = Character.digit(hex.charAt(3 * k + 1), 16);
            if (hi < 0 || lo < 0 || (k < count - 1 && hex.charAt(3 * k + 2) != ':')) {
                throw new IllegalArgumentException("malformed hex \"" + hex + "\" at offset " + (3 * k));
            }
            out[k] = (byte) (hi << 4 | lo);
        }
        return Bytes.of(out);
    }

    /** The attribute value; {@code null} when no selector is set (written {@code a=file-selector}). */
    public String format() {
        List<String> parts = new ArrayList<>();
        if (name != null) {
            parts.add("name:\"" + name + "\"");
        }
        if (type != null) {
            parts.add("type:" + type);
        }
        if (size != null) {
            parts.add("size:" + size);
        }
        for (Hash h : hashes) {
            parts.add("hash:" + h);
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    @Override
    public String toString() {
        String f = format();
        return f == null ? "" : f;
    }
}
