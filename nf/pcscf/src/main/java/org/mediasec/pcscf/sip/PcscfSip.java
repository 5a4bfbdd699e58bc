package org.mediasec.pcscf.sip;

import java.util.List;
import java.util.Optional;

import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.mediasec.pcscf.alg.CallDirection;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.ForwardTarget;
import org.mediasec.sip.proxy.ProxiedRequest;
import org.mediasec.sip.proxy.RecordRoute;
import org.mediasec.sip.proxy.StatefulProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF's SIP routing over one {@link StatefulProxy}:
 * <ul>
 * <li>REGISTER from a UE: {@link RegistrationHandler} (Path, Security-Client/-Server).</li>
 * <li>An initial request whose Request-URI is a contact registered through us comes from the core for
 *     our UE (terminating): to that contact. Any other initial request comes from a UE (originating): its
 *     Security-Verify is checked ({@link SecAgree}), and it goes to the core along the Service-Route of
 *     its registration, or to the configured core. Dialog-creating requests are Record-Routed, twice
 *     when the two sides use different transports (RFC 5658).</li>
 * <li>An INVITE with SDP starts a {@link MediaSession} ({@link SessionControl}); in a dialog, a
 *     re-INVITE or UPDATE with SDP is a new offer, a BYE ends the session.</li>
 * <li>Everything else is proxied along its Route, or to its Request-URI.</li>
 * </ul>
 */
public final class PcscfSip implements SipEndpointListener {
    private static final Logger LOG = LoggerFactory.getLogger(PcscfSip.class);

    /** The Record-Route URI parameter that names the session's side. */
    static final String ROLE_PARAM = "pcscf";

    private volatile Wiring wiring;

    /** What the listener needs; set once the endpoint has started. */
    record Wiring(String tag, StatefulProxy proxy, RegistrationHandler registration, SecAgree secAgree,
                  SessionControl sessions, Contacts contacts, Address coreRoute) {
    }

    void wire(Wiring w) {
        this.wiring = w;
    }

    @Override
    public void onRequest(IncomingRequest in) {
        Wiring w = wiring;
        if (w == null) {
            if (!Request.ACK.equals(in.method())) {
                in.respond(503);
            }
            return;
        }
        Optional<ProxiedRequest> got = w.proxy().receive(in);
        if (got.isEmpty()) {
            return;
        }
        ProxiedRequest pr = got.get();
        Request req = pr.request();
        String method = req.getMethod();
        String toTag = ((ToHeader) req.getHeader(ToHeader.NAME)).getTag();
        if (Request.CANCEL.equals(method)) {
            if (!w.sessions().cancelWaiting(pr)) {
                forward(w, pr, initialTarget(w, pr));
            }
            return;
        }
        if (Request.REGISTER.equals(method) && w.contacts().lookup(req.getRequestURI()).isEmpty()) {
            w.registration().handle(pr);
            return;
        }
        if (toTag != null || Request.ACK.equals(method)) {
            inDialog(w, pr);
            return;
        }
        initial(w, pr);
    }

    private void initial(Wiring w, ProxiedRequest pr) {
        Request req = pr.request();
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        Optional<Contacts.Registered> callee = pr.hasRoute() ? Optional.empty() : w.contacts().lookup(req.getRequestURI());
        MediaSession session;
        ForwardTarget target = ForwardTarget.to(req.getRequestURI());
        if (callee.isPresent()) {
            session = new MediaSession(callId, CallDirection.TERMINATING, callee.get().key(),
                    callee.get().contact().toString());
        } else {
            ContactHeader contact = (ContactHeader) req.getHeader(ContactHeader.NAME);
            Optional<Contacts.Registered> caller = contact == null ? Optional.empty()
                    : w.contacts().lookup(contact.getAddress().getURI());
            if (caller.isEmpty()) {
                // a P-CSCF serves the UEs registered through it (TS 24.229 §5.2.6.3: the originating procedures
                // apply to "the served user" of a registration); one it has no registration for is refused, as
                // IMS P-CSCFs do (RFC 3261 §21.4.4 403 Forbidden: "the server understood the request, but is
                // refusing to fulfill it"), never proxied without the registration's media-plane agreement
                LOG.info("[{}] {} {} from {} answered 403: Contact {} is not registered through this P-CSCF", w.tag(),
                        req.getMethod(), callId, pr.incoming().remoteAddress(), contact == null ? "(none)"
                                : contact.getAddress().getURI());
                pr.incoming().respond(StatefulProxy.localResponse(pr.incoming(), 403));
                return;
            }
            if (!w.secAgree().check(pr, caller.map(Contacts.Registered::key).orElse(null))) {
                return;
            }
            if (!pr.hasRoute()) {
                List<Address> route = caller.map(Contacts.Registered::serviceRoute).filter(r -> !r.isEmpty())
                        .orElse(List.of(w.coreRoute()));
                target = target.withPreloadedRoute(route);
            }
            session = new MediaSession(callId, CallDirection.ORIGINATING, caller.map(Contacts.Registered::key).orElse(null),
                    contact == null ? "?" : contact.getAddress().getURI().toString());
            session.ueTag(((FromHeader) req.getHeader(FromHeader.NAME)).getTag());
        }
        if (RecordRoute.createsDialog(req.getMethod())) {
            target = recordRoute(w, pr, target, session.direction);
        }
        if (Request.INVITE.equals(req.getMethod()) && SdpBodies.text(req).isPresent()) {
            w.sessions().invite(pr, target, session);
            return;
        }
        if (Request.INVITE.equals(req.getMethod())) {
            LOG.warn("[{}] INVITE {} without an SDP offer{}: the offer the callee makes in its answer is relayed with "
                    + "every stream refused (late offer is not anchored)", w.tag(), callId,
                    SdpBodies.otherBody(req) ? " (body of another type)" : "");
            w.proxy().forward(pr, target, (request, response) -> LateOffer.refuse(w.tag(), callId, response));
            return;
        }
        forward(w, pr, target);
    }

    private void inDialog(Wiring w, ProxiedRequest pr) {
        Request req = pr.request();
        String method = req.getMethod();
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) req.getHeader(FromHeader.NAME)).getTag();
        CallDirection role = role(pr.incoming().request());
        Optional<MediaSession> session = role != null ? w.sessions().session(callId, role)
                : w.sessions().session(callId, CallDirection.ORIGINATING)
                        .or(() -> w.sessions().session(callId, CallDirection.TERMINATING));
        boolean fromUe = session.map(s -> s.fromUe(fromTag)).orElse(false);
        if (session.isPresent() && !Request.ACK.equals(method)) {
            session.get().sawCseq(fromTag, ((CSeqHeader) req.getHeader(CSeqHeader.NAME)).getSeqNumber());
        }
        if (fromUe && !w.secAgree().check(pr, session.get().ueKey)) {
            return;
        }
        ForwardTarget target = ForwardTarget.to(req.getRequestURI());
        if (Request.BYE.equals(method) && session.isPresent()) {
            w.sessions().bye(pr, target, session.get(), fromUe ? "the UE" : "the core side");
            return;
        } else if ((Request.INVITE.equals(method) || Request.UPDATE.equals(method)) && session.isPresent()
                && !session.get().released() && SdpBodies.text(req).isPresent()) {
            w.sessions().offer(pr, target, session.get(), fromUe);
            return;
        } else if ((Request.INVITE.equals(method) || Request.UPDATE.equals(method)) && session.isPresent()
                && !session.get().released()) {
            w.sessions().refresh(pr, target, session.get());
            return;
        }
        forward(w, pr, target);
    }

    /** Where an initial request goes when it has no session handling (e.g. a CANCEL without context). */
    private static ForwardTarget initialTarget(Wiring w, ProxiedRequest pr) {
        Request req = pr.request();
        ForwardTarget target = ForwardTarget.to(req.getRequestURI());
        if (!pr.hasRoute() && w.contacts().lookup(req.getRequestURI()).isEmpty()) {
            target = target.withPreloadedRoute(List.of(w.coreRoute()));
        }
        return target;
    }

    /**
     * Record-Routes a dialog-creating request: one entry when it leaves over the transport it came in on,
     * else two (RFC 5658 §5), the one for the incoming side below the one for the outgoing side.
     */
    private static ForwardTarget recordRoute(Wiring w, ProxiedRequest pr, ForwardTarget target, CallDirection role) {
        SipTransport in;
        try {
            in = SipTransport.ofToken(pr.incoming().transport());
        } catch (IllegalArgumentException e) {
            in = SipTransport.UDP;   // no usable Via: the stack accepted the request, it came over UDP or TCP
        }
        SipTransport out = outgoingTransport(pr, target);
        if (in != out) {
            RecordRoute.insert(pr.request(), recordRouteUri(w, in, role));
        }
        return target.withRecordRoute(recordRouteUri(w, out, role));
    }

    /**
     * Our Record-Route URI, marked with the side of the session ({@code ;pcscf=orig} or {@code ;pcscf=term}),
     * so that an in-dialog request, which carries it back in its Route, finds its session even when the
     * call spirals through this P-CSCF twice.
     */
    private static SipURI recordRouteUri(Wiring w, SipTransport transport, CallDirection role) {
        SipURI uri = w.proxy().identity().recordRouteUri(transport);
        try {
            if (transport == SipTransport.TLS) {
                // the UE keeps sending over TLS in the dialog (RFC 3261 §16.6 step 4 lets the proxy name its transport)
                uri.setTransportParam("tls");
            }
            uri.setParameter(ROLE_PARAM, role == CallDirection.ORIGINATING ? "orig" : "term");
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        return uri;
    }

    /** The side named by the topmost Route of a received request, if it is one of our Record-Route values. */
    private static CallDirection role(Request received) {
        RouteHeader top = (RouteHeader) received.getHeader(RouteHeader.NAME);
        if (top != null && top.getAddress().getURI() instanceof SipURI sip) {
            String v = sip.getParameter(ROLE_PARAM);
            if ("orig".equals(v)) {
                return CallDirection.ORIGINATING;
            } else if ("term".equals(v)) {
                return CallDirection.TERMINATING;
            }
        }
        return null;
    }

    private static SipTransport outgoingTransport(ProxiedRequest pr, ForwardTarget target) {
        URI next;
        if (!target.preloadedRoute().isEmpty()) {
            next = target.preloadedRoute().get(0).getURI();
        } else {
            RouteHeader route = (RouteHeader) pr.request().getHeader(RouteHeader.NAME);
            next = route != null ? route.getAddress().getURI() : target.requestUri();
        }
        return next instanceof SipURI ? SipTransport.forUri(next) : SipTransport.UDP;
    }

    private static void forward(Wiring w, ProxiedRequest pr, ForwardTarget target) {
        w.proxy().forward(pr, target);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Wiring w = wiring;
        if (w != null && !w.proxy().onResponse(event)) {
            LOG.debug("dropped stray response {}", event.getResponse().getStatusCode());
        }
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        Wiring w = wiring;
        if (w != null) {
            w.proxy().onTimeout(event);
        }
    }

    @Override
    public void onIoException(IOExceptionEvent event) {
        Wiring w = wiring;
        LOG.info("[{}] cannot reach {}:{}/{}", w == null ? "pcscf" : w.tag(), event.getHost(), event.getPort(), event.getTransport());
    }
}
