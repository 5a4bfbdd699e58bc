package org.mediasec.msrp;

import java.nio.charset.StandardCharsets;

import org.mediasec.common.Bytes;

/**
 * A fast search for {@code -------<transaction-id>}, the end-line of RFC 4975 §7.1 without its flag
 * and CRLFs, in a body or a frame.
 *
 * <p>Boyer-Moore-Horspool: the pattern is 11 to 39 octets long and mostly unlike body data, so on a
 * typical body the search looks at about one octet in {@code transaction-id length} (every 16th for
 * {@link MsrpTransactionIds#DEFAULT_LENGTH}) instead of every octet. The worst case is
 * O(n · pattern length), as for the naive scan it replaces. Immutable and thread-safe; build one per
 * transaction id and reuse it for every search for that id.
 */
public final class MsrpEndLineSearch {
    private final byte[] pattern;
    /** Horspool bad-character shift, indexed by the unsigned value of the octet under the pattern's last position. */
    private final int[] shift;

    private MsrpEndLineSearch(byte[] pattern) {
        this.pattern = pattern;
        int m = pattern.length;
        int[] s = new int[256];
        java.util.Arrays.fill(s, m);
        for (int k = 0; k < m - 1; k++) {
            s[pattern[k] & 0xff] = m - 1 - k;
        }
        this.shift = s;
    }

    /** The search for {@code "-------" + transactionId}; the id is not validated here. */
    public static MsrpEndLineSearch of(String transactionId) {
        return new MsrpEndLineSearch(("-------" + transactionId).getBytes(StandardCharsets.US_ASCII));
    }

    /** Length of {@code -------<transaction-id>}: the end-line without flag and CRLF. */
    public int length() {
        return pattern.length;
    }

    /**
     * Index of the first {@code -------<transaction-id>} lying wholly in {@code a[from, to)}, or -1.
     * Only octets in {@code [from, to)} are read.
     */
    public int indexIn(byte[] a, int from, int to) {
        final byte[] p = pattern;
        final int[] s = shift;
        final int last = p.length - 1;
        final byte lastByte = p[last];
        int i = Math.max(from, 0);
        final int limit = Math.min(to, a.length) - p.length;
        while (i <= limit) {
            byte c = a[i + last];
            if (c == lastByte) {
                int k = last - 1;
                while (k >= 0 && a[i + k] == p[k]) {
                    k--;
                }
                if (k < 0) {
                    return i;
                }
            }
            i += s[c & 0xff];
        }
        return -1;
    }

    /** {@link #indexIn(byte[], int, int)} over {@code b[from, to)}. */
    public int indexIn(Bytes b, int from, int to) {
        final byte[] p = pattern;
        final int[] s = shift;
        final int last = p.length - 1;
        final byte lastByte = p[last];
        int i = Math.max(from, 0);
        final int limit = Math.min(to, b.size()) - p.length;
        while (i <= limit) {
            byte c = b.get(i + last);
            if (c == lastByte) {
                int k = last - 1;
                while (k >= 0 && b.get(i + k) == p[k]) {
                    k--;
                }
                if (k < 0) {
                    return i;
                }
            }
            i += s[c & 0xff];
        }
        return -1;
    }

    /**
     * True if {@code body} contains {@code -------<transaction-id>} followed by {@code $}, {@code +}
     * or {@code #} (with or without CRLFs around it): the RFC 4975 §7.1 condition a sender must avoid.
     */
    public boolean occursIn(Bytes body) {
        int n = body.size();
        int from = 0;
        while (true) {
            int at = indexIn(body, from, n - 1); // leave room for the flag
            if (at < 0) {
                return false;
            }
            if (MsrpContinuation.fromFlag(body.get(at + pattern.length)) != null) {
                return true;
            }
            from = at + 1;
        }
    }
}
