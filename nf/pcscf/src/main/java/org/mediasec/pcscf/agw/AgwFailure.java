package org.mediasec.pcscf.agw;

import java.util.Objects;

import org.mediasec.h248.ContextId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.iq.IqFailure;
import org.mediasec.h248.user.MgHandle;

/**
 * A failure an IMS-AGW reported by Notify ("Notify (D)TLS session establishment Failure Event",
 * "Notify Released Bearer", docs/iq-profile.md rows 13-15).
 *
 * @param agw         who reported it
 * @param context     the context of the termination
 * @param termination the termination
 * @param failure     the cause, as read by {@code IqNotify.read}
 */
public record AgwFailure(MgHandle agw, ContextId context, TerminationId termination, IqFailure failure) {
    public AgwFailure {
        Objects.requireNonNull(agw, "agw");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(failure, "failure");
    }
}
