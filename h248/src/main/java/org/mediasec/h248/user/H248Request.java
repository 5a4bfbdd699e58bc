package org.mediasec.h248.user;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.MId;

/**
 * A transaction request as the user sees it: who sent it, in which protocol version, and its actions.
 *
 * @param peer          transport address of the sender
 * @param peerMId       the sender's mId from the message header
 * @param version       protocol version of the message
 * @param transactionId the transaction id (for logs; the stack matches replies itself)
 */
public record H248Request(InetSocketAddress peer, MId peerMId, int version, long transactionId,
                          List<ActionRequest> actions) {
    public H248Request {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerMId, "peerMId");
        actions = List.copyOf(actions);
    }

    /** The commands of all actions, in order. */
    public List<CommandRequest> commands() {
        return actions.stream().flatMap(a -> a.commands().stream()).toList();
    }
}
