package org.mediasec.msrp.netty;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpEndLineSearch;

/**
 * Collects a large body for {@link MsrpFrameDecoder} straight from the received buffers into the
 * array that becomes the message's {@code Bytes}, so body octets are copied once (not into a
 * cumulation first and then out of it), while searching for the end-line {@code CRLF -------<tid>
 * <flag> CRLF} as the cumulating path does.
 *
 * <p>The array is sized by a guess (the previous body on the connection: file-transfer chunks are
 * of equal size). When the body fills it exactly and the end-line follows, the array is the body
 * with no further copy; a shorter body costs one trimming copy, a longer one a grow. Octets after
 * the end-line (the next frames) are handed back to the decoder. Not thread-safe (one channel).
 */
final class BodySink {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** What {@link #feed} found. */
    enum Result {
        /** All input consumed; the end-line has not arrived yet. */
        MORE,
        /** The end-line was found: see {@link #body()}, {@link #flag()}, {@link #leftover()}. */
        DONE,
        /** More than {@code maxBody} octets without an end-line. */
        TOO_LARGE
    }

    private final MsrpEndLineSearch search;
    /** {@code CRLF "-------" tid}. */
    private final byte[] marker;
    private final int maxBody;
    /** The array never grows beyond this: a body of {@code maxBody}, its end-line and one octet more. */
    private final int limitCap;
    private byte[] arr;
    private int len;
    /** Where the next search starts: earlier octets hold no possible end-line start. */
    private int searchFrom;
    /** A {@code -------<tid>} near the end of the array waits for the octets after it. */
    private boolean pending;
    /** Octets following a full array that may be the start of the end-line (fewer than an end-line). */
    private byte[] tail = new byte[0];
    /** False once {@code -------<tid>} was seen in the body other than as its end-line. */
    private boolean clean = true;
    private byte[] body;
    private MsrpContinuation flag;
    /** Octets of the array after the end-line (the start of the next frames), on DONE. */
    private byte[] leftover;

    /**
     * @param src     holds the body octets that arrived with the head, {@code src[from, from + length)}:
     *                searched already, no end-line and no pending candidate in them
     * @param guess   expected body length
     * @param maxBody the largest body allowed ({@code MsrpLimits.maxChunkSize})
     * @param clean   no {@code -------<tid>} in the octets searched so far
     */
    BodySink(MsrpEndLineSearch search, byte[] marker, byte[] src, int from, int length, int guess, int maxBody,
             boolean clean) {
        this.search = search;
        this.marker = marker;
        this.maxBody = maxBody;
        this.limitCap = maxBody + marker.length + 4;
        this.arr = new byte[Math.min(limitCap, Math.max(guess, length + 1))];
        System.arraycopy(src, from, arr, 0, length);
        this.len = length;
        this.searchFrom = Math.max(0, length - (marker.length + 2));
        this.clean = clean;
    }

    /**
     * A sink holding {@code length} body octets taken from {@code src} (its reader index moves), which
     * the caller searched for {@code -------<tid>} up to body offset {@code searchFrom} (where an
     * undecided one may start); {@code guess} must exceed {@code length}.
     */
    static BodySink searched(MsrpEndLineSearch search, byte[] marker, ByteBuf src, int length, int searchFrom,
                             int guess, int maxBody, boolean clean) {
        BodySink s = new BodySink(search, marker, new byte[0], 0, 0, Math.max(guess, length + 1), maxBody, clean);
        src.readBytes(s.arr, 0, length);
        s.len = length;
        s.searchFrom = Math.max(0, Math.min(searchFrom, length));
        return s;
    }

    /** Takes octets from {@code in} (moving its reader index) until the end-line or the end of {@code in}. */
    Result feed(ByteBuf in) {
        while (true) {
            if (tail.length > 0 || len == arr.length) {
                // the array is full: either the end-line starts right after it, or the body is longer
                int need = marker.length + 3;
                int have = Math.min(need - tail.length, in.readableBytes());
                byte[] t = Arrays.copyOf(tail, tail.length + have);
                in.getBytes(in.readerIndex(), t, tail.length, have);
                int match = matchesEndLine(t);
                if (match > 0 && !pending) {
                    // every octet of the array was searched and the end-line starts at its end
                    in.skipBytes(have);
                    body = arr;
                    flag = MsrpContinuation.fromFlag(t[marker.length]);
                    leftover = new byte[0];
                    return Result.DONE;
                }
                if (match == 0 && !pending) {
                    // a prefix of the end-line so far: keep it, wait for more
                    in.skipBytes(have);
                    tail = t;
                    return Result.MORE;
                }
                // not the end-line (or a candidate inside the array is still open): grow, move the tail in
                if (arr.length >= limitCap) {
                    return Result.TOO_LARGE;
                }
                int cap = (int) Math.min(limitCap, Math.max(2L * arr.length, len + 1024L));
                arr = Arrays.copyOf(arr, cap);
                int n = Math.min(tail.length, cap - len);
                System.arraycopy(tail, 0, arr, len, n);
                len += n;
                tail = Arrays.copyOfRange(tail, n, tail.length);
                if (findEndLine()) {
                    return Result.DONE;
                }
                if (len > maxBody + marker.length + 3) {
                    return Result.TOO_LARGE;
                }
                if (tail.length > 0) {
                    continue;
                }
            }
            int n = Math.min(in.readableBytes(), arr.length - len);
            in.readBytes(arr, len, n);
            len += n;
            if (findEndLine()) {
                return Result.DONE;
            }
            if (len > maxBody + marker.length + 3) {
                return Result.TOO_LARGE;
            }
            if (!in.isReadable()) {
                return Result.MORE;
            }
        }
    }

    /**
     * 1: {@code t} starts with {@code CRLF -------<tid> <flag> CRLF}; 0: {@code t} is a proper prefix
     * of such a line (undecided); -1: it is not.
     */
    private int matchesEndLine(byte[] t) {
        int need = marker.length + 3;
        for (int k = 0; k < Math.min(t.length, need); k++) {
            byte want;
            if (k < marker.length) {
                want = marker[k];
            } else if (k == marker.length) {
                if (MsrpContinuation.fromFlag(t[k]) == null) {
                    return -1;
                }
                continue;
            } else {
                want = k == marker.length + 1 ? CR : LF;
            }
            if (t[k] != want) {
                return -1;
            }
        }
        return t.length >= need ? 1 : 0;
    }

    /** Searches {@code arr[searchFrom, len)}; on a complete end-line sets the result and returns true. */
    private boolean findEndLine() {
        int m = search.length();
        int from = searchFrom;
        pending = false;
        while (true) {
            int at = search.indexIn(arr, Math.max(from, 2), len);
            if (at < 0) {
                searchFrom = Math.max(searchFrom, len - (marker.length + 2));
                return false;
            }
            int f = at + m;
            if (f + 3 > len) {
                searchFrom = at - 2; // look again when more has arrived
                pending = true;
                return false;
            }
            if (arr[at - 2] == CR && arr[at - 1] == LF && MsrpContinuation.fromFlag(arr[f]) != null
                    && arr[f + 1] == CR && arr[f + 2] == LF) {
                int end = at - 2;
                body = end == arr.length ? arr : Arrays.copyOf(arr, end);
                flag = MsrpContinuation.fromFlag(arr[f]);
                leftover = Arrays.copyOfRange(arr, f + 3, len);
                return true;
            }
            clean = false;
            from = at + 1;
        }
    }

    /** The octets taken so far and not yet decided on (before DONE): the body so far, then the held tail. */
    byte[] taken() {
        byte[] out = Arrays.copyOf(arr, len + tail.length);
        System.arraycopy(tail, 0, out, len, tail.length);
        return out;
    }

    /** The body, on DONE: owned by the caller. */
    byte[] body() {
        return body;
    }

    MsrpContinuation flag() {
        return flag;
    }

    /** Octets after the end-line that were already copied into the array, on DONE (the rest is still in the input). */
    byte[] leftover() {
        return leftover;
    }

    /** True if the body was searched for {@code -------<tid>} and holds it nowhere. */
    boolean clean() {
        return clean;
    }
}
