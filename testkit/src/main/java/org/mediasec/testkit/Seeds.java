package org.mediasec.testkit;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeds for the in-house property tests. {@code -Dmediasec.seed=N} replays one case;
 * {@code -Dmediasec.cases=N} changes how many random cases run (default 200).
 * Tests print the seed in their assertion description so any failure can be replayed.
 */
public final class Seeds {
    private Seeds() {
    }

    public static LongStream seeds() {
        long fixed = Long.getLong("mediasec.seed", 0L);
        if (fixed != 0) {
            return LongStream.of(fixed);
        }
        return new SplittableRandom().longs(Integer.getInteger("mediasec.cases", 200));
    }
}
