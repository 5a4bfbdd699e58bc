package org.mediasec.h248;

/**
 * The content of a Local or Remote descriptor (H.248.1 §7.1.8): SDP text kept as written, without
 * the white space that surrounds it inside the braces. A literal {@code '}'} must be escaped as
 * {@code "\}"} (Annex B {@code octetString}). Parsing the SDP is the sdp module's job.
 */
public record SdpBlock(String text) {
    public SdpBlock {
        if (text == null) {
            throw new NullPointerException("text");
        }
        if (!text.strip().equals(text) && !text.isEmpty()) {
            throw new IllegalArgumentException("sdp: leading or trailing white space");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == '}' || c == 0 || c > 0xFF) {
                throw new IllegalArgumentException("sdp: unescaped '}' or illegal octet at " + i);
            }
        }
        if (text.endsWith("\\") && !text.endsWith("\\\\")) {
            throw new IllegalArgumentException("sdp: ends with a lone backslash");
        }
    }

    public static SdpBlock of(String text) {
        return new SdpBlock(text.strip());
    }

    /** Non-empty lines, trimmed: a white-space-insensitive view for comparing with other codecs. */
    public java.util.List<String> lines() {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
