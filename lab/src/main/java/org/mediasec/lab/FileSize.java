package org.mediasec.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File sizes as people write them: {@code 10MB} (10,000,000 octets), {@code 512KiB}, {@code 1048576}. */
public final class FileSize {
    /** The lab's default: 10 MB. */
    public static final long DEFAULT = 10_000_000L;
    /** The largest file the lab sends: 1 GiB (the UEs' default a=max-size). */
    public static final long MAX = 1L << 30;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    private FileSize() {
    }

    /** Parses {@code N}, {@code NB}, {@code NkB|NMB|NGB} (powers of 1000) or {@code NKiB|NMiB|NGiB} (powers of 1024). */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("file size: \"" + text + "\" (expected e.g. 10MB, 512KiB or 1000000)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> unit.contains("i") ? 1L << 10 : 1_000L;
            case 'm' -> unit.contains("i") ? 1L << 20 : 1_000_000L;
            case 'g' -> unit.contains("i") ? 1L << 30 : 1_000_000_000L;
            default -> 1L;
        };
        long size = Math.multiplyExact(n, factor);
        if (size < 0 || size > MAX) {
            throw new IllegalArgumentException("file size: " + text + " (expected: 0.." + MAX + " octets)");
        }
        return size;
    }

    /** {@code 10 MB}, {@code 512 KiB}, {@code 1,234 B}: the shortest exact form. */
    public static String text(long size) {
        if (size >= 1_000_000 && size % 1_000_000 == 0) {
            return size / 1_000_000 + " MB";
        }
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return size / (1 << 20) + " MiB";
        }
        if (size >= 1_000 && size % 1_000 == 0) {
            return size / 1_000 + " kB";
        }
        if (size >= 1 << 10 && size % (1 << 10) == 0) {
            return size / (1 << 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d B", size);
    }
}
