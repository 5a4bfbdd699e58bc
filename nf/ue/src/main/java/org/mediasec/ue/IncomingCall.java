package org.mediasec.ue;

import java.util.concurrent.CompletionStage;

import org.mediasec.sdp.SessionDescription;

/**
 * An INVITE waiting for an answer (when {@link UeConfig#autoAnswer()} is off). Unanswered after
 * {@link UeConfig#callTimeout()} it is rejected with 480.
 */
public interface IncomingCall {
    /** The caller's address of record. */
    String from();

    /** e2ae when the offer carries {@code a=3ge2ae}, else e2e. */
    SecurityMode mode();

    /** The offer as received. */
    SessionDescription offer();

    /** Answers 200 with our SDP; completes with the call once the MSRP session is connected and verified. */
    CompletionStage<UeCall> accept();

    /** Rejects with {@code status} (e.g. 486 Busy Here, 603 Decline). */
    void reject(int status);
}
