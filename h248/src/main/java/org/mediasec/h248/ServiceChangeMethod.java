package org.mediasec.h248;

/**
 * ServiceChange method (H.248.1 §7.2.8) as an open enum: the six standard methods plus
 * {@code X-...}/{@code X+...} extensions. {@link #token()} is the long token or the extension name.
 */
public record ServiceChangeMethod(String token, String shortToken) {
    public static final ServiceChangeMethod FAILOVER = new ServiceChangeMethod("Failover", "FL");
    public static final ServiceChangeMethod FORCED = new ServiceChangeMethod("Forced", "FO");
    public static final ServiceChangeMethod GRACEFUL = new ServiceChangeMethod("Graceful", "GR");
    public static final ServiceChangeMethod RESTART = new ServiceChangeMethod("Restart", "RS");
    public static final ServiceChangeMethod DISCONNECTED = new ServiceChangeMethod("Disconnected", "DC");
    public static final ServiceChangeMethod HANDOFF = new ServiceChangeMethod("HandOff", "HO");

    private static final ServiceChangeMethod[] KNOWN = {FAILOVER, FORCED, GRACEFUL, RESTART, DISCONNECTED, HANDOFF};

    public ServiceChangeMethod {
        boolean known = false;
        for (ServiceChangeMethod m : knownOrEmpty()) {
            known |= m.token.equals(token) && m.shortToken.equals(shortToken);
        }
        // KNOWN is null only while the constants above are being created
        if (KNOWN != null && !known && !(Names.isExtension(token) && token.equals(shortToken))) {
            throw new IllegalArgumentException("method: \"" + token + "\" (expected: a standard method or X-name)");
        }
    }

    /** The standard methods; empty while they are being created. */
    private static ServiceChangeMethod[] knownOrEmpty() {
        return KNOWN == null ? new ServiceChangeMethod[0] : KNOWN;
    }

    /** A known method by long or short token (any case), or an extension {@code X-name}; null otherwise. */
    public static ServiceChangeMethod of(String word) {
        for (ServiceChangeMethod m : KNOWN) {
            if (m.token.equalsIgnoreCase(word) || m.shortToken.equalsIgnoreCase(word)) {
                return m;
            }
        }
        if (Names.isExtension(word)) {
            return new ServiceChangeMethod(word, word);
        }
        return null;
    }

    @Override
    public String toString() {
        return token;
    }
}
