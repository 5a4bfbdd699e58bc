package org.mediasec.pcscf.alg;

import java.util.List;
import java.util.Objects;

/**
 * The IMS-ALG's decision for a whole offer: one {@link StreamDecision} per m-line, in order.
 *
 * @param direction where the offer came from
 * @param streams   one per m-line
 */
public record MediaDecision(CallDirection direction, List<StreamDecision> streams) {
    public MediaDecision {
        Objects.requireNonNull(direction, "direction");
        streams = List.copyOf(streams);
    }

    public StreamDecision stream(int index) {
        return streams.get(index);
    }
}
