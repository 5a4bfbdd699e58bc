package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;

import org.mediasec.h248.H248Message;

/**
 * Where the {@link H248TransactionLayer} sends its messages: UDP (H.248.1 Annex D.1), TCP with
 * TPKT (Annex D.2), and later SCTP. Incoming messages go the other way, into
 * {@link H248TransactionLayer#receive}. Implementations encode the message; they must not block.
 */
public interface H248Transport {

    /**
     * True when the transport delivers in order and without loss (TCP, SCTP): the transaction layer
     * then does not repeat requests (Annex D.2: "the transaction layer does not repeat ... over TCP").
     */
    boolean reliable();

    /** Sends one message to {@code peer}; a message that cannot be sent is dropped (and logged). */
    void send(InetSocketAddress peer, H248Message message);
}
