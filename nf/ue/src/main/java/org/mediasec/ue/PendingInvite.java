package org.mediasec.ue;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.header.ToHeader;
import javax.sip.message.Response;

import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.IncomingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incoming INVITE until its call is established: 180, then (auto-answer or {@link #accept()}) 200
 * with {@link UeSdp#answer}. A passive answerer opens its MSRP session before the 200, so the offerer's
 * connection finds it; an active one opens it on the ACK (RFC 3261 §13.3.1.4: the ACK confirms the
 * 2xx reached the caller, who opened its session before sending the ACK).
 */
final class PendingInvite implements IncomingCall {
    private static final Logger LOG = LoggerFactory.getLogger(PendingInvite.class);

    private final Ue ue;
    private final IncomingRequest invite;
    private final String callId;
    private final String from;
    private final String toTag = Long.toHexString(Ue.newSessionId());
    private final CompletableFuture<UeCall> established = new CompletableFuture<>();
    private final AtomicBoolean answered = new AtomicBoolean();
    private SessionDescription offer;
    private volatile DefaultUeCall call;
    private volatile boolean sessionOpened;

    PendingInvite(Ue ue, IncomingRequest invite, String callId) {
        this.ue = ue;
        this.invite = invite;
        this.callId = callId;
        this.from = Ue.userOf(invite.request(), true);
    }

    /** Handles the INVITE: refuse a bad offer, else ring and answer (or tell the listener). */
    void handle() {
        try {
            offer = ue.sdpOf(invite.request());
        } catch (UeSdp.Rejection r) {
            refuse(r.status(), r.getMessage());
            ue.listener().callFailed(from, r.getMessage());
            return;
        }
        ue.offered(callId, this);
        respond(Response.RINGING, null);
        established.orTimeout(ue.config().callTimeout(), TimeUnit.SECONDS).whenComplete((c, err) -> {
            ue.offerDone(callId, this);
            if (err != null) {
                onFailure(Ue.unwrap(err).getMessage());
            }
        });
        if (ue.config().autoAnswer()) {
            accept();
        } else {
            ue.listener().callOffered(this);
        }
    }

    @Override
    public String from() {
        return from;
    }

    @Override
    public SecurityMode mode() {
        for (MediaDescription m : offer.media()) {
            if (m.media().equalsIgnoreCase("message") && !m.isRejected()) {
                return offer.get(m, SdpAttributes.E2AE).isPresent() ? SecurityMode.E2AE : SecurityMode.E2E;
            }
        }
        return SecurityMode.E2E;
    }

    @Override
    public SessionDescription offer() {
        return offer;
    }

    @Override
    public CompletionStage<UeCall> accept() {
        if (!answered.compareAndSet(false, true)) {
            return established;
        }
        UeSdp.Answer answer;
        MsrpSessionSpec spec;
        try {
            answer = UeSdp.answer(offer, ue.localMedia(), Ue.newSessionId());
            spec = MsrpSessionSpec.fromSdp(answer.sdp(), answer.index(), offer, answer.index(), false);
        } catch (UeSdp.Rejection r) {
            refuse(r.status(), r.getMessage());
            return established;
        } catch (RuntimeException e) {
            refuse(Response.NOT_ACCEPTABLE_HERE, e.getMessage());
            return established;
        }
        DefaultUeCall c = new DefaultUeCall(ue, callId, from, false, answer.mode(), answer.sdp(), offer, spec);
        call = c;
        if (!spec.active()) {
            openSession(c);
        }
        respond(Response.OK, answer.sdp());
        c.dialog(invite.serverTransaction().getDialog());
        ue.track(c);
        LOG.info("[{}] answered {} from {} ({}, {}): {}", ue.config().user(), callId, from, answer.mode(),
                answer.setup(), spec.active() ? "connecting to " + spec.connectTo() + " after the ACK" : "waiting for its connection");
        return established;
    }

    @Override
    public void reject(int status) {
        if (answered.compareAndSet(false, true)) {
            respond(status, null);
            established.completeExceptionally(new UeException("rejected with " + status));
        }
    }

    /** The ACK of our 200: an active answerer connects now. */
    void acked() {
        DefaultUeCall c = call;
        if (c != null && !sessionOpened && c.spec().active()) {
            openSession(c);
        }
    }

    /** CANCEL before the answer (RFC 3261 §9.2: answer the INVITE 487). */
    void cancelled() {
        if (answered.compareAndSet(false, true)) {
            respond(Response.REQUEST_TERMINATED, null);
            established.completeExceptionally(new UeException("cancelled by " + from));
        }
    }

    /** The caller hung up before the session connected. */
    void byeBeforeEstablished() {
        established.completeExceptionally(new UeException("BYE from " + from + " before the MSRP session connected"));
    }

    private synchronized void openSession(DefaultUeCall c) {
        if (sessionOpened) {
            return;
        }
        sessionOpened = true;
        try {
            c.openSession().connected().whenComplete((x, err) -> {
                if (err == null) {
                    LOG.info("[{}] call {} from {} established: {}", ue.config().user(), callId, from,
                            c.tlsInfo().map(TlsInfo::summary).orElse("?"));
                    if (established.complete(c)) {
                        ue.listener().callEstablished(c);
                    }
                } else {
                    established.completeExceptionally(new UeException("MSRP over TLS with " + from + " failed: "
                            + Ue.unwrap(err).getMessage()));
                }
            });
        } catch (RuntimeException e) {
            established.completeExceptionally(new UeException("cannot open the MSRP session: " + e.getMessage(), e));
        }
    }

    private void onFailure(String reason) {
        DefaultUeCall c = call;
        LOG.warn("[{}] incoming call {} from {} failed: {}", ue.config().user(), callId, from, reason);
        if (c != null) {
            c.end(new CallEnd(CallEnd.Cause.SETUP_FAILED, reason), true);
        } else if (answered.compareAndSet(false, true)) {
            respond(Response.TEMPORARILY_UNAVAILABLE, null);
        }
        ue.listener().callFailed(from, reason);
    }

    private void refuse(int status, String reason) {
        LOG.warn("[{}] refusing INVITE {} from {} with {}: {}", ue.config().user(), callId, from, status, reason);
        answered.set(true);
        respond(status, null);
        established.completeExceptionally(new UeException(reason));
    }

    private void respond(int status, SessionDescription sdp) {
        try {
            Response r = invite.createResponse(status);
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
            if (status < 300) {
                r.addHeader(ue.requests().contact());
            }
            if (sdp != null) {
                ue.body(r, sdp);
            }
            invite.respond(r);
        } catch (ParseException | RuntimeException e) {
            LOG.warn("[{}] cannot answer {} to INVITE {}: {}", ue.config().user(), status, callId, e.toString());
        }
    }
}
