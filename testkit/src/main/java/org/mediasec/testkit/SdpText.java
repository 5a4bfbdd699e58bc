package org.mediasec.testkit;

/**
 * SDP text for test fixtures (RFC 8866 §5): the session part every description starts with, so a fixture spells
 * out only its media sections. Lines end in LF, as in a Java text block; {@link #crlf} turns them into the CRLF
 * the wire (and an SDP writer) uses.
 */
public final class SdpText {
    private SdpText() {
    }

    /**
     * {@code v=0}, {@code o=<user> <sessionId> <version> IN IP4 <address>}, {@code s=-},
     * {@code c=IN IP4 <address>}, {@code t=0 0}: an IPv4 session whose origin and connection address agree.
     */
    public static String session(String user, long sessionId, long version, String address) {
        return session(user, sessionId, version, address, address);
    }

    /** As {@link #session(String, long, long, String)}, with the connection address {@code connection}. */
    public static String session(String user, long sessionId, long version, String origin, String connection) {
        return originAndName(user, sessionId, version, origin) + "c=IN IP4 " + connection + "\nt=0 0\n";
    }

    /** {@code v=0}, {@code o=}, {@code s=-}, {@code t=0 0}: no session-level {@code c=} (each media has its own). */
    public static String sessionWithoutConnection(String user, long sessionId, long version, String origin) {
        return originAndName(user, sessionId, version, origin) + "t=0 0\n";
    }

    private static String originAndName(String user, long sessionId, long version, String origin) {
        return "v=0\no=" + user + " " + sessionId + " " + version + " IN IP4 " + origin + "\ns=-\n";
    }

    /** {@code text} with each LF line end made CRLF. */
    public static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }
}
