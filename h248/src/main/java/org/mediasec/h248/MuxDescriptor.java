package org.mediasec.h248;

import java.util.List;

/**
 * Mux descriptor (H.248.1 §7.1.3): {@code Mux = H221 { t1, t2 }}. Type is the canonical long
 * token ({@code H221}, {@code H223}, {@code H226}, {@code V76}, {@code Nx64Kservice}) or an extension;
 * empty (null type, no terminations): {@code Mux}.
 */
public record MuxDescriptor(String type, List<TerminationId> terminations) implements Descriptor {
    public MuxDescriptor {
        terminations = List.copyOf(terminations);
        if (type != null && !Names.MUX_TYPES.contains(type) && !Names.isExtension(type)) {
            throw new IllegalArgumentException("mux type: \"" + type + "\" (expected: " + Names.MUX_TYPES
                    + " or an X- extension)");
        }
        if (type == null ? !terminations.isEmpty() : terminations.isEmpty()) {
            throw new IllegalArgumentException("mux: type and terminations go together");
        }
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.MUX;
    }
}
