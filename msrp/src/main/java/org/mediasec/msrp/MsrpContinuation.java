package org.mediasec.msrp;

/** The continuation flag of the end-line (RFC 4975 §7.1): {@code $}, {@code +} or {@code #}. */
public enum MsrpContinuation {
    /** {@code $}: this is the last (or only) chunk of the message. */
    COMPLETE('$'),
    /** {@code +}: more chunks of this message follow. */
    MORE('+'),
    /** {@code #}: the sender aborts the message; no more chunks follow. */
    ABORT('#');

    private final char flag;

    MsrpContinuation(char flag) {
        this.flag = flag;
    }

    public char flag() {
        return flag;
    }

    /** The constant for a wire flag, or {@code null} if {@code c} is not one of {@code $ + #}. */
    public static MsrpContinuation fromFlag(int c) {
        return switch (c) {
            case '$' -> COMPLETE;
            case '+' -> MORE;
            case '#' -> ABORT;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return String.valueOf(flag);
    }
}
