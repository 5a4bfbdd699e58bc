package org.mediasec.h248;

import org.mediasec.common.Checks;

/**
 * H.248.1 §8.1.2 context identifier (UINT32). Text encoding: {@code -} is {@link #NULL},
 * {@code $} is {@link #CHOOSE}, {@code *} is {@link #ALL} (the binary encoding's values are used).
 */
public record ContextId(long value) {
    public static final ContextId NULL = new ContextId(0L);
    public static final ContextId CHOOSE = new ContextId(0xFFFF_FFFEL);
    public static final ContextId ALL = new ContextId(0xFFFF_FFFFL);

    public ContextId {
        Checks.inRange(value, 0, 0xFFFF_FFFFL, "contextId");
    }

    public static ContextId of(long value) {
        return new ContextId(value);
    }

    @Override
    public String toString() {
        if (value == 0) {
            return "-";
        } else if (value == CHOOSE.value) {
            return "$";
        } else if (value == ALL.value) {
            return "*";
        }
        return Long.toString(value);
    }
}
