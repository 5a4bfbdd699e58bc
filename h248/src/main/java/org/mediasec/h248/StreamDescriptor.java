package org.mediasec.h248;

import java.util.Objects;

import org.mediasec.common.Checks;

/** {@code Stream = id { ... }} (H.248.1 §7.1.6). */
public record StreamDescriptor(int id, StreamParms parms) {
    public StreamDescriptor {
        Checks.inRange(id, 0, 65535, "streamId");
        Objects.requireNonNull(parms, "parms");
    }
}
