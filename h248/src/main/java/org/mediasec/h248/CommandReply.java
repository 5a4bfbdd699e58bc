package org.mediasec.h248;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A command reply (Annex B {@code commandReplys}); descriptors are the returned audit/error/services content. */
public record CommandReply(CommandKind kind, TerminationId terminationId, List<Descriptor> descriptors) {
    public CommandReply {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(terminationId, "terminationId");
        descriptors = List.copyOf(descriptors);
        String problem = CommandRules.checkReply(kind, descriptors);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static CommandReply of(CommandKind kind, TerminationId terminationId, Descriptor... descriptors) {
        return new CommandReply(kind, terminationId, Arrays.asList(descriptors));
    }

    public <T extends Descriptor> T descriptor(Class<T> type) {
        return CommandRules.first(descriptors, type);
    }
}
