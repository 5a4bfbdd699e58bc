package org.mediasec.h248;

import java.util.List;
import java.util.Objects;

/**
 * Annex B {@code actionRequest}: {@code Context = id { [contextRequest,] [contextAudit,] command, ... }}.
 * {@code contextRequest} and {@code contextAudit} are null when absent.
 */
public record ActionRequest(ContextId contextId, ContextProperties contextRequest, ContextAudit contextAudit,
                            List<CommandRequest> commands) {
    public ActionRequest {
        Objects.requireNonNull(contextId, "contextId");
        commands = List.copyOf(commands);
        if (commands.isEmpty() && contextRequest == null && contextAudit == null) {
            throw new IllegalArgumentException("action on context " + contextId + ": empty");
        }
    }

    public ActionRequest(ContextId contextId, List<CommandRequest> commands) {
        this(contextId, null, null, commands);
    }

    public static ActionRequest of(ContextId contextId, CommandRequest... commands) {
        return new ActionRequest(contextId, null, null, List.of(commands));
    }
}
