package org.mediasec.msrp;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

import org.mediasec.common.Bytes;

/**
 * Transaction ids and the end-line rule of RFC 4975 §7.1: the body of a request must not contain
 * its end-line, so the sender picks a transaction id that does not occur in the body.
 */
public final class MsrpTransactionIds {
    private static final char[] ALPHANUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    /** 16 alphanumeric characters carry about 95 bits, above the 64 bits RFC 4975 §7.1 asks for. */
    public static final int DEFAULT_LENGTH = 16;

    private MsrpTransactionIds() {
    }

    /** A random transaction id of {@link #DEFAULT_LENGTH} alphanumeric characters. */
    public static String random(RandomGenerator random) {
        char[] c = new char[DEFAULT_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHANUM[random.nextInt(ALPHANUM.length)];
        }
        return new String(c);
    }

    /** A random transaction id whose end-line does not occur in {@code body}. */
    public static String chooseFor(Bytes body, RandomGenerator random) {
        while (true) {
            String id = random(random);
            if (!endLineOccursIn(id, body)) {
                return id;
            }
        }
    }

    /**
     * True if {@code body} contains {@code -------<transactionId>} followed by {@code $}, {@code +}
     * or {@code #}, i.e. a receiver could mistake part of the body for the end-line.
     */
    public static boolean endLineOccursIn(String transactionId, Bytes body) {
        byte[] pattern = ("-------" + transactionId).getBytes(StandardCharsets.US_ASCII);
        int n = body.size();
        int last = n - pattern.length - 1;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (body.get(i + k) != pattern[k]) {
                    continue outer;
                }
            }
            if (MsrpContinuation.fromFlag(body.get(i + pattern.length)) != null) {
                return true;
            }
        }
        return false;
    }
}
