package org.mediasec.msrp.session;

/**
 * Events of one MSRP session. Methods run on the session's thread (an event loop): they must be
 * quick and must not block; an exception thrown here is logged and otherwise ignored.
 */
public interface MsrpSessionListener {
    /** Ignores everything. */
    MsrpSessionListener NONE = new MsrpSessionListener() {
    };

    /** The session is bound to a connection and can carry messages. */
    default void connected(MsrpSession session) {
    }

    /** A complete message arrived. */
    default void messageReceived(ReceivedMessage message) {
    }

    /**
     * Progress of a message in either direction: {@code done} octets written to the connection
     * (sending) or stored (receiving), of {@code total} ({@code -1} when not yet known).
     */
    default void progress(String messageId, boolean sending, long done, long total) {
    }

    /**
     * Every chunk of a message was written and every expected transaction response was 200. With
     * Failure-Report {@code partial} or {@code no} no 200 comes, so this means "written"; under
     * {@code partial} a later negative response still arrives as {@link #sendFailed}.
     */
    default void messageSent(String messageId) {
    }

    /** A REPORT arrived for a message we sent, or a failure was detected locally (408). */
    default void reportReceived(MsrpReport report) {
    }

    /** A message we were sending failed. */
    default void sendFailed(SendFailure failure) {
    }

    /** The peer aborted a message it was sending ({@code #}); its partial body is discarded. */
    default void messageAborted(String messageId) {
    }

    /** The session can no longer be used (connection refused, TLS refused, connection lost). */
    default void sessionFailed(String reason) {
    }
}
