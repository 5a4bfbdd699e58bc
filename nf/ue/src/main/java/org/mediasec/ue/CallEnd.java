package org.mediasec.ue;

import java.util.Objects;

/**
 * How a call ended.
 *
 * @param cause  what ended it: a BYE this UE sent, a BYE it received, the media failing, ...
 * @param reason a sentence a person can read, e.g. {@code BYE from sip:bob@ims.example.net}
 */
public record CallEnd(Cause cause, String reason) {

    /** What ended a call. */
    public enum Cause {
        /** This UE hung up: it sent the BYE. */
        HUNG_UP,
        /** The far side (or the network on its behalf) sent a BYE: a remote hang-up. */
        BYE_RECEIVED,
        /** The MSRP session failed (connection closed or broken, TLS failure) before any BYE. */
        MEDIA_FAILED,
        /** The call could not be completed after the INVITE was answered (unusable answer, no connection). */
        SETUP_FAILED,
        /** The UE itself was closed. */
        UE_CLOSED
    }

    public CallEnd {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    /** True when the far side (or the network) ended it: a BYE received, the media failed under us. */
    public boolean byRemote() {
        return cause == Cause.BYE_RECEIVED || cause == Cause.MEDIA_FAILED;
    }

    /** True when a BYE ended the call, sent by either side (an orderly end, not a failure). */
    public boolean byBye() {
        return cause == Cause.HUNG_UP || cause == Cause.BYE_RECEIVED;
    }
}
