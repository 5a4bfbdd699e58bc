package org.mediasec.h248;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A command in a transaction request (H.248.1 §7.2, Annex B {@code commandRequest}), with the
 * optional {@code O-} (optional) and {@code W-} (wildcarded response) prefixes.
 * Which descriptors a command may carry is checked here ({@link CommandRules}).
 */
public record CommandRequest(boolean optional, boolean wildcardResponse, CommandKind kind,
                             TerminationId terminationId, List<Descriptor> descriptors) {
    public CommandRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(terminationId, "terminationId");
        descriptors = List.copyOf(descriptors);
        String problem = CommandRules.checkRequest(kind, descriptors);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static CommandRequest of(CommandKind kind, TerminationId terminationId, Descriptor... descriptors) {
        return new CommandRequest(false, false, kind, terminationId, Arrays.asList(descriptors));
    }

    /** The first descriptor of the given type, or null. */
    public <T extends Descriptor> T descriptor(Class<T> type) {
        return CommandRules.first(descriptors, type);
    }
}
