package org.mediasec.pcscf;

import java.util.List;
import java.util.Objects;

import org.mediasec.pcscf.alg.CallDirection;
import org.mediasec.pcscf.alg.StreamAction;

/**
 * A read-only picture of one session the IMS-ALG anchors (for the lab report and logs).
 *
 * @param callId    the dialog's Call-ID
 * @param direction whether the UE of this P-CSCF offered (originating) or was offered (terminating)
 * @param ue        the registered contact of the UE on the access side
 * @param agw       the IMS-AGW's mId, or empty when nothing is anchored
 * @param state     {@code offered}, {@code established}, {@code released}
 * @param streams   one per m-line of the current offer
 */
public record SessionView(String callId, CallDirection direction, String ue, String agw, String state,
                          List<Stream> streams) {
    public SessionView {
        Objects.requireNonNull(callId, "callId");
        streams = List.copyOf(streams);
    }

    /**
     * @param index     the m-line
     * @param media     its media type ({@code message}, {@code application}, ...)
     * @param action    what the IMS-ALG does with it (e2ae, pass-through, ...)
     * @param contextId the IMS-AGW context, or -1 when none
     * @param reason    the decision's reason
     */
    public record Stream(int index, String media, StreamAction action, long contextId, String reason) {
    }
}
