package org.mediasec.sdp;

/**
 * {@code a=tls-id} (RFC 8842 §4): identifies a TLS/DTLS association; a new value in an offer asks
 * for a new association.
 *
 * <pre>
 * tls-id-value = 20*255(tls-id-char)
 * tls-id-char  = ALPHA / DIGIT / "+" / "/" / "-" / "_"
 * </pre>
 */
public record TlsId(String value) {
    public TlsId {
        if (value == null) {
            throw new IllegalArgumentException("tls-id: missing value");
        }
        if (value.length() < 20 || value.length() > 255) {
            throw new IllegalArgumentException("tls-id: length " + value.length() + " (expected: 20..255 characters)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("tls-id: bad character '" + c + "' at " + i
                        + " (expected: ALPHA / DIGIT / \"+\" / \"/\" / \"-\" / \"_\")");
            }
        }
    }

    /** A fresh random id of 32 characters from the tls-id alphabet. */
    public static TlsId random(java.util.random.RandomGenerator random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new TlsId(sb.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
