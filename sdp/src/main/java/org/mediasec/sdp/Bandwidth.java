package org.mediasec.sdp;

import org.mediasec.common.Checks;

/**
 * The {@code b=} line (RFC 8866 §5.8): {@code b=<bwtype>:<bandwidth>}, e.g. {@code b=AS:64}.
 *
 * @param bwType    the bandwidth type token ({@code AS}, {@code CT}, {@code TIAS}, ...)
 * @param bandwidth the bandwidth, kilobits per second for {@code AS}/{@code CT}
 */
public record Bandwidth(String bwType, long bandwidth) implements SdpLine {
    public static final String AS = "AS";
    public static final String CT = "CT";

    public Bandwidth {
        Checks.token(bwType, "bwType");
        Checks.inRange(bandwidth, 0, Long.MAX_VALUE, "bandwidth");
    }

    @Override
    public char type() {
        return 'b';
    }

    @Override
    public String text() {
        return bwType + ':' + bandwidth;
    }

    @Override
    public String toString() {
        return line();
    }
}
