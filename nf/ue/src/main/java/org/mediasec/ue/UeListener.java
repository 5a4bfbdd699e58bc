package org.mediasec.ue;

/**
 * Events of a {@link Ue}. Called on the SIP event thread or an MSRP event loop: be quick, do not block.
 */
public interface UeListener {
    /** Ignores everything. */
    UeListener NONE = new UeListener() {
    };

    /** An INVITE arrived and auto-answer is off: accept or reject it. */
    default void callOffered(IncomingCall call) {
    }

    /** An incoming call is established: its MSRP session is connected and its peer verified. */
    default void callEstablished(UeCall call) {
    }

    /** An incoming call could not be set up (bad offer, MSRP/TLS failure). */
    default void callFailed(String from, String reason) {
    }

    /** The registration was lost (refresh refused or timed out). */
    default void registrationLost(String reason) {
    }
}
