package org.mediasec.h248;

/**
 * Stream parameters (Annex B {@code streamParm}): LocalControl, Local, Remote and, version 3,
 * Statistics. Each is null when absent; at least one is present.
 */
public record StreamParms(LocalControlDescriptor localControl, SdpBlock local, SdpBlock remote,
                          StatisticsDescriptor statistics) {
    public StreamParms {
        if (localControl == null && local == null && remote == null && statistics == null) {
            throw new IllegalArgumentException("stream parameters: empty");
        }
    }
}
