package org.mediasec.h248;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.mediasec.h248.DescriptorKind.*;

/**
 * Audit descriptor (H.248.1 §7.1.12): {@code Audit { Media, Events, ... }}; empty is {@code Audit { }}.
 * Only the version 1 auditItem tokens are modelled (no individual audit parameters of version 2+).
 */
public record AuditDescriptor(List<DescriptorKind> items) implements Descriptor {
    static final Set<DescriptorKind> ITEMS = EnumSet.of(MUX, MODEM, MEDIA, SIGNALS, EVENT_BUFFER, DIGIT_MAP,
            STATISTICS, EVENTS, OBSERVED_EVENTS, PACKAGES);

    public AuditDescriptor {
        items = List.copyOf(items);
        for (DescriptorKind k : items) {
            if (!ITEMS.contains(k)) {
                throw new IllegalArgumentException(k.token() + " is not an audit item");
            }
        }
    }

    public static AuditDescriptor of(DescriptorKind... items) {
        return new AuditDescriptor(List.of(items));
    }

    @Override
    public DescriptorKind kind() {
        return AUDIT;
    }
}
