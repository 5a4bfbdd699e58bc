package org.mediasec.h248;

import java.util.List;

/**
 * Modem descriptor (H.248.1 §7.1.2, deprecated from version 2): modem types (canonical long tokens
 * such as {@code V34}, {@code SynchISDN}, or {@code X-...} extensions) and properties. Empty: {@code Modem}.
 */
public record ModemDescriptor(List<String> types, List<PropertyParm> properties) implements Descriptor {
    public ModemDescriptor {
        types = List.copyOf(types);
        properties = List.copyOf(properties);
        for (String t : types) {
            if (!Names.MODEM_TYPES.contains(t) && !Names.isExtension(t)) {
                throw new IllegalArgumentException("modem type: \"" + t + "\" (expected: " + Names.MODEM_TYPES
                        + " or an X- extension)");
            }
        }
        if (types.isEmpty() && !properties.isEmpty()) {
            throw new IllegalArgumentException("modem properties without a modem type");
        }
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.MODEM;
    }
}
