package org.mediasec.pcscf.alg;

import java.util.List;
import java.util.Objects;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.sdp.TlsId;

/**
 * What to reserve at the IMS-AGW for one m-line: the access-side and core-side terminations
 * ("Reserve and Configure AGW Connection Point", TS 23.334 §8), or nothing for a rejected or disabled
 * stream. One H.248 context per stream, access side added first (iq-profile.md §9: the AGW puts the
 * first termination of a context in the access realm).
 *
 * @param decision    the decision
 * @param access      the access-side termination, or null when nothing is reserved
 * @param core        the core-side termination, or null when nothing is reserved
 * @param accessTlsId the {@code a=tls-id} the IMS-ALG chose for the AGW's DTLS association toward the UE
 *                    ("a new DTLS association identity", TS 23.334 §6.2.10), or null
 * @param msrpSessions the session-ids of the AGW's MSRP URIs when the stream is in MSRP application-aware
 *                    mode ({@link MsrpAwareMode}), or null when the AGW relays bytes
 */
public record StreamPlan(StreamDecision decision, IqTermination access, IqTermination core, TlsId accessTlsId,
                         MsrpAwareMode.SessionIds msrpSessions) {
    public StreamPlan {
        Objects.requireNonNull(decision, "decision");
        if ((access == null) != (core == null) || (access != null) != decision.action().anchored()) {
            throw new IllegalArgumentException("an anchored stream has both terminations, another none: " + decision);
        }
        if (msrpSessions != null && (access == null || !MsrpAwareMode.applies(access, core))) {
            throw new IllegalArgumentException("MSRP-aware mode needs application-aware MSRP terminations: " + decision);
        }
    }

    /** A stream whose AGW relays bytes (no MSRP-aware mode). */
    public StreamPlan(StreamDecision decision, IqTermination access, IqTermination core, TlsId accessTlsId) {
        this(decision, access, core, accessTlsId, null);
    }

    /** True when the AGW is asked for MSRP application-aware mode on this stream. */
    public boolean msrpAware() {
        return msrpSessions != null;
    }

    public int index() {
        return decision.index();
    }

    public boolean reserves() {
        return access != null;
    }

    /** {@code Context = $ { Add = $ {access}, Add = $ {core} }}. */
    public ActionRequest reserve(IqCommands commands) {
        if (!reserves()) {
            throw new IllegalStateException("stream " + index() + " (" + decision.action() + ") reserves nothing");
        }
        return new ActionRequest(ContextId.CHOOSE, List.of(commands.add(access), commands.add(core)));
    }
}
