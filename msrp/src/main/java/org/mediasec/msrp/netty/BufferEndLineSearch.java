package org.mediasec.msrp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;

import org.mediasec.msrp.MsrpEndLineSearch;

/**
 * {@link MsrpEndLineSearch} over a Netty buffer's absolute indexes: a buffer with a memory address (a
 * pooled direct buffer: the TLS handler's output, a body collected by {@link DirectBodySink}, a piece
 * read for sending) is read through it, one octet in seven as {@link MsrpEndLineSearch} probes an
 * array (a run of seven hyphens covers every occurrence); as fast as the array search, about three
 * times the speed of reading the octets through a {@code ByteBuffer}. Other buffers go through
 * {@link MsrpEndLineSearch#indexIn(java.nio.ByteBuffer, int, int)}.
 */
final class BufferEndLineSearch {
    private static final int RUN = 7;

    private BufferEndLineSearch() {
    }

    /**
     * Index (into {@code b}) of the first {@code -------<tid>} ({@code p}, the pattern of {@code s})
     * lying wholly in {@code b[from, to)}, or -1; only octets in that range are read.
     */
    static int indexIn(MsrpEndLineSearch s, byte[] p, ByteBuf b, int from, int to) {
        if (!b.hasMemoryAddress()) {
            if (to <= from) {
                return -1;
            }
            int at = s.indexIn(b.nioBuffer(from, to - from), 0, to - from);
            return at < 0 ? -1 : from + at;
        }
        final long base = b.memoryAddress();
        final int m = p.length;
        final int limit = to - m; // last index the pattern may start at
        for (int q = from + RUN - 1; q <= limit + RUN - 1; q += RUN) {
            if (PlatformDependent.getByte(base + q) == '-') {
                int last = Math.min(q, limit);
                candidates:
                for (int i = Math.max(from, q - RUN + 1); i <= last; i++) {
                    for (int k = 0; k < m; k++) {
                        if (PlatformDependent.getByte(base + i + k) != p[k]) {
                            continue candidates;
                        }
                    }
                    return i;
                }
            }
        }
        return -1;
    }
}
