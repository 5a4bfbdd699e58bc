package org.mediasec.sdp;

/**
 * An SDP text that cannot be parsed. Carries the 1-based line number, the offending line (without
 * its line terminator) and the reason. Unchecked; {@link SdpParser} never throws anything else on
 * any input text.
 */
public final class SdpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;
    private final String reason;

    public SdpParseException(int lineNumber, String line, String reason) {
        super("line " + lineNumber + ": " + reason + (line == null ? "" : " in \"" + printable(line) + "\""));
        this.lineNumber = lineNumber;
        this.line = line;
        this.reason = reason;
    }

    /** 1-based line number; 0 when the problem is the description as a whole (e.g. a missing line). */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line without its terminator, or {@code null} when no single line is at fault. */
    public String line() {
        return line;
    }

    /** Why the line was rejected. */
    public String reason() {
        return reason;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 120));
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > 120) {
            sb.append('…');
        }
        return sb.toString();
    }
}
