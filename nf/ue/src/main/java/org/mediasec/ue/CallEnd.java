package org.mediasec.ue;

import java.util.Objects;

/**
 * How a call ended.
 *
 * @param byRemote true when the far side (or the network) ended it: a BYE received, a failed setup
 * @param reason   a sentence a person can read, e.g. {@code BYE from sip:bob@ims.example.net}
 */
public record CallEnd(boolean byRemote, String reason) {
    public CallEnd {
        Objects.requireNonNull(reason, "reason");
    }
}
