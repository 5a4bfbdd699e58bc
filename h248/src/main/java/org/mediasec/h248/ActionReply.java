package org.mediasec.h248;

import java.util.List;
import java.util.Objects;

/**
 * Annex B {@code actionReply}: {@code Context = id { [contextProperties,] commandReply, ... [, errorDescriptor] }}
 * or {@code Context = id { errorDescriptor }}. Nullable: {@code contextReply}, {@code error}.
 */
public record ActionReply(ContextId contextId, ContextProperties contextReply, List<CommandReply> replies,
                          ErrorDescriptor error) {
    public ActionReply {
        Objects.requireNonNull(contextId, "contextId");
        replies = List.copyOf(replies);
        // Annex B: actionReply = CtxToken EQUAL ContextID LBRKT (errorDescriptor / commandReply ...) RBRKT
        if (contextReply == null && replies.isEmpty() && error == null) {
            throw new IllegalArgumentException("reply for context " + contextId + ": empty");
        }
    }

    public static ActionReply of(ContextId contextId, CommandReply... replies) {
        return new ActionReply(contextId, null, List.of(replies), null);
    }
}
