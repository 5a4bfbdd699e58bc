package org.mediasec.h248;

import java.util.List;

/**
 * Media descriptor (H.248.1 §7.1.4): an optional TerminationState, optional parameters of the
 * default stream (when no Stream is named) and the Stream descriptors. All absent: {@code Media}.
 */
public record MediaDescriptor(TerminationStateDescriptor terminationState, StreamParms defaultStream,
                              List<StreamDescriptor> streams) implements Descriptor {
    public MediaDescriptor {
        streams = List.copyOf(streams);
    }

    public static MediaDescriptor of(StreamDescriptor... streams) {
        return new MediaDescriptor(null, null, List.of(streams));
    }

    public boolean isEmpty() {
        return terminationState == null && defaultStream == null && streams.isEmpty();
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.MEDIA;
    }
}
