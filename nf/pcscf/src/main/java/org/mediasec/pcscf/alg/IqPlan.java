package org.mediasec.pcscf.alg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.iq.IqCommands;

/**
 * The decision for an offer with the terminations to reserve per stream.
 *
 * @param decision the per-stream decision
 * @param streams  one plan per m-line, in order
 */
public record IqPlan(MediaDecision decision, List<StreamPlan> streams) {
    public IqPlan {
        Objects.requireNonNull(decision, "decision");
        streams = List.copyOf(streams);
    }

    public CallDirection direction() {
        return decision.direction();
    }

    public StreamPlan stream(int index) {
        return streams.get(index);
    }

    /** One {@code Context = $} action per anchored stream, in m-line order. */
    public List<ActionRequest> reservations(IqCommands commands) {
        List<ActionRequest> out = new ArrayList<>();
        for (StreamPlan s : streams) {
            if (s.reserves()) {
                out.add(s.reserve(commands));
            }
        }
        return out;
    }
}
