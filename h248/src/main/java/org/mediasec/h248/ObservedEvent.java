package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/** {@code 19990729T22000000:al/of{init=false}}; timestamp and stream null when absent. */
public record ObservedEvent(TimeNotation timestamp, String name, Integer streamId, List<PropertyParm> parameters) {
    public ObservedEvent {
        if (!Names.isPkgdName(name)) {
            throw new IllegalArgumentException("event name: \"" + name + "\" is not a pkgdName");
        }
        if (streamId != null) {
            Checks.inRange(streamId, 0, 65535, "streamId");
        }
        parameters = List.copyOf(parameters);
        Names.notToken(parameters, "event " + name, "Stream", "ST");
    }
}
