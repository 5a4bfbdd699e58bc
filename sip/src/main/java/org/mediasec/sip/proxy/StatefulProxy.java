package org.mediasec.sip.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.common.TimerService;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction-stateful proxy core (RFC 3261 §16) over one {@link SipEndpoint}, built from the
 * helpers of this package. The owner's {@link org.mediasec.sip.SipEndpointListener} decides where
 * requests go and delegates the rest:
 * <pre>{@code
 * public void onRequest(IncomingRequest in) {
 *     proxy.receive(in).ifPresent(pr -> proxy.forward(pr, ForwardTarget.to(target)));
 * }
 * public void onResponse(ResponseEvent e) { proxy.onResponse(e); }
 * public void onTimeout(TimeoutEvent e)  { proxy.onTimeout(e); }
 * }</pre>
 * What it does: the Max-Forwards check (483), 100 Trying for INVITE, §16.4 preprocessing, one client
 * transaction per forwarded request with a fresh branch, a {@link ResponseContext} per server
 * transaction (provisional and 2xx relayed at once, best final otherwise, 408 on timeout, 503 on a
 * send failure), CANCEL matched to its INVITE's context (200 and CANCEL of the pending branches,
 * §16.10), stateless forwarding of ACK (for 2xx) and of a CANCEL without context, and stateless relay
 * of responses without a client transaction (late 2xx retransmissions, §16.7 "MUST process the
 * response ... as a stateless proxy"). Thread-safe; meant for the endpoint's single event thread.
 *
 * <p>Events come in the order the stack's UDP workers finished with them, not always in the order the
 * datagrams arrived: a 200 may come before the 180 sent ahead of it (the 180 is then not relayed, §16.7
 * step 5), and a retransmitted 2xx without its client transaction before the first copy's event (it is
 * then handled in its response context as the first copy, see {@link #onResponse}).
 */
public final class StatefulProxy {
    private static final Logger LOG = LoggerFactory.getLogger(StatefulProxy.class);

    /** RFC 3261 §16.6 step 11: timer C "MUST be larger than 3 minutes". */
    public static final Duration DEFAULT_TIMER_C = Duration.ofMinutes(3).plusSeconds(1);

    private final SipEndpoint endpoint;
    private final ProxyIdentity me;
    private final TimerService timers;
    private final Duration timerC;
    /** Running timer C of each INVITE branch. */
    private final Map<ClientTransaction, TimerService.Timeout> timerCs = new ConcurrentHashMap<>();
    /** INVITE response contexts by the server transaction key of the INVITE, for CANCEL matching. */
    private final Map<String, Context> invites = new ConcurrentHashMap<>();

    /** The application data of our client transactions: the context and the branch. */
    private record BranchOf(Context context) {
    }

    private static final class Context {
        final ProxiedRequest request;
        final IncomingRequest server;
        final String key;
        final boolean invite;
        final ResponseContext<ClientTransaction> responses;
        final AsyncResponseRewriter rewriter;
        /** The client transactions of this context by the branch of our Via (lower case). */
        final Map<String, ClientTransaction> branches = new java.util.HashMap<>();
        /** Completes when everything handed upstream so far has been sent: responses leave in order. */
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Context(ProxiedRequest request, String key, boolean invite, AsyncResponseRewriter rewriter) {
            this.request = request;
            this.server = request.incoming();
            this.key = key;
            this.invite = invite;
            this.responses = new ResponseContext<>(invite);
            this.rewriter = rewriter;
        }
    }

    /**
     * The rewritten 2xx responses to INVITEs, by Call-ID, CSeq and To tag, so a retransmission is neither
     * rewritten twice nor relayed unrewritten (bounded: the oldest entries go first).
     */
    private final Map<String, CompletableFuture<Response>> invite2xx = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Response>> eldest) {
            return size() > MAX_REMEMBERED_2XX;
        }
    };
    /** How many rewritten 2xx responses to INVITEs are remembered for their retransmissions. */
    static final int MAX_REMEMBERED_2XX = 1024;

    /** A proxy without timer C: an INVITE branch that rings forever stays open until the caller cancels. */
    public StatefulProxy(SipEndpoint endpoint, ProxyIdentity me) {
        this(endpoint, me, null, DEFAULT_TIMER_C);
    }

    /**
     * A proxy with timer C on {@code timers} (RFC 3261 §16.6 step 11: "Timer C MUST be set for each client
     * transaction when an INVITE request is proxied. The timer MUST be larger than 3 minutes."). The timer
     * tasks call into this proxy from the timer's thread.
     */
    public StatefulProxy(SipEndpoint endpoint, ProxyIdentity me, TimerService timers, Duration timerC) {
        this.endpoint = endpoint;
        this.me = me;
        this.timers = timers;
        if (timers != null && timerC.compareTo(Duration.ofMinutes(3)) <= 0) {
            throw new IllegalArgumentException("timerC: " + timerC + " (expected: more than 3 minutes, RFC 3261 §16.6 step 11)");
        }
        this.timerC = timerC;
    }

    /** A proxy named by the endpoint's host and port, and by {@code aliases} (e.g. the domain it serves). */
    public static StatefulProxy on(SipEndpoint endpoint, Set<String> aliases) {
        return new StatefulProxy(endpoint, new ProxyIdentity(endpoint.host(), endpoint.port(), aliases));
    }

    public ProxyIdentity identity() {
        return me;
    }

    /**
     * Validates and preprocesses a new request; empty if it was handled here (483, or a CANCEL that
     * matched a response context). RFC 3261 §16.3 step 3 (Max-Forwards 0: "the element MUST return a
     * 483 (Too many hops) response"), §16.2 ("The proxy core MUST behave as a UAS with respect to
     * sending an immediate provisional on that server transaction (such as 100 Trying)" for INVITE),
     * §16.10 ("If a matching response context is found, the element MUST immediately return a 200 (OK)
     * response to the CANCEL request ... Furthermore, the element MUST generate CANCEL requests for all
     * pending client transactions in the context"), §16.4.
     */
    public synchronized Optional<ProxiedRequest> receive(IncomingRequest in) {
        Request received = in.request();
        String method = received.getMethod();
        if (MaxForwards.exhausted(received)) {
            if (!Request.ACK.equals(method)) {
                in.respond(localResponse(in, Response.TOO_MANY_HOPS));
            }
            LOG.debug("{} with Max-Forwards 0 not forwarded", method);
            return Optional.empty();
        }
        if (Request.CANCEL.equals(method)) {
            Context ctx = invites.get(serverKey(received));
            if (ctx != null) {
                in.respond(localResponse(in, Response.OK));
                sendCancels(ctx.responses.cancelAll());
                return Optional.empty();
            }
        }
        if (Request.INVITE.equals(method)) {
            in.respond(Response.TRYING);
        } else if (!Request.ACK.equals(method) && !Request.CANCEL.equals(method)) {
            in.serverTransaction();
        }
        Request copy = (Request) received.clone();
        RoutePreprocessing.Outcome outcome = RoutePreprocessing.apply(copy, me);
        return Optional.of(new ProxiedRequest(in, copy, outcome));
    }

    /**
     * Answers a request that will not be forwarded (404, 480, ...); an ACK is dropped. RFC 3261 §16.3:
     * "the element MUST behave as a user agent server (see Section 8.2) and respond with an error code".
     */
    public void reject(ProxiedRequest pr, int status) {
        if (!Request.ACK.equals(pr.method())) {
            pr.incoming().respond(localResponse(pr.incoming(), status));
        }
    }

    /**
     * Forwards the request to {@code target}: statefully over a new client transaction, except ACK and
     * CANCEL (which reach here only without a response context), forwarded statelessly. RFC 3261
     * §16.6 step 10: "A stateful proxy MUST create a new client transaction for this request"; §16.10:
     * "If a response context is not found ... It MUST statelessly forward the CANCEL request".
     *
     * @return the request as sent
     */
    public Request forward(ProxiedRequest pr, ForwardTarget target) {
        return forward(pr, target, ResponseRewriter.NONE);
    }

    /**
     * As {@link #forward(ProxiedRequest, ForwardTarget)}, with {@code rewriter} applied to every response
     * received from downstream before it is relayed (not to ACK or CANCEL, which are forwarded statelessly).
     */
    public Request forward(ProxiedRequest pr, ForwardTarget target, ResponseRewriter rewriter) {
        return forwardAsync(pr, target, AsyncResponseRewriter.of(rewriter));
    }

    /**
     * As {@link #forward(ProxiedRequest, ForwardTarget)}, with responses held until {@code rewriter} has
     * rewritten them (see {@link AsyncResponseRewriter}). May be called from any thread, e.g. once a media
     * gateway has answered, as long as the request's server transaction is still open.
     */
    public synchronized Request forwardAsync(ProxiedRequest pr, ForwardTarget target, AsyncResponseRewriter rewriter) {
        String method = pr.method();
        boolean stateless = Request.ACK.equals(method) || Request.CANCEL.equals(method);
        Request out;
        try {
            out = RequestForwarding.prepare(pr.request(), target, me,
                    stateless ? ViaBranch.statelessBranch(pr.incoming().request()) : ViaBranch.newBranch());
        } catch (RuntimeException e) {
            // e.g. a next hop over a transport we do not have (RFC 3261 §16.9: as if it answered 503)
            LOG.info("cannot forward {} to {}: {}", method, target.requestUri(), e.toString());
            reject(pr, Response.SERVICE_UNAVAILABLE);
            if (!stateless) {
                rewriter.onLocalFinal(pr, Response.SERVICE_UNAVAILABLE);
            }
            return pr.request();
        }
        if (stateless) {
            try {
                endpoint.sendStateless(out);
            } catch (RuntimeException e) {
                LOG.info("cannot forward {} to {}: {}", method, NextHop.uri(out), e.toString());
                reject(pr, Response.SERVICE_UNAVAILABLE);
            }
            return out;
        }
        boolean invite = Request.INVITE.equals(method);
        Context ctx = new Context(pr, serverKey(pr.incoming().request()), invite, rewriter);
        ClientTransaction ct;
        try {
            ct = endpoint.provider().getNewClientTransaction(out);
        } catch (SipException | RuntimeException e) {
            LOG.info("cannot forward {} to {}: {}", method, NextHop.uri(out), e.toString());
            pr.incoming().respond(localResponse(pr.incoming(), Response.SERVICE_UNAVAILABLE));
            rewriter.onLocalFinal(pr, Response.SERVICE_UNAVAILABLE);
            return out;
        }
        ct.setApplicationData(new BranchOf(ctx));
        ctx.responses.addBranch(ct);
        ctx.branches.put(branchKey(ct.getBranchId()), ct);
        if (invite) {
            invites.put(ctx.key, ctx);
        }
        try {
            ct.sendRequest();
            if (invite) {
                startTimerC(ct, ctx);
            }
        } catch (SipException | RuntimeException e) {
            LOG.info("sending {} to {} failed: {}", method, NextHop.uri(out), e.toString());
            apply(ctx, ctx.responses.onTransportError(ct));
        }
        return out;
    }

    /**
     * Relays a response (RFC 3261 §16.7). Returns false if it is none of this proxy's business (no
     * client transaction of ours and not our Via on top). A 2xx to an INVITE without a client transaction
     * whose Via branch is of a still open response context goes through that context (held, rewritten once).
     */
    public synchronized boolean onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof BranchOf b) {
            ResponseVia.pop(response).ifPresent(popped -> onBranchResponse(ct, b.context(), popped));
            return true;
        }
        if (ct != null) {
            return ResponseVia.pop(response).isEmpty(); // e.g. the 200 to a CANCEL we generated: meant for us
        }
        if (!ResponseVia.topIsOurs(response, me)) {
            return false;
        }
        // §16.7: "If none is found, the element MUST process the response (even if it is an informational
        // response) as a stateless proxy"; e.g. a retransmitted 2xx to an INVITE.
        ResponseVia.pop(response).ifPresent(r -> {
            String key = invite2xxKey(r);
            CompletableFuture<Response> rewritten = key == null ? null : invite2xx.get(key);
            if (rewritten == null && key != null && r.getStatusCode() / 100 == 2 && overtookItsTransaction(response, r)) {
                return;
            }
            if (rewritten != null) {
                // a retransmission of a 2xx we rewrote: the rewritten copy again, or nothing while it is held
                if (!rewritten.isDone()) {
                    LOG.debug("retransmitted {} dropped while its first copy is held", r.getStatusCode());
                    return;
                }
                r = (Response) rewritten.join().clone();
            }
            try {
                endpoint.sendStateless(r);
            } catch (SipEndpointException e) {
                LOG.debug("stateless relay of {} failed", r.getStatusCode(), e);
            }
        });
        return true;
    }

    /** A response of one of our branches (its top Via removed): timer C, then the response context. */
    private void onBranchResponse(ClientTransaction ct, Context ctx, Response popped) {
        int status = popped.getStatusCode();
        if (status >= 200) {
            stopTimerC(ct);
        } else if (status > 100 && timerCs.containsKey(ct)) {
            // §16.7 step 2: "if the response is a provisional response with status codes 101 to 199
            // inclusive (i.e., anything but 100), the proxy MUST reset timer C for that client transaction."
            startTimerC(ct, ctx);
        }
        apply(ctx, ctx.responses.onResponse(ct, popped));
    }

    /**
     * A 2xx to an INVITE that came without a client transaction while its branch is still open here: the
     * stack ended the client transaction on the first copy (RFC 3261 §17.1.1.2: a 2xx moves it to
     * Terminated) and, with several UDP worker threads, delivered a retransmission before the event of
     * that first copy. It is handled as the first copy would be (held behind the responses before it,
     * rewritten once), never relayed statelessly past the rewriter; the first copy, when its event
     * comes, counts as a retransmission. Returns false if the response is of no open branch.
     */
    private boolean overtookItsTransaction(Response received, Response popped) {
        Context ctx = invites.get(serverKey(popped));
        ViaHeader ours = (ViaHeader) received.getHeader(ViaHeader.NAME);
        if (ctx == null || ours == null || ours.getBranch() == null) {
            return false;
        }
        ClientTransaction ct = ctx.branches.get(branchKey(ours.getBranch()));
        if (ct == null) {
            return false;
        }
        LOG.debug("{} on branch {} came before its client transaction's event; relayed in its context",
                popped.getStatusCode(), ct.getBranchId());
        onBranchResponse(ct, ctx, popped);
        return true;
    }

    private static String branchKey(String branch) {
        return branch.toLowerCase(java.util.Locale.ROOT);
    }

    /** A client transaction of ours timed out: 408 in its context (RFC 3261 §16.8). Returns false if not ours. */
    public synchronized boolean onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return false;
        }
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof BranchOf b) {
            stopTimerC(ct);
            apply(b.context(), b.context().responses.onTimeout(ct));
            return true;
        }
        return false;
    }

    /** Timer C branches running (for tests and metrics). */
    public int runningTimerCs() {
        return timerCs.size();
    }

    private void startTimerC(ClientTransaction ct, Context ctx) {
        if (timers == null) {
            return;
        }
        TimerService.Timeout previous = timerCs.put(ct, timers.schedule(timerC, () -> onTimerC(ct, ctx)));
        if (previous != null) {
            previous.cancel();
        }
    }

    private void stopTimerC(ClientTransaction ct) {
        TimerService.Timeout t = timerCs.remove(ct);
        if (t != null) {
            t.cancel();
        }
    }

    /** RFC 3261 §16.8: CANCEL a ringing branch, or count a silent one as 408. */
    private synchronized void onTimerC(ClientTransaction ct, Context ctx) {
        timerCs.remove(ct);
        if (ctx.responses.completed(ct)) {
            return;
        }
        LOG.info("timer C fired on the INVITE branch {}", ct.getBranchId());
        apply(ctx, ctx.responses.onTimerC(ct));
    }

    /**
     * A response the proxy generates itself, as a UAS (RFC 3261 §16.3: "the element MUST behave as a user
     * agent server"), with a To tag when the request had none. RFC 3261 §8.2.6.2: "if the To header field
     * in the request did not contain a tag, ... the UAS MUST add a tag to the To header field in the
     * response (with the exception of the 100 (Trying) response".
     */
    public static Response localResponse(IncomingRequest in, int status) {
        Response r = in.createResponse(status);
        javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) r.getHeader(javax.sip.header.ToHeader.NAME);
        if (status > 100 && to != null && to.getTag() == null) {
            try {
                to.setTag(ViaBranch.newBranch().substring(ViaBranch.MAGIC_COOKIE.length(), ViaBranch.MAGIC_COOKIE.length() + 16));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        return r;
    }

    /** Cancels every running timer C (when the owner stops the endpoint). */
    public synchronized void stopTimers() {
        timerCs.values().forEach(TimerService.Timeout::cancel);
        timerCs.clear();
    }

    /** Response contexts of INVITEs still open (for tests and metrics). */
    public int openInviteContexts() {
        return invites.size();
    }

    private void apply(Context ctx, ResponseContext.Decision<ClientTransaction> d) {
        // forget a finished context before anything goes upstream, so nobody sees it open after the final response
        if (ctx.responses.finalSent() && ctx.responses.allCompleted()) {
            invites.remove(ctx.key, ctx);
        }
        for (Response provisional : d.provisional()) {
            relay(ctx, provisional);
        }
        for (Candidate c : d.forward()) {
            if (c.response().isPresent()) {
                relay(ctx, c.response().get());
            } else {
                Response local = localResponse(ctx.server, c.status());
                ctx.tail = ctx.tail.thenRun(() -> {
                    send(ctx, local);
                    try {
                        ctx.rewriter.onLocalFinal(ctx.request, c.status());
                    } catch (RuntimeException e) {
                        LOG.warn("response rewriter failed on the local {}", c.status(), e);
                    }
                });
            }
        }
        sendCancels(d.cancel());
    }

    /**
     * Rewrites and sends one response after those before it. A 2xx to an INVITE is rewritten once per To
     * tag: a retransmission is dropped while the first copy is held, and relayed as rewritten afterwards.
     */
    private void relay(Context ctx, Response response) {
        boolean invite2xxResponse = ctx.invite && response.getStatusCode() / 100 == 2;
        String key = invite2xxResponse ? invite2xxKey(response) : null;
        if (key != null) {
            CompletableFuture<Response> earlier = invite2xx.get(key);
            if (earlier != null) {
                if (earlier.isDone()) {
                    send(ctx, (Response) earlier.join().clone());
                } else {
                    LOG.debug("retransmitted {} dropped while its first copy is held", response.getStatusCode());
                }
                return;
            }
        }
        CompletableFuture<Response> rewritten = ctx.tail.thenCompose(v -> rewrite(ctx, response));
        if (key != null) {
            invite2xx.put(key, rewritten);
        }
        ctx.tail = rewritten.thenAccept(r -> send(ctx, r));
    }

    private static CompletableFuture<Response> rewrite(Context ctx, Response response) {
        CompletionStage<Response> stage;
        try {
            stage = ctx.rewriter.rewrite(ctx.request, response);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.toCompletableFuture().handle((out, e) -> {
            if (e != null) {
                LOG.warn("response rewriter failed on {}; relaying it unchanged", response.getStatusCode(), e);
                return response;
            }
            return out != null ? out : response;
        });
    }

    /**
     * Call-ID, CSeq, To tag and the branch of the top Via (the upstream hop's, ours removed) of a response: a
     * 2xx retransmission has the same; the same 2xx passing this proxy twice (a spiral) differs in the branch.
     */
    private static String invite2xxKey(Response r) {
        javax.sip.header.CallIdHeader cid = (javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME);
        javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) r.getHeader(javax.sip.header.CSeqHeader.NAME);
        javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) r.getHeader(javax.sip.header.ToHeader.NAME);
        if (cid == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return null;
        }
        return cid.getCallId() + "|" + cseq.getSeqNumber() + "|" + (to == null ? "" : to.getTag()) + "|" + serverKey(r);
    }

    /**
     * §16.7 step 9: "The proxy MUST pass the response to the server transaction associated with the
     * response context. ... If the server transaction is no longer available to handle the transmission,
     * the element MUST forward the response statelessly by sending it to the server transport."
     */
    private void send(Context ctx, Response response) {
        try {
            ctx.server.respond(response);
        } catch (SipEndpointException | IllegalStateException e) {
            LOG.debug("server transaction gone, relaying {} statelessly", response.getStatusCode(), e);
            try {
                endpoint.sendStateless(response);
            } catch (SipEndpointException again) {
                LOG.debug("stateless relay of {} failed", response.getStatusCode(), again);
            }
        }
    }

    private void sendCancels(List<ClientTransaction> branches) {
        for (ClientTransaction ct : branches) {
            try {
                Request cancel = ct.createCancel();
                endpoint.provider().getNewClientTransaction(cancel).sendRequest();
            } catch (SipException | RuntimeException e) {
                LOG.info("cannot CANCEL branch {}: {}", ct.getBranchId(), e.toString());
            }
        }
    }

    /** RFC 3261 §17.2.3: a CANCEL matches the INVITE with the same top Via branch and sent-by. */
    static String serverKey(javax.sip.message.Message request) {
        ViaHeader top = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (top == null) {
            return "";
        }
        return top.getBranch() + "|" + top.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + top.getPort();
    }
}
