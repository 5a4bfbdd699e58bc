package org.mediasec.ue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call this UE places: INVITE with the offer of {@link UeSdp#offer}, the answer checked
 * ({@link UeSdp#checkAnswer}), the MSRP session opened before the ACK (so a passive offerer is ready
 * when the answerer connects), then done when the session is connected with the far certificate
 * verified. Any failure after the 2xx ends the dialog with BYE.
 */
final class OutgoingCall {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCall.class);

    private final Ue ue;
    private final String target;
    private final SecurityMode asked;
    private final CompletableFuture<UeCall> result = new CompletableFuture<>();
    private volatile ClientTransaction transaction;
    private volatile DefaultUeCall call;
    private volatile boolean finalResponse;

    OutgoingCall(Ue ue, String target, SecurityMode asked) {
        this.ue = ue;
        this.target = target;
        this.asked = asked;
    }

    CompletableFuture<UeCall> start() {
        SipRequests requests = ue.requests();
        SessionDescription offer = UeSdp.offer(asked, ue.localMedia(), Ue.newSessionId());
        String callId = requests.newCallId();
        Request invite = requests.request(Request.INVITE, target, target, callId, Long.toHexString(Ue.newSessionId()),
                requests.nextCseq(), true);
        invite.addHeader(requests.contact());
        requests.addVerify(invite);
        ue.body(invite, offer);
        LOG.info("[{}] calling {} ({}), Call-ID {}", ue.config().user(), target, asked, callId);
        ue.registration().filter(r -> asked == SecurityMode.E2AE && !r.agreed().contains(MediaSecMechanism.MSRP_TLS))
                .ifPresent(r -> LOG.warn("[{}] e2ae asked, but msrp-tls;mediasec was not agreed at registration (Security-Server {}):"
                        + " the P-CSCF (TS 23.334 §6.2.10.3.1.2.1) will not apply e2ae to this stream", ue.config().user(),
                        r.securityServer().map(h -> h.value()).orElse("none")));
        result.orTimeout(ue.config().callTimeout(), TimeUnit.SECONDS).whenComplete((c, err) -> {
            if (err != null && Ue.unwrap(err) instanceof TimeoutException) {
                onTimeout();
            }
        });
        transaction = ue.transactions().send(invite, new ClientTransactions.Handler() {
            @Override
            public void response(ResponseEvent event) {
                onResponse(event, offer, callId);
            }

            @Override
            public void failed(String reason) {
                result.completeExceptionally(new UeException("INVITE to " + target + ": " + reason));
            }
        });
        return result;
    }

    private void onResponse(ResponseEvent event, SessionDescription offer, String callId) {
        Response resp = event.getResponse();
        int status = resp.getStatusCode();
        if (status < 200 || finalResponse) {
            return;
        }
        finalResponse = true;
        if (status >= 300) {
            result.completeExceptionally(new UeException("INVITE to " + target + " answered " + status + " "
                    + resp.getReasonPhrase()));
            return;
        }
        Dialog dialog = event.getDialog();
        SessionDescription answer;
        UeSdp.Agreed agreed;
        MsrpSessionSpec spec;
        try {
            answer = ue.sdpOf(resp);
            agreed = UeSdp.checkAnswer(offer, answer);
            spec = MsrpSessionSpec.fromSdp(offer, agreed.index(), answer, agreed.index(), true);
        } catch (RuntimeException e) {
            DefaultUeCall refused = new DefaultUeCall(ue, callId, target, true, asked, offer, offer, null);
            refused.dialog(dialog);
            ack(dialog, resp);
            refused.end(new CallEnd(CallEnd.Cause.SETUP_FAILED, "unusable answer: " + e.getMessage()), true).whenComplete((x, y) ->
                    result.completeExceptionally(new UeException("call to " + target + ": unusable SDP answer: " + e.getMessage(), e)));
            return;
        }
        if (agreed.mode() != asked) {
            LOG.warn("[{}] asked {} but the answer says {} (a=3ge2ae:applied {}): TLS runs to {}", ue.config().user(),
                    asked, agreed.mode(), agreed.mode() == SecurityMode.E2AE ? "present" : "absent", spec.connectTo());
        }
        DefaultUeCall c = new DefaultUeCall(ue, callId, target, true, agreed.mode(), offer, answer, spec);
        c.dialog(dialog);
        call = c;
        ue.track(c);
        MsrpSession session;
        try {
            session = c.openSession();
        } catch (RuntimeException e) {
            ack(dialog, resp);
            fail(c, "cannot open the MSRP session: " + e.getMessage());
            return;
        }
        ack(dialog, resp);
        session.connected().whenComplete((x, err) -> {
            if (err == null) {
                LOG.info("[{}] call {} to {} established: {}", ue.config().user(), callId, target,
                        c.tlsInfo().map(TlsInfo::summary).orElse("?"));
                result.complete(c);
            } else {
                fail(c, "MSRP over TLS to " + spec.connectTo().getHostString() + ":" + spec.connectTo().getPort()
                        + " failed: " + Ue.unwrap(err).getMessage());
            }
        });
    }

    private void fail(DefaultUeCall c, String reason) {
        LOG.warn("[{}] call to {}: {}; ending it", ue.config().user(), target, reason);
        // fails once the BYE is answered: a failed call() leaves nothing behind
        c.end(new CallEnd(CallEnd.Cause.SETUP_FAILED, reason), true)
                .whenComplete((e, x) -> result.completeExceptionally(new UeException("call to " + target + ": " + reason)));
    }

    private void ack(Dialog dialog, Response ok) {
        try {
            ue.sendAck(dialog, ok);
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("[{}] cannot ACK the 2xx from {}: {}", ue.config().user(), target, e.toString());
        }
    }

    private void onTimeout() {
        DefaultUeCall c = call;
        if (c != null) {
            c.end(new CallEnd(CallEnd.Cause.SETUP_FAILED, "not connected within " + ue.config().callTimeout() + " s"), true);
            return;
        }
        ClientTransaction ct = transaction;
        if (ct != null && !finalResponse) {
            try {
                // RFC 3261 §9.1: CANCEL a pending INVITE
                ue.transactions().send(ct.createCancel(), new ClientTransactions.Handler() {
                    @Override
                    public void response(ResponseEvent event) {
                    }

                    @Override
                    public void failed(String reason) {
                    }
                });
            } catch (SipException | RuntimeException e) {
                LOG.info("[{}] cannot CANCEL the INVITE to {}: {}", ue.config().user(), target, e.toString());
            }
        }
    }
}
