package org.mediasec.h248.user;

/**
 * The application on the MGC side. Callbacks run on the stack's event loop: return quickly, and
 * answer slow work with {@link H248Reply#later}.
 */
public interface MgcUser {

    /** An MG registered (ServiceChange Restart, Failover, Disconnected or HandOff accepted). */
    default void mgRegistered(MgHandle mg) {
    }

    /**
     * An MG is gone: it deregistered (ServiceChange Graceful/Forced), a heartbeat or request to it
     * ran out of retransmissions, or its TCP connection closed.
     */
    default void mgLost(MgHandle mg, String reason) {
    }

    /**
     * A transaction request from an MG other than its registration, such as a Notify. The default
     * acknowledges every command. Throwing answers error 500.
     */
    default H248Reply handleTransactionRequest(MgHandle mg, H248Request request) throws Exception {
        return H248Reply.acknowledge(request.actions());
    }
}
