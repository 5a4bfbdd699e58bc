package org.mediasec.msrp.netty;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.codec.RecoveredHeader;

/**
 * Passed up the pipeline (as a channel read) by {@link MsrpFrameDecoder} instead of a message.
 *
 * <ul>
 *   <li>{@link Kind#MALFORMED}: the frame was delimited but does not parse; the connection stays up
 *       and the application answers with {@link RecoveredHeader#reply()} (400, or 501).</li>
 *   <li>{@link Kind#FRAMING_LOST} and {@link Kind#LIMIT_EXCEEDED}: the decoder can no longer find
 *       message boundaries; it has logged one WARN line and closed the connection.</li>
 * </ul>
 */
public record MsrpFrameError(Kind kind, String reason, Optional<RecoveredHeader> recovered) {

    /** What went wrong. */
    public enum Kind {
        /** Framed but malformed: reply 400/501, keep the connection. */
        MALFORMED,
        /** Not an MSRP start line where one must be: the stream cannot be resynchronised. */
        FRAMING_LOST,
        /** A line, the header count or a body exceeded {@link org.mediasec.msrp.codec.MsrpLimits}. */
        LIMIT_EXCEEDED
    }

    public MsrpFrameError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recovered, "recovered");
    }

    /** True when the decoder closed the connection. */
    public boolean fatal() {
        return kind != Kind.MALFORMED;
    }
}
