package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/**
 * Context properties of a request or reply (H.248.1 §7.2.9, Annex B {@code contextProperty}).
 * Absent: {@code priority}, {@code emergency} and {@code ieps} null, lists empty.
 *
 * @param priority   {@code Priority = 0..15}
 * @param emergency  {@code Emergency} (true) or, version 2+, {@code EmergencyOff} (false)
 * @param topology   {@code Topology { from, to, direction [, Stream = n] ... }}
 * @param ieps       version 3 {@code IEPSCall = ON|OFF}
 * @param attributes version 3 {@code ContextAttr { pkg/prop = value, ... }}
 */
public record ContextProperties(Integer priority, Boolean emergency, List<TopologyTriple> topology, Boolean ieps,
                                List<PropertyParm> attributes) {
    public ContextProperties {
        if (priority != null) {
            Checks.inRange(priority, 0, 15, "priority");
        }
        topology = List.copyOf(topology);
        attributes = List.copyOf(attributes);
        if (priority == null && emergency == null && topology.isEmpty() && ieps == null && attributes.isEmpty()) {
            throw new IllegalArgumentException("context properties: empty");
        }
    }

    public static ContextProperties priority(int priority) {
        return new ContextProperties(priority, null, List.of(), null, List.of());
    }
}
