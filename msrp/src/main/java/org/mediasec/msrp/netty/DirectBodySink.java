package org.mediasec.msrp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpEndLineSearch;

/**
 * {@link BodySink}'s counterpart for {@link MsrpFrameDecoder#withDirectBodies}: collects a large body
 * from the received buffers into one pooled direct buffer (no zeroed heap array; the copy is a
 * memory move) while searching it for the end-line {@code CRLF -------<tid><flag> CRLF}, each
 * octet once. On {@link BodySink.Result#DONE} the buffer, trimmed to the body, passes to the caller
 * ({@link #takeBody}); until then {@link #release} frees it. Not thread-safe (one channel).
 */
final class DirectBodySink {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final MsrpEndLineSearch search;
    private final byte[] pattern;
    private final int markerLength;
    private final int maxBody;
    /** The expected body length (the previous body on the connection), or 0. */
    private final int expected;
    private ByteBuf acc;
    /** The first index a not yet decided {@code -------<tid>} may start at. */
    private int searchFrom;
    /** False once {@code -------<tid>} was seen in the body other than as its end-line. */
    private boolean clean;
    private int bodyLength = -1;
    private MsrpContinuation flag;

    /**
     * @param searchFrom where in the body (octets fed so far count from 0) the search must start: the
     *                   caller searched what lies before it
     * @param clean      no {@code -------<tid>} in what the caller searched
     */
    DirectBodySink(ByteBufAllocator alloc, MsrpEndLineSearch search, int markerLength, int expected, int maxBody,
                   int searchFrom, boolean clean) {
        this.search = search;
        this.pattern = search.pattern();
        this.markerLength = markerLength;
        this.maxBody = maxBody;
        this.expected = expected;
        int cap = maxBody + markerLength + 4;
        this.acc = alloc.directBuffer(Math.min(cap, Math.max(expected + markerLength + 3, 4096)), cap);
        this.searchFrom = searchFrom;
        this.clean = clean;
    }

    /** Takes {@code a[from, from + length)}, body octets the caller searched already (up to {@code searchFrom}). */
    void prefill(byte[] a, int from, int length) {
        acc.writeBytes(a, from, length);
    }

    /**
     * Copies octets of {@code in} until the end-line or the end of {@code in}. On DONE, octets after the
     * end-line that were copied are given back by moving {@code in}'s reader index back (all came from
     * {@code in}: the end-line's last octet is the first one that completes it).
     */
    BodySink.Result feed(ByteBuf in) {
        while (in.isReadable()) {
            int len = acc.writerIndex();
            // with a known length, copy just through the expected end-line first (nothing of the next frame)
            int want = expected > 0 && len < expected + markerLength + 3 ? expected + markerLength + 3 - len
                    : in.readableBytes();
            int n = Math.min(Math.min(want, in.readableBytes()), acc.maxWritableBytes());
            if (n == 0) {
                return BodySink.Result.TOO_LARGE;
            }
            acc.writeBytes(in, n);
            int end = find();
            if (end >= 0) {
                int after = end + markerLength + 3;
                in.readerIndex(in.readerIndex() - (acc.writerIndex() - after));
                acc.writerIndex(end);
                bodyLength = end;
                return BodySink.Result.DONE;
            }
            if (acc.writerIndex() > maxBody + markerLength + 3) {
                return BodySink.Result.TOO_LARGE;
            }
        }
        return BodySink.Result.MORE;
    }

    /** The CR of the end-line in {@code acc}, or -1; moves {@link #searchFrom} past what is decided. */
    private int find() {
        int len = acc.writerIndex();
        ByteBuf b = acc;
        int m = search.length();
        int from = Math.max(searchFrom, 2);
        while (true) {
            int at = BufferEndLineSearch.indexIn(search, pattern, b, from, len);
            if (at < 0) {
                searchFrom = Math.max(searchFrom, len - m + 1);
                return -1;
            }
            int f = at + m;
            if (f + 3 > len) {
                searchFrom = at; // decided when the flag and CRLF have arrived
                return -1;
            }
            if (b.getByte(at - 2) == CR && b.getByte(at - 1) == LF && MsrpContinuation.fromFlag(b.getByte(f)) != null
                    && b.getByte(f + 1) == CR && b.getByte(f + 2) == LF) {
                flag = MsrpContinuation.fromFlag(b.getByte(f));
                return at - 2;
            }
            clean = false;
            from = at + 1;
            searchFrom = from;
        }
    }

    /** On DONE: the body (readable octets), owned by the caller from now on. */
    ByteBuf takeBody() {
        if (bodyLength < 0) {
            throw new IllegalStateException("no end-line yet");
        }
        ByteBuf b = acc;
        acc = null;
        return b;
    }

    int bodyLength() {
        return bodyLength;
    }

    MsrpContinuation flag() {
        return flag;
    }

    boolean clean() {
        return clean;
    }

    /** The octets taken so far (the body so far) as a buffer owned by the caller; this sink is spent. */
    ByteBuf takeSoFar() {
        ByteBuf b = acc;
        acc = null;
        return b;
    }

    /** Frees the buffer unless it was taken. */
    void release() {
        if (acc != null) {
            acc.release();
            acc = null;
        }
    }
}
