package org.mediasec.msrp;

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

    /** The last (id, body) that {@link #chooseFor} proved free of the end-line on this thread. */
    private static final class Proven {
        String id;
        Bytes body;
    }

    private static final ThreadLocal<Proven> PROVEN = ThreadLocal.withInitial(Proven::new);

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

    /**
     * A random transaction id whose end-line does not occur in {@code body}.
     *
     * <p>The pair just proven is remembered on this thread, so that the {@link MsrpRequest}
     * constructor that normally follows ({@code new MsrpRequest(chooseFor(body, r), ..., body, ...)},
     * as {@link MsrpChunker} does) does not search the same body again. Sound because {@link Bytes}
     * is immutable: the pair is recognised by the identity of the {@code Bytes} and the equality of
     * the id. At most one pair per thread is held, until the next check on this thread.
     */
    public static String chooseFor(Bytes body, RandomGenerator random) {
        while (true) {
            String id = random(random);
            if (!MsrpEndLineSearch.of(id).occursIn(body)) {
                Proven p = PROVEN.get();
                p.id = id;
                p.body = body;
                return id;
            }
        }
    }

    /**
     * Records on this thread that {@code body} was searched for {@code -------<transactionId>} and it
     * occurs nowhere in it, so the {@link MsrpRequest} constructor that follows with this very
     * {@code Bytes} instance and id does not search again (the same one-pair memo as
     * {@link #chooseFor}). For a stream decoder that scanned the body for its end-line while framing
     * ({@code MsrpFrameDecoder} via {@code MsrpCodec.decodeDelimited(frame, limits, true)}); a caller
     * that records a pair it did not search only weakens the check of its own next request.
     */
    public static void provenFree(String transactionId, Bytes body) {
        Proven p = PROVEN.get();
        p.id = transactionId;
        p.body = body;
    }

    /**
     * True if {@code body} contains {@code -------<transactionId>} followed by {@code $}, {@code +}
     * or {@code #}, i.e. a receiver could mistake part of the body for the end-line. The search
     * ({@link MsrpEndLineSearch}) probes every seventh octet for a hyphen. A pair {@link #chooseFor} has just proven on this
     * thread is answered without a second search.
     */
    public static boolean endLineOccursIn(String transactionId, Bytes body) {
        if (body.size() == 0) {
            return false;
        }
        Proven p = PROVEN.get();
        if (p.body != null) {
            boolean known = p.body == body && p.id.equals(transactionId);
            p.id = null;
            p.body = null;
            if (known) {
                return false;
            }
        }
        return MsrpEndLineSearch.of(transactionId).occursIn(body);
    }
}
