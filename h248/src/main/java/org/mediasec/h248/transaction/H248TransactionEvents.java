package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;

import org.mediasec.h248.text.DecodeResult;

/**
 * Counters of the transaction layer (style §2.7, {@code H248Events}). Every method has an empty
 * default and must not throw.
 */
public interface H248TransactionEvents {
    H248TransactionEvents NONE = new H248TransactionEvents() {
    };

    default void requestSent(InetSocketAddress peer, long id) {
    }

    default void requestRetransmitted(InetSocketAddress peer, long id, int retransmission) {
    }

    default void requestTimedOut(InetSocketAddress peer, long id) {
    }

    default void pendingReceived(InetSocketAddress peer, long id) {
    }

    default void pendingSent(InetSocketAddress peer, long id) {
    }

    /** A request we already had: answered from the reply cache ({@code fromCache}) or with a Pending. */
    default void duplicateRequest(InetSocketAddress peer, long id, boolean fromCache) {
    }

    /** A reply for a transaction that is no longer outstanding (a repeated or late reply). */
    default void unexpectedReply(InetSocketAddress peer, long id) {
    }

    default void ackSent(InetSocketAddress peer, int transactions) {
    }

    default void ackReceived(InetSocketAddress peer, int releasedReplies) {
    }

    /** A reply left the cache because LONG-TIMER expired without an acknowledgement. */
    default void replyExpired(InetSocketAddress peer, long id) {
    }

    /** Input that did not decode; {@code answered} tells whether an error reply went back. */
    default void malformed(InetSocketAddress peer, DecodeResult.Malformed result, boolean answered) {
    }

    /** The user callback failed and the request was answered with error 500. */
    default void userFailure(InetSocketAddress peer, long id, Throwable failure) {
    }
}
