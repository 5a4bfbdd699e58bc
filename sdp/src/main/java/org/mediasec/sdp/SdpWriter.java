package org.mediasec.sdp;

/**
 * Writes a {@link SessionDescription} as text: every line in the description's order, each ended
 * by CRLF (RFC 8866 §5). A description read by {@link SdpParser} from CRLF text writes back
 * byte-exact.
 */
public final class SdpWriter {
    private SdpWriter() {
    }

    public static String write(SessionDescription sdp) {
        StringBuilder sb = new StringBuilder(512);
        for (SdpLine l : sdp.lines()) {
            sb.append(l.line()).append("\r\n");
        }
        for (MediaDescription m : sdp.media()) {
            write(m, sb);
        }
        return sb.toString();
    }

    /** One media description ({@code m=} line and its lines), CRLF ended. */
    public static String write(MediaDescription m) {
        StringBuilder sb = new StringBuilder(256);
        write(m, sb);
        return sb.toString();
    }

    private static void write(MediaDescription m, StringBuilder sb) {
        sb.append("m=").append(m.mediaLineText()).append("\r\n");
        for (SdpLine l : m.lines()) {
            sb.append(l.line()).append("\r\n");
        }
    }
}
