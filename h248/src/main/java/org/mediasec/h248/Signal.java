package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/**
 * One signal (Annex B {@code signalRequest}), e.g. {@code cg/rt} or
 * {@code an/apf{SignalType=TimeOut, Duration=100}}. Null/false/empty when absent.
 */
public record Signal(String name, Integer streamId, SignalType signalType, Long duration,
                     List<NotifyCompletion> notifyCompletion, boolean keepActive, List<PropertyParm> parameters)
        implements SignalRequest {
    public Signal {
        if (!Names.isPkgdName(name)) {
            throw new IllegalArgumentException("signal name: \"" + name + "\" is not a pkgdName");
        }
        if (streamId != null) {
            Checks.inRange(streamId, 0, 65535, "streamId");
        }
        if (duration != null) {
            Checks.inRange(duration, 0, 65535, "duration");
        }
        if (Names.isToken(name, "SignalList", "SL")) {
            throw new IllegalArgumentException("signal name \"" + name + "\" is the SignalList token");
        }
        notifyCompletion = List.copyOf(notifyCompletion);
        parameters = List.copyOf(parameters);
        Names.notToken(parameters, "signal " + name, "Stream", "ST", "SignalType", "SY", "Duration", "DR",
                "NotifyCompletion", "NC", "KeepActive", "KA");
    }

    public static Signal of(String name) {
        return new Signal(name, null, null, null, List.of(), false, List.of());
    }
}
