package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.Transaction;

/**
 * What the {@link H248TransactionLayer} hands upward: whole transaction requests, and messages
 * that carry only an error. Called on the layer's thread; must not block.
 */
public interface H248TransactionHandler {

    /**
     * A new transaction request (duplicates are answered by the layer and never reach here).
     * The returned stage gives the reply; its transaction id and ImmAckRequired flag are set by the
     * layer. While it is not complete, the layer sends TransactionPending. A stage that fails, or
     * an exception thrown here, is answered with error 500 (style §2.6).
     */
    CompletionStage<Transaction.Reply> onRequest(InetSocketAddress peer, H248Message message, Transaction.Request request);

    /** Any decoded message from {@code peer}, before its transactions are processed (for liveness). */
    default void onMessage(InetSocketAddress peer, H248Message message) {
    }

    /** A message whose body is a message-level error descriptor (Annex B {@code messageBody}). */
    default void onMessageError(InetSocketAddress peer, H248Message message, ErrorDescriptor error) {
    }
}
