package org.mediasec.sdp;

/**
 * {@code a=file-range} (RFC 5547 §6): the octet range of the file to transfer, 1-based and
 * inclusive; {@code stop == null} means {@code *} (to the end of the file).
 *
 * <pre>
 * file-range-attr = "file-range:" start-offset "-" (stop-offset / "*")
 * start-offset    = integer   ; 1 is the first octet
 * stop-offset     = integer
 * </pre>
 */
public record FileRange(long start, Long stop) {
    public FileRange {
        if (start < 1) {
            throw new IllegalArgumentException("file-range: start " + start + " (expected: >= 1)");
        }
        if (stop != null && stop < start) {
            throw new IllegalArgumentException("file-range: stop " + stop + " is before start " + start);
        }
    }

    public static FileRange parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("file-range: missing value");
        }
        int dash = value.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("file-range: expected <start>-<stop|*>");
        }
        long start = number(value.substring(0, dash), "start");
        String s = value.substring(dash + 1);
        return new FileRange(start, s.equals("*") ? null : number(s, "stop"));
    }

    private static long number(String s, String what) {
        return SdpAttributes.parseUnsignedLong(s, Long.MAX_VALUE, "file-range: " + what);
    }

    public String format() {
        return start + "-" + (stop == null ? "*" : stop.toString());
    }

    @Override
    public String toString() {
        return format();
    }
}
