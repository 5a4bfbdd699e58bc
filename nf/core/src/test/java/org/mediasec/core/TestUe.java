package org.mediasec.core;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTransport;

/**
 * A minimal UA on a {@link SipEndpoint} for the tests: builds requests, answers INVITE, BYE and
 * MESSAGE with 200 (or a configured status), and queues what it receives.
 */
final class TestUe implements SipEndpointListener, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("mediasec.sip.timeoutSeconds", 10));

    final String user;
    final String domain;
    final SipEndpoint endpoint;
    final SipTransport transport;
    final BlockingQueue<IncomingRequest> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final String fromTag = Long.toHexString(System.nanoTime());
    private long cseq = 1;
    volatile int answer = Response.OK;

    TestUe(String user, String domain, SipTransport transport) {
        this.user = user;
        this.domain = domain;
        this.transport = transport;
        this.endpoint = SipEndpoint.start(SipStackConfig.loopback("ue-" + user), this);
    }

    /** With {@code answer} 180: the INVITE held until a CANCEL, then answered 487. */
    private volatile IncomingRequest heldInvite;

    @Override
    public void onRequest(IncomingRequest in) {
        requests.add(in);
        if (Request.INVITE.equals(in.method()) && answer == Response.RINGING) {
            Response ringing = in.createResponse(Response.RINGING);
            tag(ringing);
            in.respond(ringing);
            heldInvite = in;
            return;
        }
        if (Request.CANCEL.equals(in.method()) && heldInvite != null) {
            in.respond(Response.OK);
            Response terminated = heldInvite.createResponse(Response.REQUEST_TERMINATED);
            tag(terminated);
            heldInvite.respond(terminated);
            heldInvite = null;
            return;
        }
        switch (in.method()) {
            case Request.ACK -> { }
            case Request.INVITE, Request.BYE, Request.MESSAGE, Request.CANCEL, Request.OPTIONS -> {
                Response r = in.createResponse(Request.CANCEL.equals(in.method()) ? Response.OK : answer);
                tag(r);
                if (Request.INVITE.equals(in.method())) {
                    r.addHeader(contact());
                }
                in.respond(r);
            }
            default -> in.respond(Response.NOT_IMPLEMENTED);
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        responses.add(event.getResponse());
    }

    /** The contact URI of this UA: {@code sip:user@127.0.0.1:port}, with transport=tcp over TCP. */
    SipURI contactUri() {
        try {
            SipURI uri = endpoint.addressFactory().createSipURI(user, endpoint.host() + ":" + endpoint.port());
            if (transport == SipTransport.TCP) {
                uri.setTransportParam("tcp");
            }
            return uri;
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    ContactHeader contact() {
        return endpoint.headerFactory().createContactHeader(endpoint.addressFactory().createAddress(contactUri()));
    }

    String aor() {
        return "sip:" + user + "@" + domain;
    }

    /** A REGISTER for our AOR to {@code registrarUri} through {@code route} (may be empty), with Contact and Expires. */
    Request register(String registrarUri, List<String> route, int expires) {
        Request r = request(Request.REGISTER, registrarUri, aor(), null, newCallId(), route);
        r.addHeader(contact());
        try {
            r.addHeader(endpoint.headerFactory().createExpiresHeader(expires));
            r.addHeader(endpoint.headerFactory().createSupportedHeader("path"));
        } catch (InvalidArgumentException | ParseException e) {
            throw new AssertionError(e);
        }
        return r;
    }

    /** A new out-of-dialog request from our AOR to {@code target}. */
    Request request(String method, String requestUri, String to, String toTag, String callId, List<String> route) {
        try {
            var af = endpoint.addressFactory();
            var hf = endpoint.headerFactory();
            URI ruri = af.createURI(requestUri);
            FromHeader from = hf.createFromHeader(af.createAddress(aor()), fromTag);
            ToHeader toH = hf.createToHeader(af.createAddress(to), toTag);
            CallIdHeader cid = hf.createCallIdHeader(callId);
            CSeqHeader cs = hf.createCSeqHeader(cseq++, method);
            List<ViaHeader> via = new ArrayList<>(List.of(endpoint.newVia(transport)));
            Request r = endpoint.messageFactory().createRequest(ruri, method, cid, cs, from, toH, via, hf.createMaxForwardsHeader(70));
            for (String rt : route) {
                r.addLast(hf.createRouteHeader(af.createAddress(rt)));
            }
            return r;
        } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * An in-dialog request after {@code ok} (a 2xx to our INVITE): RFC 3261 §12.1.2 / §12.2.1.1, the route
     * set is the Record-Route of the 2xx reversed, the Request-URI its Contact.
     */
    Request inDialog(String method, Response ok, long number) {
        try {
            var hf = endpoint.headerFactory();
            URI ruri = ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getAddress().getURI();
            CSeqHeader cs = hf.createCSeqHeader(number, method);
            List<ViaHeader> via = new ArrayList<>(List.of(endpoint.newVia(transport)));
            if (Request.ACK.equals(method)) {
                via.get(0).setBranch(org.mediasec.sip.proxy.ViaBranch.newBranch());
            }
            Request r = endpoint.messageFactory().createRequest(ruri, method,
                    (CallIdHeader) ok.getHeader(CallIdHeader.NAME), cs,
                    (FromHeader) ok.getHeader(FromHeader.NAME), (ToHeader) ok.getHeader(ToHeader.NAME), via,
                    hf.createMaxForwardsHeader(70));
            List<String> rr = values(ok, RecordRouteHeader.NAME);
            Collections.reverse(rr);
            for (String v : rr) {
                r.addLast(hf.createRouteHeader(endpoint.addressFactory().createAddress(v)));
            }
            return r;
        } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
            throw new AssertionError(e);
        }
    }

    String newCallId() {
        return endpoint.provider().getNewCallId().getCallId();
    }

    /** The next request received, skipping none; fails after {@link #TIMEOUT}. */
    IncomingRequest nextRequest() throws InterruptedException {
        IncomingRequest r = requests.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError(user + ": no request within " + TIMEOUT);
        }
        return r;
    }

    /** The next final response (provisional ones are skipped). */
    Response nextFinal() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Response r = responses.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError(user + ": no final response within " + TIMEOUT);
            }
            if (r.getStatusCode() >= 200) {
                return r;
            }
        }
    }

    private void tag(Response r) {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            try {
                to.setTag("to-" + user);
            } catch (ParseException e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<String> values(javax.sip.message.Message m, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            String s = ((Header) it.next()).toString().trim();
            out.add(s.substring(s.indexOf(':') + 1).trim());
        }
        return out;
    }

    static List<Address> addresses(List<String> values, SipEndpoint ep) {
        List<Address> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(ep.addressFactory().createAddress(v));
            } catch (ParseException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        endpoint.stop();
    }

    @Override
    public String toString() {
        return "TestUe[" + user + " " + endpoint + "]";
    }

    static String routeOf(Request r) {
        return String.join(", ", values(r, RouteHeader.NAME));
    }
}
