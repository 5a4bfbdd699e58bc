package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/**
 * ObservedEvents descriptor (H.248.1 §7.1.17): {@code ObservedEvents = requestId { [time:]event, ... }};
 * the bare {@code ObservedEvents} of an audit reply has neither.
 */
public record ObservedEventsDescriptor(Long requestId, List<ObservedEvent> events) implements Descriptor {
    public ObservedEventsDescriptor {
        events = List.copyOf(events);
        if ((requestId == null) != events.isEmpty()) {
            throw new IllegalArgumentException("ObservedEvents: request id and events go together");
        }
        if (requestId != null) {
            Checks.inRange(requestId, 0, 0xFFFF_FFFFL, "requestId");
        }
    }

    public static ObservedEventsDescriptor of(long requestId, ObservedEvent... events) {
        return new ObservedEventsDescriptor(requestId, List.of(events));
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.OBSERVED_EVENTS;
    }
}
