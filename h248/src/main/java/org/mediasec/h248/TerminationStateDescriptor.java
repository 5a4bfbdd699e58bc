package org.mediasec.h248;

import java.util.List;

/** TerminationState descriptor (H.248.1 §7.1.5); {@code serviceState} and {@code buffer} null when absent. */
public record TerminationStateDescriptor(ServiceState serviceState, EventBufferControl buffer,
                                         List<PropertyParm> properties) {
    public TerminationStateDescriptor {
        properties = List.copyOf(properties);
        Names.notToken(properties, "TerminationState", "ServiceStates", "SI", "Buffer", "BF");
        if (serviceState == null && buffer == null && properties.isEmpty()) {
            throw new IllegalArgumentException("TerminationState: empty");
        }
    }
}
