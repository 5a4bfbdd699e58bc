package org.mediasec.pcscf.sip;

import java.util.Map;
import java.util.Objects;

import org.mediasec.pcscf.alg.AgwReservation;
import org.mediasec.pcscf.alg.IqPlan;
import org.mediasec.sdp.SessionDescription;

/**
 * One offer/answer exchange of a session (the initial INVITE, a re-INVITE or an UPDATE) with what the
 * IMS-AGW reserved for it, and the answer once it has been applied (so a repeated answer, in a 183 and
 * again in the 200, configures the AGW once). Guarded by its session's lock.
 */
final class Exchange {
    final SessionDescription offer;
    final IqPlan plan;
    final Map<Integer, AgwReservation> reserved;
    /** The answer as received, and as sent on, once applied. */
    String answerReceived;
    SessionDescription answerSent;
    /** The To tag of the response whose answer was applied, and whether it was a 2xx ({@link AnswerFork}). */
    String answerTag;
    boolean answerFinal;
    volatile boolean released;
    /** Streams whose contexts were already subtracted (the answerer refused them). */
    final java.util.Set<Integer> subtracted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Exchange(SessionDescription offer, IqPlan plan, Map<Integer, AgwReservation> reserved) {
        this.offer = Objects.requireNonNull(offer, "offer");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.reserved = Map.copyOf(reserved);
    }

    boolean answered() {
        return answerSent != null;
    }

    /** The reservations still held at the IMS-AGW. */
    java.util.List<AgwReservation> held() {
        java.util.List<AgwReservation> out = new java.util.ArrayList<>();
        reserved.forEach((i, r) -> {
            if (!subtracted.contains(i)) {
                out.add(r);
            }
        });
        return out;
    }
}
