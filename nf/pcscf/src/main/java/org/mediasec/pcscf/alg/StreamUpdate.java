package org.mediasec.pcscf.alg;

import java.util.List;
import java.util.Objects;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqTermination;

/**
 * What to tell the IMS-AGW about one anchored stream once the answer is in: either the two Modifies
 * ("Configure AGW Connection Point" with the peer's Remote, the final TCP/TLS roles and
 * "Change Through-Connection" to SendReceive), or the release of both terminations (the stream was
 * rejected by the answerer or its answer cannot be applied).
 *
 * @param index       the m-line
 * @param reservation what the AGW reserved
 * @param access      the access side as it is to be configured (null on release)
 * @param core        the core side as it is to be configured (null on release)
 * @param failure     why the stream is released when the answerer did not reject it itself, else null
 */
public record StreamUpdate(int index, AgwReservation reservation, IqTermination access, IqTermination core,
                           String failure) {
    public StreamUpdate {
        Objects.requireNonNull(reservation, "reservation");
        if ((access == null) != (core == null)) {
            throw new IllegalArgumentException("both sides are modified, or the stream is released");
        }
    }

    /** True when both terminations are to be subtracted. */
    public boolean release() {
        return access == null;
    }

    /**
     * The action for the AGW: {@code Context = <id> { Modify = core, Modify = access }} (iq-profile.md §3 step 5)
     * or {@code { Subtract = access, Subtract = core }}.
     */
    public ActionRequest action(IqCommands commands) {
        if (release()) {
            return new ActionRequest(reservation.contextId(), List.of(IqCommands.subtract(reservation.accessId()),
                    IqCommands.subtract(reservation.coreId())));
        }
        return new ActionRequest(reservation.contextId(), List.of(commands.modify(reservation.coreId(), core),
                commands.modify(reservation.accessId(), access)));
    }
}
