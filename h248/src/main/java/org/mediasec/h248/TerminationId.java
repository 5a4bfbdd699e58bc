package org.mediasec.h248;

/**
 * H.248.1 §6.2.2 TerminationID in its text form: {@code ROOT}, {@code $} (CHOOSE), {@code *} (ALL),
 * or a name, possibly partly wildcarded ({@code rtp/*}). Kept as written (case included).
 */
public record TerminationId(String text) {
    public static final TerminationId ROOT = new TerminationId("ROOT");
    public static final TerminationId CHOOSE = new TerminationId("$");
    public static final TerminationId ALL = new TerminationId("*");

    public TerminationId {
        if (!Names.isPathName(text)) {
            throw new IllegalArgumentException("terminationId: \"" + text + "\" is not a TerminationID");
        }
    }

    public static TerminationId of(String text) {
        return new TerminationId(text);
    }

    public boolean isRoot() {
        return text.equalsIgnoreCase("ROOT");
    }

    /** True for {@code $}, {@code *} and partial wildcards. */
    public boolean isWildcard() {
        return text.indexOf('*') >= 0 || text.indexOf('$') >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
