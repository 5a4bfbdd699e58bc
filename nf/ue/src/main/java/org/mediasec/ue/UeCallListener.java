package org.mediasec.ue;

/**
 * Events of one call. Called on an MSRP event loop or the SIP event thread: be quick, do not block.
 */
public interface UeCallListener {
    /** A chat message (text/plain) arrived. */
    default void textReceived(UeCall call, String text) {
    }

    /** A file arrived and was saved; its SHA-256 is computed. */
    default void fileReceived(UeCall call, ReceivedFile file) {
    }

    /** Octets of an incoming file stored so far ({@code total} -1 when unknown). */
    default void receiveProgress(UeCall call, long done, long total) {
    }

    /** The call ended (either side, or a failure). Called once. */
    default void ended(UeCall call, CallEnd end) {
    }
}
