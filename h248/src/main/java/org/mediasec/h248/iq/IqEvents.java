package org.mediasec.h248.iq;

import org.mediasec.common.Checks;

/**
 * The events the IMS-ALG requests on a termination: {@code Events = <requestId> { g/cause [, hangterm/thb] }}.
 *
 * <p>{@code g/cause} (H.248.1 Annex E.1 generic package, mandatory on Iq per TS 29.334 §5.14.1)
 * stands for "Notify (D)TLS session establishment Failure Event" (TS 23.334), "Notify TCP connection
 * establishment Failure Event" (TS 23.333) and "Notify Released Bearer": one event for all of them
 * (PROPOSAL, specs.md §5.6 P-b; the cause is in the event's parameters, see {@link IqFailure}).
 * {@code hangterm/thb} (H.248.36) is the mandatory "Notify termination heartbeat".
 *
 * @param requestId the RequestID echoed in the Notify's ObservedEvents
 * @param heartbeat also request {@code hangterm/thb}
 */
public record IqEvents(long requestId, boolean heartbeat) {
    /** {@code g/cause}. */
    public static final String FAILURE_EVENT = "g/cause";
    /** {@code hangterm/thb}. */
    public static final String HEARTBEAT_EVENT = "hangterm/thb";

    public IqEvents {
        Checks.inRange(requestId, 0, 0xFFFF_FFFFL, "requestId");
    }

    /** {@code g/cause} only. */
    public static IqEvents failures(long requestId) {
        return new IqEvents(requestId, false);
    }

    /** {@code g/cause} and {@code hangterm/thb}. */
    public static IqEvents failuresAndHeartbeat(long requestId) {
        return new IqEvents(requestId, true);
    }
}
