package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import org.mediasec.msrp.MsrpEndLineSearch;

/** {@link BufferEndLineSearch} agrees with the array search on every sub-range, through a memory address or not. */
class BufferEndLineSearchTest {

    @Test
    void agreesWithTheArraySearchOnRandomRangesWithPlantedPatterns() {
        MsrpEndLineSearch s = MsrpEndLineSearch.of("a1B2c3");
        byte[] p = s.pattern();
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 2000; round++) {
            byte[] a = new byte[r.nextInt(1, 400)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(4) == 0 ? (byte) '-' : (byte) r.nextInt(256);
            }
            for (int k = r.nextInt(3); k > 0 && a.length > p.length; k--) {
                int at = r.nextInt(a.length - p.length + 1);
                System.arraycopy(p, 0, a, at, Math.min(p.length - r.nextInt(2), a.length - at));
            }
            int from = r.nextInt(a.length + 1);
            int to = r.nextInt(from, a.length + 1);
            int want = s.indexIn(a, from, to);
            ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(a.length + 5).writeZero(5).writeBytes(a);
            ByteBuf heap = Unpooled.wrappedBuffer(a);
            try {
                int got = BufferEndLineSearch.indexIn(s, p, direct, from + 5, to + 5);
                assertThat(got < 0 ? -1 : got - 5).as("direct, round %d [%d, %d)", round, from, to).isEqualTo(want);
                assertThat(BufferEndLineSearch.indexIn(s, p, heap, from, to)).as("heap, round %d", round).isEqualTo(want);
            } finally {
                direct.release();
                heap.release();
            }
        }
        assertThat(new String(p, StandardCharsets.US_ASCII)).isEqualTo("-------a1B2c3");
    }
}
