package org.mediasec.pcscf.alg;

import java.util.List;
import java.util.Objects;

import org.mediasec.sdp.SessionDescription;

/**
 * The result of applying an answer: the SDP to send on (toward the UE for an originating session,
 * toward the core for a terminating one) and one update per anchored stream.
 *
 * @param answer  the answer to forward
 * @param updates per anchored stream, in m-line order
 */
public record AnswerResult(SessionDescription answer, List<StreamUpdate> updates) {
    public AnswerResult {
        Objects.requireNonNull(answer, "answer");
        updates = List.copyOf(updates);
    }
}
