package org.mediasec.sdp;

import org.mediasec.common.Checks;

/**
 * The {@code t=} line (RFC 8866 §5.9): {@code t=<start-time> <stop-time>}, NTP seconds;
 * {@code t=0 0} is an unbounded session. Repeat ({@code r=}) and zone ({@code z=}) lines follow as
 * {@link TextLine}s.
 */
public record Timing(long start, long stop) implements SdpLine {
    /** {@code t=0 0}. */
    public static final Timing UNBOUNDED = new Timing(0, 0);

    public Timing {
        Checks.inRange(start, 0, Long.MAX_VALUE, "start");
        Checks.inRange(stop, 0, Long.MAX_VALUE, "stop");
    }

    @Override
    public char type() {
        return 't';
    }

    @Override
    public String text() {
        return start + " " + stop;
    }

    @Override
    public String toString() {
        return line();
    }
}
