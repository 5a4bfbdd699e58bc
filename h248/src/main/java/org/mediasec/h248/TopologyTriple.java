package org.mediasec.h248;

import java.util.Objects;

import org.mediasec.common.Checks;

/** One entry of a Topology descriptor (H.248.1 §7.1.18); {@code streamId} (version 2+) is null when absent. */
public record TopologyTriple(TerminationId from, TerminationId to, TopologyDirection direction, Integer streamId) {
    public TopologyTriple {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(direction, "direction");
        if (streamId != null) {
            Checks.inRange(streamId, 0, 65535, "streamId");
        }
    }
}
