package org.mediasec.h248.text;

import java.util.Objects;

import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.H248Message;

/** Outcome of decoding wire input: never an exception. */
public sealed interface DecodeResult {

    /** The message decoded. */
    record Ok(H248Message message) implements DecodeResult {
        public Ok {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The input is not a legal message.
     *
     * @param reason    what is wrong, for logs
     * @param position  character offset where the problem was found
     * @param errorCode the H.248.8 code to answer with: 406 (version), 403 (inside a transaction request) or 400
     * @param recovered what the mini decoder salvaged
     */
    record Malformed(String reason, int position, ErrorCode errorCode, RecoveredHeader recovered)
            implements DecodeResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(recovered, "recovered");
        }
    }

    /** The message, or an {@link IllegalStateException} carrying the reason (for tests and tools). */
    default H248Message orThrow() {
        if (this instanceof Ok ok) {
            return ok.message();
        }
        Malformed m = (Malformed) this;
        throw new IllegalStateException("malformed H.248 at " + m.position() + ": " + m.reason());
    }
}
