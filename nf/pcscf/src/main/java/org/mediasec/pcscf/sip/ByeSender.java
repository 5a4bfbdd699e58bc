package org.mediasec.pcscf.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.ProxyIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Ends a dialog from the middle: a BYE to each party, built as that party's peer would send it
 * (RFC 3261 §12.2.1.1: Request-URI the remote target, Route the route set, From/To the local and remote
 * tags), with the route set cut at this proxy's Record-Route entries (RFC 3261 §12.1.2: the UAS takes
 * the Record-Route in order, the UAC reversed), and a Reason header (RFC 3326) saying why.
 */
final class ByeSender {
    private static final Logger LOG = LoggerFactory.getLogger(ByeSender.class);

    private final SipEndpoint endpoint;
    private final ProxyIdentity me;

    private final String tag;

    ByeSender(String tag, SipEndpoint endpoint, ProxyIdentity me) {
        this.tag = tag;
        this.endpoint = endpoint;
        this.me = me;
    }

    /** BYE both ways with {@code Reason: SIP ;cause=488} (RFC 3326; 488 Not Acceptable Here: the media could not be used). */
    void byeBoth(Dialog d, MediaSession s, String reason) {
        byeBoth(d, s, 488, reason);
    }

    /** BYE both ways with {@code Reason: SIP ;cause=<cause> ;text="<reason>"} (RFC 3326). */
    void byeBoth(Dialog d, MediaSession s, int cause, String reason) {
        List<Address> rr = new ArrayList<>();
        for (String v : d.recordRoute()) {
            try {
                rr.add(endpoint.addressFactory().createAddress(v));
            } catch (ParseException e) {
                LOG.warn("[{}] session {}: Record-Route {} does not parse; no BYE sent", tag, d.callId(), v);
                return;
            }
        }
        // our entries for this side of the session: a call that spirals through this P-CSCF has its other
        // side's entries in the same Record-Route, told apart by the role parameter
        String role = s.direction == org.mediasec.pcscf.alg.CallDirection.ORIGINATING ? "orig" : "term";
        int first = -1;
        int last = -1;
        for (int i = 0; i < rr.size(); i++) {
            if (me.isThisProxy(rr.get(i).getURI()) && rr.get(i).getURI() instanceof SipURI sip
                    && role.equals(sip.getParameter(PcscfSip.ROLE_PARAM))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        // toward the callee, as the caller would send it: the caller's route set is the Record-Route reversed,
        // and what follows our entries in it is what lies above them in the Record-Route
        List<Address> towardCallee = new ArrayList<>(rr.subList(0, Math.max(first, 0)));
        Collections.reverse(towardCallee);
        // toward the caller, as the callee would send it: its route set is the Record-Route in order
        List<Address> towardCaller = last < 0 ? rr : rr.subList(last + 1, rr.size());
        send(d, d.calleeContact(), towardCallee, d.caller().getAddress(), d.caller().getTag(),
                d.callee().getAddress(), d.callee().getTag(), s.nextCallerCseq(), cause, reason, "callee");
        send(d, d.callerContact(), towardCaller, d.callee().getAddress(), d.callee().getTag(),
                d.caller().getAddress(), d.caller().getTag(), s.nextCalleeCseq(), cause, reason, "caller");
    }

    private void send(Dialog d, URI target, List<Address> route, Address from, String fromTag, Address to, String toTag,
                      long cseq, int cause, String reason, String who) {
        try {
            HeaderFactory hf = endpoint.headerFactory();
            URI next = route.isEmpty() ? target : route.get(0).getURI();
            SipTransport transport = next instanceof SipURI ? SipTransport.forUri(next) : SipTransport.UDP;
            ViaHeader via = endpoint.newVia(transport);
            Request bye = endpoint.messageFactory().createRequest((URI) target.clone(), Request.BYE,
                    hf.createCallIdHeader(d.callId()), hf.createCSeqHeader(cseq, Request.BYE),
                    hf.createFromHeader(from, fromTag), hf.createToHeader(to, toTag), new ArrayList<>(List.of(via)),
                    hf.createMaxForwardsHeader(70));
            for (Address a : route) {
                bye.addLast(hf.createRouteHeader(a));
            }
            // RFC 3326: the protocol cause is a SIP status code
            bye.addHeader(hf.createReasonHeader("SIP", cause, reason));
            endpoint.send(bye);
            LOG.info("[{}] session {}: BYE sent to the {} ({}): {}", tag, d.callId(), who, target, reason);
        } catch (ParseException | InvalidArgumentException | javax.sip.SipException | RuntimeException e) {
            LOG.warn("[{}] session {}: cannot send BYE to the {} ({}): {}", tag, d.callId(), who, target, e.toString());
        }
    }
}
