package org.mediasec.h248;

import java.util.List;

/** EventBuffer descriptor (H.248.1 §7.1.10): {@code EventBuffer { event, ... }}; empty: {@code EventBuffer}. */
public record EventBufferDescriptor(List<EventSpec> events) implements Descriptor {
    public EventBufferDescriptor {
        events = List.copyOf(events);
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.EVENT_BUFFER;
    }

    /** Annex B {@code eventSpec}: name, optional stream, other parameters. */
    public record EventSpec(String name, Integer streamId, List<PropertyParm> parameters) {
        public EventSpec {
            if (!Names.isPkgdName(name)) {
                throw new IllegalArgumentException("event name: \"" + name + "\" is not a pkgdName");
            }
            parameters = List.copyOf(parameters);
            Names.notToken(parameters, "event " + name, "Stream", "ST");
        }
    }
}
