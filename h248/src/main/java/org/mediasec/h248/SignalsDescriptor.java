package org.mediasec.h248;

import java.util.List;

/** Signals descriptor (H.248.1 §7.1.11); empty ({@code Signals}) stops all signals. */
public record SignalsDescriptor(List<SignalRequest> signals) implements Descriptor {
    public SignalsDescriptor {
        signals = List.copyOf(signals);
    }

    public static final SignalsDescriptor EMPTY = new SignalsDescriptor(List.of());

    public static SignalsDescriptor of(SignalRequest... signals) {
        return new SignalsDescriptor(List.of(signals));
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.SIGNALS;
    }
}
