package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/** {@code SignalList = id { signal, ... }} (H.248.1 §7.1.11). */
public record SignalList(int id, List<Signal> signals) implements SignalRequest {
    public SignalList {
        Checks.inRange(id, 0, 65535, "signalListId");
        signals = List.copyOf(signals);
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("SignalList: empty");
        }
    }
}
