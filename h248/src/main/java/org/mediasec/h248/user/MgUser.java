package org.mediasec.h248.user;

import java.net.InetSocketAddress;

/**
 * The application on the MG side. Callbacks run on the stack's event loop: return quickly, and
 * answer slow work with {@link H248Reply#later}.
 */
public interface MgUser {

    /**
     * A transaction request from the MGC (audits of ROOT and ServiceChange HandOff are answered by
     * the stack). Throwing, or a failed {@code Later}, answers error 500 and the MG keeps serving.
     */
    H248Reply handleTransactionRequest(H248Request request) throws Exception;

    /** The MGC at {@code mgc} accepted our ServiceChange; {@code version} is the negotiated version. */
    default void registered(InetSocketAddress mgc, int version) {
    }

    /** The MGC stopped answering (registration, heartbeat or a request timed out); the MG registers again. */
    default void mgcLost(InetSocketAddress mgc, String reason) {
    }

    /** The MGC refused our ServiceChange with an error; the MG tries again after the retry interval. */
    default void registrationRejected(InetSocketAddress mgc, org.mediasec.h248.ErrorDescriptor error) {
    }
}
