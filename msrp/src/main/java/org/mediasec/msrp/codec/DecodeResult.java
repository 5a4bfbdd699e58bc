package org.mediasec.msrp.codec;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpMessage;

/** The outcome of {@link MsrpCodec#decode}: a message, or why the frame is malformed. */
public sealed interface DecodeResult {

    /** A well-formed message. */
    record Ok(MsrpMessage message) implements DecodeResult {
        public Ok {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A malformed frame.
     *
     * @param reason    what is wrong, for a DEBUG log line
     * @param recovered what could be read of the start line and paths, so the layer above can reply
     *                  400 or 501 (empty when not even the transaction id was readable)
     */
    record Malformed(String reason, Optional<RecoveredHeader> recovered) implements DecodeResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(recovered, "recovered");
        }
    }
}
