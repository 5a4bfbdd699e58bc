package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/**
 * One requested event (Annex B {@code requestedEvent}), e.g. {@code al/of{strict=state}} or
 * {@code dd/ce{DigitMap=Dialplan0}}. Null/false/empty when absent.
 *
 * @param streamId   {@code Stream = n}
 * @param keepActive {@code KeepActive}
 * @param digitMap   {@code DigitMap = name} or {@code DigitMap = { value }} (eventDM: a name or a value, not both)
 * @param embed      {@code Embed { Signals {...}, Events = id {...} }} (not allowed inside an embedded event)
 * @param parameters other parameters, e.g. {@code strict=state}
 */
public record RequestedEvent(String name, Integer streamId, boolean keepActive, DigitMapDescriptor digitMap,
                             Embed embed, List<PropertyParm> parameters) {
    public RequestedEvent {
        if (!Names.isPkgdName(name)) {
            throw new IllegalArgumentException("event name: \"" + name + "\" is not a pkgdName");
        }
        if (streamId != null) {
            Checks.inRange(streamId, 0, 65535, "streamId");
        }
        // Annex B: eventDM = DigitMapToken EQUAL ((digitMapName) / (LBRKT digitMapValue RBRKT))
        if (digitMap != null && (digitMap.name() == null) == (digitMap.value() == null)) {
            throw new IllegalArgumentException("eventDM: exactly one of a digit map name and a value");
        }
        parameters = List.copyOf(parameters);
        Names.notToken(parameters, "event " + name, "Stream", "ST", "KeepActive", "KA", "DigitMap", "DM", "Embed", "EM");
    }

    public static RequestedEvent of(String name, PropertyParm... parameters) {
        return new RequestedEvent(name, null, false, null, null, List.of(parameters));
    }

    /** {@code Embed { [Signals {...}] [, Events = id {...}] }}: at least one part present. */
    public record Embed(SignalsDescriptor signals, EventsDescriptor events) {
        public Embed {
            if (signals == null && events == null) {
                throw new IllegalArgumentException("Embed: empty");
            }
            if (events != null) {
                for (RequestedEvent e : events.events()) {
                    if (e.embed() != null) {
                        throw new IllegalArgumentException("Embed: embedded event " + e.name() + " has its own Embed");
                    }
                }
            }
        }
    }
}
