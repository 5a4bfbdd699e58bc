package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/**
 * Events descriptor (H.248.1 §7.1.9): {@code Events = requestId { event, ... }}; the empty
 * descriptor {@code Events} has no request id and no events.
 */
public record EventsDescriptor(Long requestId, List<RequestedEvent> events) implements Descriptor {
    public EventsDescriptor {
        events = List.copyOf(events);
        if ((requestId == null) != events.isEmpty()) {
            throw new IllegalArgumentException("Events: request id and events go together");
        }
        if (requestId != null) {
            Checks.inRange(requestId, 0, 0xFFFF_FFFFL, "requestId");
        }
    }

    public static final EventsDescriptor EMPTY = new EventsDescriptor(null, List.of());

    public static EventsDescriptor of(long requestId, RequestedEvent... events) {
        return new EventsDescriptor(requestId, List.of(events));
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.EVENTS;
    }
}
