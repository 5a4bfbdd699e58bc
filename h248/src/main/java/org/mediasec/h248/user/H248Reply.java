package org.mediasec.h248.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.Transaction;

/**
 * What a user callback answers to a transaction request: the action replies now, an error for the
 * whole transaction now, or either of them later (the stack sends TransactionPending meanwhile).
 */
public sealed interface H248Reply permits H248Reply.Actions, H248Reply.Error, H248Reply.Later {

    /** The transaction succeeded (individual commands may still carry errors). */
    record Actions(List<ActionReply> actions) implements H248Reply {
        public Actions {
            actions = List.copyOf(actions);
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("actions: empty (answer an error instead)");
            }
        }
    }

    /** The transaction failed as a whole: {@code Reply = id { Error = code {"text"} }}. */
    record Error(ErrorDescriptor error) implements H248Reply {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The answer comes later, on any thread. */
    record Later(CompletionStage<? extends H248Reply> stage) implements H248Reply {
        public Later {
            Objects.requireNonNull(stage, "stage");
        }
    }

    static H248Reply of(ActionReply... actions) {
        return new Actions(List.of(actions));
    }

    static H248Reply of(List<ActionReply> actions) {
        return new Actions(actions);
    }

    static H248Reply error(ErrorCode code, String text) {
        return new Error(new ErrorDescriptor(code, text));
    }

    static H248Reply later(CompletionStage<? extends H248Reply> stage) {
        return new Later(stage);
    }

    /** Every command answered with an empty command reply, in the request's contexts (e.g. for Notify). */
    static H248Reply acknowledge(List<ActionRequest> actions) {
        List<ActionReply> replies = new ArrayList<>();
        for (ActionRequest a : actions) {
            List<CommandReply> commands = new ArrayList<>();
            for (CommandRequest c : a.commands()) {
                commands.add(CommandReply.of(c.kind(), c.terminationId()));
            }
            replies.add(new ActionReply(a.contextId(), null, commands, null));
        }
        return new Actions(replies);
    }

    /** The transaction reply for request {@code id}; a failure becomes the layer's error 500. */
    static CompletionStage<Transaction.Reply> toTransactionReply(long id, H248Reply reply) {
        Objects.requireNonNull(reply, "reply");
        if (reply instanceof Actions a) {
            return CompletableFuture.completedFuture(new Transaction.Reply(id, a.actions()));
        } else if (reply instanceof Error e) {
            return CompletableFuture.completedFuture(Transaction.Reply.error(id, e.error()));
        }
        return ((Later) reply).stage().thenCompose(r -> toTransactionReply(id, r));
    }
}
