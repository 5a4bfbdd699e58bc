package org.mediasec.h248;

import java.util.List;

/**
 * LocalControl descriptor (H.248.1 §7.1.7): Mode, ReserveGroup, ReserveValue (null when absent)
 * and package properties such as {@code tdmc/gain=2} or {@code nt/jit=40}.
 */
public record LocalControlDescriptor(StreamMode mode, Boolean reserveGroup, Boolean reserveValue,
                                     List<PropertyParm> properties) {
    public LocalControlDescriptor {
        properties = List.copyOf(properties);
        Names.notToken(properties, "LocalControl", "Mode", "MO", "ReservedGroup", "RG", "ReservedValue", "RV");
        if (mode == null && reserveGroup == null && reserveValue == null && properties.isEmpty()) {
            throw new IllegalArgumentException("LocalControl: empty");
        }
    }

    public static LocalControlDescriptor mode(StreamMode mode) {
        return new LocalControlDescriptor(mode, null, null, List.of());
    }
}
