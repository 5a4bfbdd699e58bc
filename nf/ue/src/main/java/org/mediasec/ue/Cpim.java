package org.mediasec.ue;

import java.util.Locale;
import java.util.Optional;

import org.mediasec.common.Bytes;

/**
 * Reads a {@code message/cpim} body (RFC 3862), the wrapper many IMS and RCS clients put around chat
 * messages: message headers ({@code From}, {@code To}, {@code DateTime}, ...), an empty line, then a MIME
 * entity: its headers (RFC 3862 §3.2: the encapsulated content's {@code Content-Type}), an empty line,
 * the body. The UE announces the types it unwraps in {@code a=accept-wrapped-types} (RFC 4975 §8.6).
 */
final class Cpim {
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};

    /** The wrapped content: its Content-Type and body. */
    record Content(String contentType, Bytes body) {
    }

    private Cpim() {
    }

    /** True for {@code message/cpim} (parameters and case ignored). */
    static boolean is(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("message/cpim");
    }

    /** The wrapped content, or empty when the body is not a CPIM message with a MIME entity. */
    static Optional<Content> unwrap(Bytes message) {
        byte[] b = message.toByteArray();
        int headersEnd = indexOf(b, 0);
        if (headersEnd < 0) {
            return Optional.empty();
        }
        int mimeStart = headersEnd + BLANK_LINE.length;
        int mimeEnd = indexOf(b, mimeStart);
        if (mimeEnd < 0) {
            return Optional.empty();
        }
        String contentType = "text/plain";
        String mime = new String(b, mimeStart, mimeEnd - mimeStart, java.nio.charset.StandardCharsets.UTF_8);
        for (String line : mime.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                contentType = line.substring(colon + 1).trim();
            }
        }
        int bodyStart = mimeEnd + BLANK_LINE.length;
        return Optional.of(new Content(contentType, Bytes.of(b, bodyStart, b.length - bodyStart)));
    }

    private static int indexOf(byte[] b, int from) {
        outer:
        for (int i = from; i <= b.length - BLANK_LINE.length; i++) {
            for (int j = 0; j < BLANK_LINE.length; j++) {
                if (b[i + j] != BLANK_LINE[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
