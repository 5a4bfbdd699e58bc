package org.mediasec.msrp.internal;

import java.util.Map;
import java.util.TreeMap;

/** Disjoint, merged, 1-based inclusive octet ranges: which parts of a message have arrived. */
final class RangeSet {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long covered;

    /** Adds [start, end] (end may be start-1: empty). */
    void add(long start, long end) {
        if (end < start) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start - 1) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            covered -= before.getValue() - before.getKey() + 1;
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end + 1) {
            end = Math.max(end, next.getValue());
            covered -= next.getValue() - next.getKey() + 1;
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
        covered += end - start + 1;
    }

    /** True when every octet of [1, total] is present. */
    boolean coversAll(long total) {
        if (total == 0) {
            return true;
        }
        Map.Entry<Long, Long> first = ranges.firstEntry();
        return first != null && first.getKey() == 1 && first.getValue() >= total;
    }

    /** Octets present. */
    long covered() {
        return covered;
    }

    int size() {
        return ranges.size();
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
