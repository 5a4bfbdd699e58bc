package org.mediasec.h248;

import java.util.List;

/** Statistics descriptor (H.248.1 §7.1.15): {@code Statistics { rtp/ps=1200, nt/os }}; empty: {@code Statistics}. */
public record StatisticsDescriptor(List<Statistic> statistics) implements Descriptor {
    public StatisticsDescriptor {
        statistics = List.copyOf(statistics);
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.STATISTICS;
    }

    /** {@code pkgdName [= VALUE]}; value null when absent (an audit request). */
    public record Statistic(String name, String value) {
        public Statistic {
            if (!Names.isPkgdName(name)) {
                throw new IllegalArgumentException("statistic name: \"" + name + "\"");
            }
            if (value != null && !Names.isValue(value)) {
                throw new IllegalArgumentException("statistic value: \"" + value + "\"");
            }
            value = Names.canonicalValue(value);
        }
    }
}
