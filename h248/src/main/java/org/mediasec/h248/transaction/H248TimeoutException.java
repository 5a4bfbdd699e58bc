package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;

import org.mediasec.common.ProtocolException;

/** No reply came for a request: retransmissions exhausted (UDP) or LONG-TIMER expired (reliable transport). */
public final class H248TimeoutException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final transient InetSocketAddress peer;
    private final long transactionId;

    public H248TimeoutException(InetSocketAddress peer, long transactionId, String detail) {
        super("transaction " + transactionId + " to " + peer + " timed out: " + detail);
        this.peer = peer;
        this.transactionId = transactionId;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public long transactionId() {
        return transactionId;
    }
}
