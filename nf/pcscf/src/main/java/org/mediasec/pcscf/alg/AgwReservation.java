package org.mediasec.pcscf.alg;

import java.util.Objects;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.iq.IqException;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqReplies;

/**
 * What the IMS-AGW reserved for one stream: the context, and per side the termination id and the
 * reply's Local (chosen address and port, and on a TLS termination the "Local certificate fingerprint").
 *
 * @param contextId the context the AGW created
 * @param accessId  the access-side termination
 * @param access    its Local, as replied
 * @param coreId    the core-side termination
 * @param core      its Local, as replied
 */
public record AgwReservation(ContextId contextId, TerminationId accessId, IqLocal access, TerminationId coreId,
                             IqLocal core) {
    public AgwReservation {
        Objects.requireNonNull(contextId, "contextId");
        Objects.requireNonNull(accessId, "accessId");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(coreId, "coreId");
        Objects.requireNonNull(core, "core");
    }

    /**
     * Reads the reply to {@link StreamPlan#reserve}: the first command reply is the access side, the second
     * the core side.
     *
     * @throws IqException when the AGW refused a command or its reply lacks what it had to choose
     */
    public static AgwReservation from(ActionReply reply) {
        if (reply.replies().size() != 2) {
            throw new IqException(org.mediasec.h248.ErrorCode.REQUIRED_INFORMATION_MISSING,
                    "expected two command replies (access, core), got " + reply.replies().size());
        }
        return new AgwReservation(reply.contextId(), reply.replies().get(0).terminationId(),
                IqReplies.local(reply.replies().get(0)), reply.replies().get(1).terminationId(),
                IqReplies.local(reply.replies().get(1)));
    }
}
