package org.mediasec.pcscf;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipSecurityHeaders;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.ViaBranch;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;

/**
 * A scripted UE for the tests on a {@link SipEndpoint}: registers through the P-CSCF (optionally with a
 * media-plane Security-Client, echoing the Security-Server in Security-Verify afterwards), calls with an
 * SDP offer, answers what the test tells it to, ACKs and BYEs as RFC 3261 §12 says, and answers BYE with 200.
 */
final class TestUa implements SipEndpointListener, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final String user;
    final String domain;
    final SipEndpoint endpoint;
    final String pcscfRoute;
    final BlockingQueue<IncomingRequest> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final String fromTag = "tag-" + Long.toHexString(System.nanoTime());
    private long cseq = 1;
    /** The Security-Server value of the last 2xx to REGISTER, echoed in Security-Verify. */
    volatile String securityVerify;

    final SipTransport transport;

    TestUa(String user, String domain, String pcscfRoute) {
        this(user, domain, pcscfRoute, SipTransport.UDP);
    }

    /** A UA on {@code transport} only; {@code pcscfRoute} must name the same transport. */
    TestUa(String user, String domain, String pcscfRoute, SipTransport transport) {
        this(user, domain, pcscfRoute, transport, null);
    }

    /** A UA on SIP over TLS only, with {@code tls} (its certificate and pins); {@code pcscfRoute} names TLS. */
    TestUa(String user, String domain, String pcscfRoute, org.mediasec.sip.SipTlsConfig tls) {
        this(user, domain, pcscfRoute, SipTransport.TLS, tls);
    }

    private TestUa(String user, String domain, String pcscfRoute, SipTransport transport, org.mediasec.sip.SipTlsConfig tls) {
        this.user = user;
        this.domain = domain;
        this.pcscfRoute = pcscfRoute;
        this.transport = transport;
        SipStackConfig stack = SipStackConfig.loopback("ua-" + user);
        stack = (tls == null ? stack : stack.withTls(tls)).withTransports(java.util.Set.of(transport));
        this.endpoint = SipEndpoint.start(stack, this);
    }

    /** False: a BYE is left for the test to answer (it is still queued in {@link #requests}). */
    volatile boolean answerByes = true;

    @Override
    public void onRequest(IncomingRequest in) {
        if ((Request.BYE.equals(in.method()) && answerByes) || Request.CANCEL.equals(in.method())) {
            in.respond(Response.OK);
        }
        requests.add(in);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        responses.add(event.getResponse());
    }

    String aor() {
        return "sip:" + user + "@" + domain;
    }

    SipURI contactUri() {
        try {
            SipURI uri = endpoint.addressFactory().createSipURI(user, endpoint.host() + ":" + endpoint.port(transport));
            if (transport != SipTransport.UDP) {
                uri.setTransportParam(transport.jainSipName());
            }
            return uri;
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    ContactHeader contact() {
        return endpoint.headerFactory().createContactHeader(endpoint.addressFactory().createAddress(contactUri()));
    }

    /** REGISTER through the P-CSCF with {@code securityClient} (null: none); returns the final response. */
    Response register(String securityClient, int expires) throws Exception {
        Request r = request(Request.REGISTER, "sip:" + domain, aor(), null, newCallId());
        r.addHeader(contact());
        r.addHeader(endpoint.headerFactory().createExpiresHeader(expires));
        r.addHeader(endpoint.headerFactory().createSupportedHeader("path"));
        if (securityClient != null) {
            r.addHeader(header("Security-Client", securityClient));
            r.addHeader(endpoint.headerFactory().createRequireHeader("sec-agree"));
            r.addHeader(endpoint.headerFactory().createProxyRequireHeader("sec-agree"));
        }
        endpoint.send(r);
        Response ok = nextFinal(Request.REGISTER);
        SecurityHeaderDecodeResult server = SipSecurityHeaders.read(ok, SecurityHeaderKind.SERVER);
        securityVerify = server.header().map(h -> h.value()).orElse(null);
        return ok;
    }

    /** REGISTER with {@code Contact: *} and {@code Expires: 0} (RFC 3261 §10.2.2); returns the final response. */
    Response unregisterAll() throws Exception {
        Request r = request(Request.REGISTER, "sip:" + domain, aor(), null, newCallId());
        r.addHeader(endpoint.headerFactory().createContactHeader());
        r.addHeader(endpoint.headerFactory().createExpiresHeader(0));
        endpoint.send(r);
        return nextFinal(Request.REGISTER);
    }

    /** An INVITE to {@code user} of the domain with an SDP offer (not sent). */
    Request invite(String calleeUser, String sdp) throws Exception {
        Request r = request(Request.INVITE, "sip:" + calleeUser + "@" + domain, "sip:" + calleeUser + "@" + domain, null,
                newCallId());
        r.addHeader(contact());
        verify(r);
        if (sdp != null) {
            r.setContent(sdp, endpoint.headerFactory().createContentTypeHeader("application", "sdp"));
        }
        return r;
    }

    ClientTransaction send(Request r) {
        return endpoint.send(r);
    }

    /** Adds our Security-Verify (RFC 3329 §2.3.1) when the registration returned a Security-Server. */
    void verify(Request r) throws ParseException {
        if (securityVerify != null) {
            r.addHeader(header("Security-Verify", securityVerify));
            r.addHeader(endpoint.headerFactory().createRequireHeader("sec-agree"));
            r.addHeader(endpoint.headerFactory().createProxyRequireHeader("sec-agree"));
        }
    }

    /** Answers an INVITE with {@code status}, a To tag, our Contact and optionally an SDP body. */
    void answer(IncomingRequest invite, int status, String sdp) throws Exception {
        Response r = invite.createResponse(status);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag("to-" + user);
        }
        r.addHeader(contact());
        if (sdp != null) {
            if (sdp != null) {
            r.setContent(sdp, endpoint.headerFactory().createContentTypeHeader("application", "sdp"));
        }
        }
        invite.respond(r);
    }

    /** The caller's ACK or BYE after {@code ok}: route set the Record-Route reversed, Request-URI its Contact. */
    Request inDialog(String method, Response ok, Request invite) throws Exception {
        var hf = endpoint.headerFactory();
        javax.sip.address.URI ruri = ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getAddress().getURI();
        long n = Request.ACK.equals(method) ? ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber() : cseq++;
        List<ViaHeader> via = new ArrayList<>(List.of(endpoint.newVia(transport)));
        if (Request.ACK.equals(method)) {
            via.get(0).setBranch(ViaBranch.newBranch());
        }
        Request r = endpoint.messageFactory().createRequest(ruri, method, (CallIdHeader) ok.getHeader(CallIdHeader.NAME),
                hf.createCSeqHeader(n, method), (FromHeader) ok.getHeader(FromHeader.NAME),
                (ToHeader) ok.getHeader(ToHeader.NAME), via, hf.createMaxForwardsHeader(70));
        List<String> rr = values(ok, RecordRouteHeader.NAME);
        Collections.reverse(rr);
        for (String v : rr) {
            r.addLast(hf.createRouteHeader(endpoint.addressFactory().createAddress(v)));
        }
        if (!Request.ACK.equals(method)) {
            verify(r);
        }
        return r;
    }

    /** A CANCEL for a sent INVITE (RFC 3261 §9.1). */
    void cancel(ClientTransaction invite) throws Exception {
        endpoint.provider().getNewClientTransaction(invite.createCancel()).sendRequest();
    }

    void ack(Response ok, Request invite) throws Exception {
        endpoint.sendStateless(inDialog(Request.ACK, ok, invite));
    }

    IncomingRequest nextRequest(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            IncomingRequest r = requests.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError(user + ": no " + method + " within " + TIMEOUT);
            }
            if (r.method().equals(method)) {
                return r;
            }
        }
    }

    /** The next response to an INVITE with this status (others skipped: a late 200 to an earlier BYE, say). */
    Response next(int status) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Response r = responses.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError(user + ": no " + status + " within " + TIMEOUT);
            }
            if (r.getStatusCode() == status
                    && Request.INVITE.equals(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())) {
                return r;
            }
        }
    }

    /** The next final response to a request of this method (others skipped). */
    Response nextFinal(String method) throws InterruptedException {
        return nextFinal(method, TIMEOUT);
    }

    /** As {@link #nextFinal(String)}, waiting up to {@code timeout}. */
    Response nextFinal(String method, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = responses.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError(user + ": no final response within " + timeout);
            }
            if (r.getStatusCode() >= 200 && method.equals(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())) {
                return r;
            }
        }
    }

    static SessionDescription sdp(Message m) {
        return SdpParser.parse(new String(m.getRawContent(), StandardCharsets.UTF_8));
    }

    static String body(Message m) {
        return m.getRawContent() == null ? "" : new String(m.getRawContent(), StandardCharsets.UTF_8);
    }

    Request request(String method, String requestUri, String to, String toTag, String callId) throws Exception {
        var af = endpoint.addressFactory();
        var hf = endpoint.headerFactory();
        List<ViaHeader> via = new ArrayList<>(List.of(endpoint.newVia(transport)));
        Request r = endpoint.messageFactory().createRequest(af.createURI(requestUri), method, hf.createCallIdHeader(callId),
                hf.createCSeqHeader(cseq++, method), hf.createFromHeader(af.createAddress(aor()), fromTag),
                hf.createToHeader(af.createAddress(to), toTag), via, hf.createMaxForwardsHeader(70));
        r.addHeader(hf.createRouteHeader(af.createAddress(pcscfRoute)));
        return r;
    }

    String newCallId() {
        return endpoint.provider().getNewCallId().getCallId();
    }

    static Header header(String name, String value) {
        ExtensionHeaderImpl h = new ExtensionHeaderImpl(name);
        h.setValue(value);
        return h;
    }

    static List<String> values(Message m, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            String s = ((Header) it.next()).toString().trim();
            out.add(s.substring(s.indexOf(':') + 1).trim());
        }
        return out;
    }

    @Override
    public void close() {
        endpoint.stop();
    }

}
