package org.mediasec.pcscf.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.h248.iq.FailureCause;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.pcscf.SessionView;
import org.mediasec.pcscf.agw.AgwClient;
import org.mediasec.pcscf.agw.AgwFailure;
import org.mediasec.pcscf.agw.AgwPool;
import org.mediasec.pcscf.agw.MIds;
import org.mediasec.pcscf.alg.AgwReservation;
import org.mediasec.pcscf.alg.AnswerResult;
import org.mediasec.pcscf.alg.CallDirection;
import org.mediasec.pcscf.alg.ImsAlg;
import org.mediasec.pcscf.alg.IqPlan;
import org.mediasec.pcscf.alg.StreamAction;
import org.mediasec.pcscf.alg.StreamPlan;
import org.mediasec.pcscf.alg.StreamUpdate;
import org.mediasec.pcscf.registration.MediaSecRegistrations;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.proxy.AsyncResponseRewriter;
import org.mediasec.sip.proxy.ForwardTarget;
import org.mediasec.sip.proxy.ProxiedRequest;
import org.mediasec.sip.proxy.StatefulProxy;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS-ALG's session control: for an offer (initial INVITE, re-INVITE, UPDATE) it plans the streams
 * ({@link ImsAlg#plan}), reserves them at an IMS-AGW, forwards the rewritten offer, and holds the answer
 * (18x/2xx with SDP) until the AGW has been configured for it ({@link ImsAlg#onAnswer}); every context is
 * subtracted when the session ends (BYE, CANCEL, an error final response, a timeout) or the AGW reports
 * a TLS or TCP failure (then the session is ended with a BYE both ways, docs/iq-profile.md step 7:
 * "releases the session"). A new offer in a session is anchored on new contexts; the old ones are
 * released when its 2xx comes (make before break).
 */
final class SessionControl {
    private static final Logger LOG = LoggerFactory.getLogger(SessionControl.class);

    private final StatefulProxy proxy;
    private final ImsAlg alg;
    private final AgwPool agws;
    private final IqCommands commands;
    private final java.time.Duration agwTimeout;
    private final MediaSecRegistrations registrations;
    private final ByeSender byes;
    /** Where work continues after an IMS-AGW reply (never on the H.248 event loop). */
    private final java.util.concurrent.Executor executor;
    private final int maxSessions;
    private final SessionLifetime lifetime;
    /** The node's name in log lines. */
    private final String tag;
    private final Map<String, MediaSession> sessions = new ConcurrentHashMap<>();
    /** INVITEs whose reservation is under way, by Call-ID, CSeq and branch: a CANCEL may still stop them here. */
    private final Map<String, ProxiedRequest> awaitingAgw = new ConcurrentHashMap<>();

    SessionControl(StatefulProxy proxy, ImsAlg alg, AgwPool agws, IqCommands commands, java.time.Duration agwTimeout,
                   MediaSecRegistrations registrations, ByeSender byes, java.util.concurrent.Executor executor,
                   int maxSessions, String tag, org.mediasec.common.TimerService timers, java.time.Duration maxSessionDuration) {
        this.lifetime = new SessionLifetime(timers, maxSessionDuration, this::expired);
        this.maxSessions = maxSessions;
        this.tag = tag;
        this.proxy = proxy;
        this.alg = alg;
        this.agws = agws;
        this.commands = commands;
        this.agwTimeout = agwTimeout;
        this.registrations = registrations;
        this.byes = byes;
        this.executor = executor;
        agws.onFailure(this::onAgwFailure);
    }

    /**
     * The session of a Call-ID on one side: a call between two UEs of this P-CSCF passes it twice (a spiral
     * through the core), once originating and once terminating, with the same Call-ID.
     */
    Optional<MediaSession> session(String callId, CallDirection direction) {
        return Optional.ofNullable(sessions.get(key(callId, direction)));
    }

    private static String key(String callId, CallDirection direction) {
        return callId + "|" + direction;
    }

    private static String key(MediaSession s) {
        return key(s.callId, s.direction);
    }

    List<SessionView> views() {
        List<SessionView> out = new ArrayList<>();
        for (MediaSession s : sessions.values()) {
            out.add(s.view());
        }
        return out;
    }

    /** Starts a session with an initial INVITE carrying an offer. */
    void invite(ProxiedRequest pr, ForwardTarget target, MediaSession session) {
        if (sessions.size() >= maxSessions) {
            LOG.warn("[{}] session {}: INVITE answered 503: {} sessions held (limits.max-sessions)", tag, session.callId,
                    sessions.size());
            pr.incoming().respond(StatefulProxy.localResponse(pr.incoming(), Response.SERVICE_UNAVAILABLE));
            return;
        }
        sessions.put(key(session), session);
        offer(pr, target, session, session.direction == CallDirection.ORIGINATING);
    }

    /**
     * An offer: plan, reserve at the IMS-AGW, then forward the rewritten offer with the answer held for
     * the AGW's configuration.
     *
     * @param fromUe true when our UE sent the offer (originating for the ALG), false when it comes from the core
     */
    void offer(ProxiedRequest pr, ForwardTarget target, MediaSession session, boolean fromUe) {
        Request req = pr.request();
        String text = SdpBodies.text(req).orElseThrow();
        SessionDescription offer;
        IqPlan plan;
        CallDirection direction = fromUe ? CallDirection.ORIGINATING : CallDirection.TERMINATING;
        MediaSecCapabilities agreed = session.ueKey == null ? MediaSecCapabilities.none()
                : registrations.capabilities(session.ueKey);
        try {
            offer = SdpParser.parse(text);
            plan = alg.plan(offer, direction, agreed);
        } catch (RuntimeException e) {
            // RFC 3261 §21.4.26 488 Not Acceptable Here: "the response ... indicates that the request cannot be
            // accepted because of the media description"; never forwarded unanchored
            refuse(pr, session, Response.NOT_ACCEPTABLE_HERE, "offer cannot be handled: " + e.getMessage());
            return;
        }
        for (StreamPlan s : plan.streams()) {
            if (s.decision().action() == StreamAction.REJECT) {
                LOG.info("[{}] session {}: stream {} ({}) refused with port 0: {}", tag, session.callId, s.index(),
                        offer.media().get(s.index()).media(), s.decision().reason());
            }
        }
        boolean anchors = plan.streams().stream().anyMatch(StreamPlan::reserves);
        if (!anchors) {
            proceed(pr, target, session, new Exchange(offer, plan, Map.of()));
            return;
        }
        AgwClient agw = session.agw();
        if (agw == null) {
            Optional<MgHandle> mg = agws.pick();
            if (mg.isEmpty()) {
                refuse(pr, session, Response.SERVICE_UNAVAILABLE, "no IMS-AGW in service");
                return;
            }
            session.agw(new AgwClient(mg.get(), commands, agwTimeout));
            agw = session.agw();
        }
        AgwClient client = agw;
        String key = waitKey(req);
        awaitingAgw.put(key, pr);
        // continue on our own thread: the reply arrives on the H.248 event loop, and sending SIP may block
        client.reserve(plan).whenCompleteAsync((reserved, e) -> {
            boolean cancelled = awaitingAgw.remove(key) == null;
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cancelled) {
                    endIfEmpty(session, null);
                    return;
                }
                // an AGW that does not answer in time is unavailable for now (RFC 3261 §21.5.4 503); an AGW that
                // answered with an error, or a reply we cannot use, is a server error (500)
                boolean silent = cause instanceof java.util.concurrent.TimeoutException;
                refuse(pr, session, silent ? Response.SERVICE_UNAVAILABLE : Response.SERVER_INTERNAL_ERROR,
                        "IMS-AGW " + MIds.text(client.agw().mId()) + (silent ? " did not answer the reservation within "
                                + agwTimeout.toMillis() + " ms" : " could not reserve: " + cause));
                return;
            }
            Exchange exchange = new Exchange(offer, plan, reserved);
            if (cancelled) {
                LOG.info("[{}] session {} cancelled while the IMS-AGW reserved", tag, session.callId);
                release(session, List.of(exchange), "cancelled");
                endIfEmpty(session, exchange);
                return;
            }
            proceed(pr, target, session, exchange);
        }, executor);
    }

    private void proceed(ProxiedRequest pr, ForwardTarget target, MediaSession session, Exchange exchange) {
        SessionDescription onward;
        try {
            onward = alg.forwardOffer(exchange.offer, exchange.plan, exchange.reserved);
        } catch (RuntimeException e) {
            release(session, List.of(exchange), "offer not forwarded");
            refuse(pr, session, Response.SERVER_INTERNAL_ERROR, "IMS-AGW reply unusable: " + e.getMessage());
            return;
        }
        SdpBodies.set(pr.request(), onward);
        session.offered(exchange);
        LOG.debug("[{}] session {} offer forwarded: {}", tag, session.callId, MediaSession.describe(exchange));
        proxy.forwardAsync(pr, target, new AnswerRewriter(session, exchange));
    }

    /** A CANCEL for an INVITE that waits for the IMS-AGW: answered here (200, and 487 to the INVITE). */
    boolean cancelWaiting(ProxiedRequest cancel) {
        ProxiedRequest invite = awaitingAgw.remove(waitKey(cancel.request()));
        if (invite == null) {
            return false;
        }
        cancel.incoming().respond(StatefulProxy.localResponse(cancel.incoming(), Response.OK));
        invite.incoming().respond(StatefulProxy.localResponse(invite.incoming(), Response.REQUEST_TERMINATED));
        return true;
    }

    /**
     * A BYE in a session: forwarded first, every context released when its final response comes back (or
     * when the proxy answers it itself: timeout, next hop unreachable, so the release is bounded by the
     * non-INVITE transaction's Timer F). Subtracting first would close the far UE's media connection before
     * the BYE reaches it, and that UE would see its MSRP session fail instead of a hang-up.
     */
    void bye(ProxiedRequest pr, ForwardTarget target, MediaSession session, String who) {
        MediaSession s = sessions.remove(key(session));
        if (s == null) {
            proxy.forward(pr, target);
            return;
        }
        List<Exchange> held = s.release();
        LOG.info("[{}] session {} ended by BYE from {}; released after its final response: {}", tag, s.callId, who,
                contexts(held));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (done.compareAndSet(false, true)) {
                release(s, held, "BYE");
            }
        };
        proxy.forwardAsync(pr, target, new AsyncResponseRewriter() {
            @Override
            public CompletionStage<Response> rewrite(ProxiedRequest request, Response response) {
                if (response.getStatusCode() >= 200) {
                    releaseOnce.run();
                }
                return CompletableFuture.completedFuture(response);
            }

            @Override
            public void onLocalFinal(ProxiedRequest request, int status) {
                releaseOnce.run();
            }
        });
    }

    /**
     * An in-dialog INVITE or UPDATE without an offer (e.g. an RFC 4028 session refresh): forwarded; its 2xx
     * re-arms the session's lifetime.
     */
    void refresh(ProxiedRequest pr, ForwardTarget target, MediaSession session) {
        proxy.forward(pr, target, (request, response) -> {
            int status = response.getStatusCode();
            if (status >= 200 && status < 300 && !session.released()) {
                lifetime.answered(session, response);
            }
            return Request.INVITE.equals(request.method()) ? LateOffer.refuse(tag, session.callId, response) : response;
        });
    }

    /** A bound of {@link SessionLifetime} passed: contexts released, BYE both ways (RFC 3326 cause 408). */
    private void expired(MediaSession s, String why) {
        executor.execute(() -> {
            if (!sessions.remove(key(s), s)) {
                return;
            }
            Dialog d = s.dialog();
            List<Exchange> held = s.release();
            LOG.warn("[{}] session {} ended by the P-CSCF: {}; released: {}", tag, s.callId, why, contexts(held));
            release(s, held, "session expired");
            if (d != null) {
                byes.byeBoth(d, s, Response.REQUEST_TIMEOUT, "session expired: " + why);
            }
        });
    }

    /** Ends every session (node shutdown): contexts released, no BYE. */
    void releaseAll() {
        for (MediaSession s : new ArrayList<>(sessions.values())) {
            sessions.remove(key(s));
            release(s, s.release(), "shutdown");
        }
    }

    private void onAgwFailure(AgwFailure f) {
        MediaSession hit = null;
        for (MediaSession s : sessions.values()) {
            if (s.holds(f.context().value())) {
                hit = s;
                break;
            }
        }
        if (hit == null) {
            LOG.info("[{}] IMS-AGW {} reports {} on {} of context {} (no session holds it)", tag, MIds.text(f.agw().mId()),
                    f.failure().failureCauseText(), f.termination().text(), f.context().value());
            return;
        }
        if (f.failure().cause() == FailureCause.BEARER_RELEASED) {
            // the peer closed its bearer: the end of a media session, not a failure of the call
            LOG.info("[{}] session {}: IMS-AGW reports {} on {}", tag, hit.callId, f.failure().failureCauseText(),
                    f.termination().text());
            return;
        }
        LOG.warn("[{}] session {}: IMS-AGW {} reports {} on {}: ending the session", tag, hit.callId,
                MIds.text(f.agw().mId()), f.failure().failureCauseText(), f.termination().text());
        sessions.remove(key(hit), hit);
        Dialog d = hit.dialog();
        List<Exchange> held = hit.release();
        release(hit, held, "IMS-AGW failure");
        if (d != null) {
            MediaSession ended = hit;
            executor.execute(() -> byes.byeBoth(d, ended, "media failure: " + f.failure().cause().token()));
        }
        LOG.info("[{}] session {} ended by the IMS-AGW failure; released: {}", tag, hit.callId, contexts(held));
    }

    /** Releases held contexts, in the background; a failure is logged. */
    private void release(MediaSession s, List<Exchange> exchanges, String why) {
        List<AgwReservation> all = MediaSession.reservations(exchanges);
        for (Exchange e : exchanges) {
            e.released = true;
        }
        AgwClient agw = s.agw();
        if (all.isEmpty() || agw == null) {
            return;
        }
        agw.release(all).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("[{}] session {}: releasing {} at IMS-AGW {} ({}) failed: {}", tag, s.callId, ids(all),
                        MIds.text(agw.agw().mId()), why, e.toString());
            } else {
                LOG.debug("[{}] session {}: released {} ({})", tag, s.callId, ids(all), why);
            }
        });
    }

    private void endIfEmpty(MediaSession s, Exchange failed) {
        if (s.failed(failed)) {
            sessions.remove(key(s), s);
        }
    }

    private void refuse(ProxiedRequest pr, MediaSession session, int status, String why) {
        LOG.warn("[{}] session {}: {} answered {}: {}", tag, session.callId, pr.method(), status, why);
        endIfEmpty(session, null);
        if (!pr.incoming().answered()) {
            try {
                pr.incoming().respond(StatefulProxy.localResponse(pr.incoming(), status));
            } catch (RuntimeException e) {
                LOG.debug("cannot answer {}", pr.method(), e);
            }
        }
    }

    /** Holds 18x/2xx answers until the IMS-AGW is configured; releases on failure. */
    private final class AnswerRewriter implements AsyncResponseRewriter {
        private final MediaSession session;
        private final Exchange exchange;

        AnswerRewriter(MediaSession session, Exchange exchange) {
            this.session = session;
            this.exchange = exchange;
        }

        @Override
        public CompletionStage<Response> rewrite(ProxiedRequest request, Response response) {
            int status = response.getStatusCode();
            if (status >= 300) {
                failed(status);
                return CompletableFuture.completedFuture(response);
            }
            Optional<String> sdp = SdpBodies.text(response);
            if (sdp.isEmpty()) {
                if (status >= 200) {
                    if (!exchange.answered() && !exchange.reserved.isEmpty()) {
                        LOG.warn("[{}] session {}: {} without an SDP answer: the offered media cannot be anchored", tag,
                                session.callId, status);
                    }
                    established(request, response);
                }
                return CompletableFuture.completedFuture(response);
            }
            ToHeader toHeader = (ToHeader) response.getHeader(ToHeader.NAME);
            String toTag = toHeader == null ? null : toHeader.getTag();
            synchronized (session) {
                AnswerFork fork = AnswerFork.of(exchange.answerTag, exchange.answerFinal, exchange.answerReceived, toTag,
                        status, sdp.get());
                if (fork == AnswerFork.REPEAT) {
                    // the same answer again (183, then 200): configured already
                    SdpBodies.set(response, exchange.answerSent);
                    if (status >= 200) {
                        established(request, response);
                    }
                    return CompletableFuture.completedFuture(response);
                }
                if (fork == AnswerFork.REFUSE) {
                    LOG.warn("[{}] session {}: {} with an answer from another callee (To tag {}; the media is anchored "
                            + "toward tag {}): relayed with every stream refused, the IMS-AGW untouched", tag,
                            session.callId, status, toTag, exchange.answerTag);
                    SessionDescription refused = refuseAll(sdp.get());
                    if (refused != null) {
                        SdpBodies.set(response, refused);
                    } else {
                        response.removeContent();
                    }
                    return CompletableFuture.completedFuture(response);
                }
            }
            AnswerResult result;
            try {
                result = alg.onAnswer(exchange.offer, exchange.plan, exchange.reserved, SdpParser.parse(sdp.get()));
            } catch (RuntimeException e) {
                // fail closed: every stream refused, nothing of the far side goes on unanchored
                LOG.warn("[{}] session {}: answer in {} cannot be applied ({}): every stream answered with port 0", tag,
                        session.callId, status, e.getMessage());
                release(session, List.of(exchange), "unusable answer");
                SessionDescription refused = refuseAll(sdp.get());
                if (refused != null) {
                    SdpBodies.set(response, refused);
                } else {
                    response.removeContent();
                }
                if (status >= 200) {
                    established(request, response);
                }
                return CompletableFuture.completedFuture(response);
            }
            for (StreamUpdate u : result.updates()) {
                if (u.release()) {
                    exchange.subtracted.add(u.index());
                    if (u.failure() != null) {
                        LOG.info("[{}] session {}: stream {} released: {}", tag, session.callId, u.index(), u.failure());
                    }
                }
            }
            AgwClient agw = session.agw();
            CompletableFuture<Void> configured = result.updates().isEmpty() || agw == null
                    ? CompletableFuture.completedFuture(null) : agw.update(result.updates());
            return configured.handleAsync((v, e) -> {
                SessionDescription onward = result.answer();
                if (e != null) {
                    // fail closed: streams the AGW was not configured for are refused, not left half-connected
                    LOG.warn("[{}] session {}: configuring the IMS-AGW for the answer failed ({}): every stream "
                            + "answered with port 0", tag, session.callId, e.toString());
                    release(session, List.of(exchange), "IMS-AGW configuration failed");
                    onward = onward.toBuilder().media(onward.media().stream().map(MediaDescription::rejected).toList()).build();
                }
                synchronized (session) {
                    exchange.answerReceived = sdp.get();
                    exchange.answerSent = onward;
                    exchange.answerTag = toTag;
                    exchange.answerFinal = status >= 200;
                }
                SdpBodies.set(response, onward);
                if (status >= 200) {
                    established(request, response);
                }
                return response;
            }, executor);
        }

        @Override
        public void onLocalFinal(ProxiedRequest request, int status) {
            failed(status);
        }

        private void failed(int status) {
            if (exchange.released) {
                return;
            }
            boolean ended = session.failed(exchange);
            if (ended) {
                sessions.remove(key(session), session);
            }
            if (!exchange.reserved.isEmpty() || ended) {
                LOG.info("[{}] session {} {} with {}; released: {}", tag, session.callId,
                        ended ? "not established" : "offer refused", status, contexts(List.of(exchange)));
            }
            release(session, List.of(exchange), "final response " + status);
        }

        private void established(ProxiedRequest request, Response ok) {
            if (!Request.INVITE.equals(request.method()) && !Request.UPDATE.equals(request.method())) {
                return;
            }
            if (session.released()) {
                // ended while the answer was held (BYE, AGW failure): what was reserved goes too
                release(session, List.of(exchange), "session already ended");
                return;
            }
            ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
            if (session.direction == CallDirection.TERMINATING && to != null) {
                session.ueTag(to.getTag());
            }
            Dialog d = Request.INVITE.equals(request.method()) ? dialog(request.request(), ok) : null;
            Exchange old = session.established(exchange, d);
            if (ok.getStatusCode() < 300) {
                lifetime.answered(session, ok);
            }
            if (old != null) {
                release(session, List.of(old), "replaced by a new offer");
            }
            LOG.info("[{}] session {} {} {} {}: {}", tag, session.callId, old != null || d == null ? "re-negotiated" : "set up",
                    session.direction == CallDirection.ORIGINATING ? "from" : "to", session.ueContact,
                    MediaSession.describe(exchange));
        }
    }

    /** The answer with every m-line refused, or null when it does not even parse. */
    static SessionDescription refuseAll(String answer) {
        try {
            SessionDescription a = SdpParser.parse(answer);
            List<MediaDescription> media = a.media().stream().map(MediaDescription::rejected).toList();
            return a.toBuilder().media(media).build();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Dialog dialog(Request invite, Response ok) {
        ContactHeader callerContact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        ContactHeader calleeContact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        if (callerContact == null || calleeContact == null) {
            return null;
        }
        List<String> rr = new ArrayList<>();
        ListIterator<?> it = ok.getHeaders(RecordRouteHeader.NAME);
        while (it != null && it.hasNext()) {
            rr.add(((RecordRouteHeader) it.next()).getAddress().toString());
        }
        return new Dialog(((CallIdHeader) ok.getHeader(CallIdHeader.NAME)).getCallId(),
                (FromHeader) ((Header) invite.getHeader(FromHeader.NAME)).clone(),
                (ToHeader) ((Header) ok.getHeader(ToHeader.NAME)).clone(),
                callerContact.getAddress().getURI(), calleeContact.getAddress().getURI(), rr);
    }

    private static String waitKey(Request r) {
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId() + "|"
                + ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber() + "|" + (via == null ? "" : via.getBranch());
    }

    /** The streams of the exchanges with their mode and context, for the tear-down lines. */
    private static String contexts(List<Exchange> exchanges) {
        List<String> parts = new ArrayList<>();
        for (Exchange e : exchanges) {
            parts.add(MediaSession.describe(e));
        }
        return parts.isEmpty() ? "no media" : String.join("; ", parts);
    }

    private static String ids(List<AgwReservation> rs) {
        return rs.stream().map(r -> Long.toString(r.contextId().value())).toList().toString();
    }
}
