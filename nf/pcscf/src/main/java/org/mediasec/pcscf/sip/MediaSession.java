package org.mediasec.pcscf.sip;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.pcscf.SessionView;
import org.mediasec.pcscf.agw.AgwClient;
import org.mediasec.pcscf.alg.AgwReservation;
import org.mediasec.pcscf.alg.CallDirection;
import org.mediasec.pcscf.alg.StreamPlan;
import org.mediasec.pcscf.registration.RegistrationKey;
import org.mediasec.sdp.MediaDescription;

/**
 * The IMS-ALG state of one session (one INVITE dialog, by Call-ID): which UE it serves, the IMS-AGW
 * that anchors it, the exchange in force and the one under negotiation, the dialog once established.
 * Every method is synchronized: SIP events and IMS-AGW replies arrive on different threads.
 */
final class MediaSession {
    enum State { OFFERED, ESTABLISHED, RELEASED }

    final String callId;
    /** Whether the UE of this P-CSCF sent the initial offer (originating) or receives it (terminating). */
    final CallDirection direction;
    /** The UE's registration, or null when it is not registered through us. */
    final RegistrationKey ueKey;
    final String ueContact;
    private AgwClient agw;
    private Exchange current;
    private Exchange pending;
    private State state = State.OFFERED;
    private Dialog dialog;
    /** The tag of the UE's side of the dialog (From tag when it called, To tag when it was called). */
    private String ueTag;
    /** The bounds on the session's life ({@link SessionLifetime}); cancelled when it is released. */
    private org.mediasec.common.TimerService.Timeout maxTimer;
    private org.mediasec.common.TimerService.Timeout refreshTimer;
    /** Highest CSeq seen in requests from the caller and from the callee. */
    private long callerCseq;
    private long calleeCseq;

    MediaSession(String callId, CallDirection direction, RegistrationKey ueKey, String ueContact) {
        this.callId = callId;
        this.direction = direction;
        this.ueKey = ueKey;
        this.ueContact = ueContact;
    }

    synchronized AgwClient agw() {
        return agw;
    }

    synchronized void agw(AgwClient client) {
        if (agw == null) {
            agw = client;
        }
    }

    synchronized State state() {
        return state;
    }

    synchronized void offered(Exchange e) {
        pending = e;
    }

    /** The exchange was answered with a 2xx: it is now in force; returns the one it replaces (to release), or null. */
    synchronized Exchange established(Exchange e, Dialog d) {
        if (state == State.RELEASED) {
            return null;
        }
        Exchange old = current != e ? current : null;
        current = e;
        if (pending == e) {
            pending = null;
        }
        if (d != null && dialog == null) {
            dialog = d;
        }
        state = State.ESTABLISHED;
        return old;
    }

    /** The exchange failed (error response): forgotten. True when the session has nothing left (initial offer failed). */
    synchronized boolean failed(Exchange e) {
        if (pending == e) {
            pending = null;
        }
        if (current == null && state == State.OFFERED) {
            state = State.RELEASED;
            return true;
        }
        return false;
    }

    synchronized boolean hasMaxTimer() {
        return maxTimer != null;
    }

    /** Sets the max-duration timer (cancelled at once when the session is already released). */
    synchronized void maxTimer(org.mediasec.common.TimerService.Timeout t) {
        maxTimer = t;
        if (state == State.RELEASED) {
            t.cancel();
        }
    }

    /** Replaces the session-interval timer (null: none); the previous one is cancelled. */
    synchronized void refreshTimer(org.mediasec.common.TimerService.Timeout t) {
        if (refreshTimer != null) {
            refreshTimer.cancel();
        }
        refreshTimer = t;
        if (t != null && state == State.RELEASED) {
            t.cancel();
        }
    }

    /** Ends the session; returns the exchanges whose reservations are still held (to release), once. */
    synchronized List<Exchange> release() {
        for (org.mediasec.common.TimerService.Timeout t : new org.mediasec.common.TimerService.Timeout[] {maxTimer, refreshTimer}) {
            if (t != null) {
                t.cancel();
            }
        }
        if (state == State.RELEASED && current == null && pending == null) {
            return List.of();
        }
        state = State.RELEASED;
        List<Exchange> out = new ArrayList<>();
        for (Exchange e : new Exchange[] {current, pending}) {
            if (e != null && !e.released) {
                e.released = true;
                out.add(e);
            }
        }
        current = null;
        pending = null;
        return out;
    }

    synchronized boolean released() {
        return state == State.RELEASED;
    }

    synchronized void ueTag(String tag) {
        if (ueTag == null) {
            ueTag = tag;
        }
    }

    /** True when a request with this From tag comes from our UE. */
    synchronized boolean fromUe(String fromTag) {
        return ueTag != null && ueTag.equals(fromTag);
    }

    synchronized Dialog dialog() {
        return dialog;
    }

    /** Notes the CSeq of an in-dialog request, by who sent it (the caller's From tag is the dialog's From tag). */
    synchronized void sawCseq(String fromTag, long cseq) {
        if (dialog != null && fromTag != null && fromTag.equals(dialog.callee().getTag())) {
            calleeCseq = Math.max(calleeCseq, cseq);
        } else {
            callerCseq = Math.max(callerCseq, cseq);
        }
    }

    synchronized long nextCallerCseq() {
        return ++callerCseq;
    }

    synchronized long nextCalleeCseq() {
        return ++calleeCseq;
    }

    /** True when one of this session's exchanges holds this IMS-AGW context. */
    synchronized boolean holds(long contextId) {
        for (Exchange e : new Exchange[] {current, pending}) {
            if (e != null) {
                for (AgwReservation r : e.reserved.values()) {
                    if (r.contextId().value() == contextId) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    synchronized SessionView view() {
        Exchange e = current != null ? current : pending;
        List<SessionView.Stream> streams = new ArrayList<>();
        if (e != null) {
            List<MediaDescription> media = e.offer.media();
            for (StreamPlan s : e.plan.streams()) {
                AgwReservation r = e.reserved.get(s.index());
                streams.add(new SessionView.Stream(s.index(), media.get(s.index()).media(), s.decision().action(),
                        r == null ? -1 : r.contextId().value(), s.decision().reason()));
            }
        }
        return new SessionView(callId, direction, ueContact, agw == null ? "" : org.mediasec.pcscf.agw.MIds.text(agw.agw().mId()),
                state.name().toLowerCase(java.util.Locale.ROOT), streams);
    }

    /** One line for the set-up and tear-down logs: {@code 0 message e2ae ctx=3, 1 audio pass-through ctx=4}. */
    static String describe(Exchange e) {
        StringBuilder sb = new StringBuilder();
        for (StreamPlan s : e.plan.streams()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            AgwReservation r = e.reserved.get(s.index());
            sb.append(s.index()).append(' ').append(e.offer.media().get(s.index()).media()).append(' ')
                    .append(label(s.decision().action()));
            if (r != null) {
                sb.append(" ctx=").append(r.contextId().value());
            }
            if (s.decision().action() == org.mediasec.pcscf.alg.StreamAction.REJECT) {
                sb.append(" (").append(s.decision().reason()).append(')');
            }
        }
        return sb.toString();
    }

    static String label(org.mediasec.pcscf.alg.StreamAction a) {
        return switch (a) {
            case E2AE, TERMINATING_UPGRADE -> "e2ae";
            case PASS_THROUGH -> "pass-through";
            case ANCHOR -> "anchored";
            case REJECT -> "rejected";
            case DISABLED -> "disabled";
        };
    }

    /** The reservations the exchanges still hold, for a release. */
    static List<AgwReservation> reservations(List<Exchange> exchanges) {
        List<AgwReservation> out = new ArrayList<>();
        for (Exchange e : exchanges) {
            out.addAll(e.held());
        }
        return out;
    }
}
