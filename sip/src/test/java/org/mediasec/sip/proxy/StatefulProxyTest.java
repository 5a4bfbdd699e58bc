package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.internal.FreePorts;

/**
 * {@link StatefulProxy} between two endpoints on loopback: a UAC sends through the proxy (preloaded
 * Route), the proxy forwards every request to a fixed target, a UAS answers as the test says.
 */
class StatefulProxyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<SipEndpoint> endpoints = new ArrayList<>();
    private static final BlockingQueue<Response> atUac = new LinkedBlockingQueue<>();
    private static final BlockingQueue<IncomingRequest> atUas = new LinkedBlockingQueue<>();
    private static volatile Function<IncomingRequest, Integer> uasAnswer = in -> 200;
    private static volatile StatefulProxy proxy;
    private static volatile SipURI target;
    private static volatile ResponseRewriter rewriter = ResponseRewriter.NONE;
    private static final ThreadSafeManualTimers TIMERS = new ThreadSafeManualTimers();
    private static volatile IncomingRequest heldInvite;
    private static SipURI uasUri;

    @BeforeAll
    static void startAll() throws ParseException {
        setUp(null);
        uasUri = uasUri();
    }

    @BeforeEach
    void reset() {
        atUac.clear();
        atUas.clear();
        uasAnswer = in -> 200;
        target = uasUri;
        rewriter = ResponseRewriter.NONE;
    }

    @AfterAll
    static void stop() {
        endpoints.forEach(SipEndpoint::stop);
    }

    private static SipEndpoint start(String name, SipEndpointListener l) {
        SipEndpoint ep = SipEndpoint.start(SipStackConfig.loopback(name), l);
        endpoints.add(ep);
        return ep;
    }

    private static SipEndpoint uac;
    private static SipEndpoint proxyEndpoint;

    private static void setUp(SipURI forwardTo) throws ParseException {
        uac = start("uac", new SipEndpointListener() {
            @Override
            public void onRequest(IncomingRequest in) {
                in.respond(200);
            }

            @Override
            public void onResponse(ResponseEvent event) {
                atUac.add(event.getResponse());
            }
        });
        proxyEndpoint = start("proxy", new SipEndpointListener() {
            @Override
            public void onRequest(IncomingRequest in) {
                proxy.receive(in).ifPresent(pr -> proxy.forward(pr,
                        ForwardTarget.to(target).withRecordRoute(proxy.identity().recordRouteUri(SipTransport.UDP)), rewriter));
            }

            @Override
            public void onResponse(ResponseEvent event) {
                proxy.onResponse(event);
            }

            @Override
            public void onTimeout(TimeoutEvent event) {
                proxy.onTimeout(event);
            }
        });
        proxy = new StatefulProxy(proxyEndpoint, new ProxyIdentity(proxyEndpoint.host(), proxyEndpoint.port()),
                TIMERS, StatefulProxy.DEFAULT_TIMER_C);
        target = forwardTo;
    }

    private static SipURI uasUri() throws ParseException {
        SipEndpoint uas = start("uas", in -> {
            atUas.add(in);
            if (Request.ACK.equals(in.method())) {
                return;
            }
            if (Request.CANCEL.equals(in.method())) {
                in.respond(200);
                IncomingRequest held = heldInvite;
                if (held != null) {
                    Response terminated = held.createResponse(487);
                    try {
                        ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag("uas");
                    } catch (ParseException e) {
                        throw new IllegalStateException(e);
                    }
                    held.respond(terminated);
                    heldInvite = null;
                }
                return;
            }
            int status = uasAnswer.apply(in);
            if (status < 200) {
                heldInvite = in;
            }
            Response r = in.createResponse(status);
            try {
                ((ToHeader) r.getHeader(ToHeader.NAME)).setTag("uas");
                if (Request.INVITE.equals(in.method())) {
                    r.addHeader(in.request().getHeader("Contact"));
                }
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            in.respond(r);
        });
        return uas.addressFactory().createSipURI("bob", "127.0.0.1:" + uas.port());
    }

    private Request request(String method) throws Exception {
        AddressFactory af = uac.addressFactory();
        HeaderFactory hf = uac.headerFactory();
        Request r = uac.messageFactory().createRequest(af.createURI("sip:bob@example.net"), method,
                uac.provider().getNewCallId(), hf.createCSeqHeader(1L, method),
                hf.createFromHeader(af.createAddress("sip:alice@example.net"), "a1"),
                hf.createToHeader(af.createAddress("sip:bob@example.net"), null),
                new ArrayList<>(List.of(uac.newVia(SipTransport.UDP))), hf.createMaxForwardsHeader(70));
        r.addHeader(hf.createRouteHeader(af.createAddress("<sip:127.0.0.1:" + proxyEndpoint.port() + ";lr>")));
        r.addHeader(hf.createContactHeader(af.createAddress("sip:alice@127.0.0.1:" + uac.port())));
        return r;
    }

    private Response nextFinal() throws InterruptedException {
        while (true) {
            Response r = atUac.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a final response within %s", TIMEOUT).isNotNull();
            if (r.getStatusCode() >= 200) {
                return r;
            }
        }
    }

    @Test
    void messageIsForwardedAndTheResponseRelayedWithoutOurVia() throws Exception {
        uac.send(request(Request.MESSAGE));
        IncomingRequest in = atUas.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(in).isNotNull();
        assertThat(in.request().getRequestURI()).isEqualTo(target);
        assertThat(in.request().getHeader("Route")).isNull();
        assertThat(Msgs.values(in.request(), ViaHeader.NAME)).hasSize(2);
        Response ok = nextFinal();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(Msgs.values(ok, ViaHeader.NAME)).hasSize(1);
        assertThat(atUac).as("no 100 Trying for a non-INVITE").isEmpty();
    }

    @Test
    void inviteBusyIsRelayedAndTheContextClosed() throws Exception {
        uasAnswer = in -> 486;
        uac.send(request(Request.INVITE));
        Response busy = nextFinal();
        assertThat(busy.getStatusCode()).isEqualTo(486);
        assertThat(((ToHeader) busy.getHeader(ToHeader.NAME)).getTag()).as("§16.7: To tag preserved").isEqualTo("uas");
        assertThat(proxy.openInviteContexts()).isZero();
    }

    @Test
    void unavailableDownstreamBecomes500() throws Exception {
        uasAnswer = in -> 503;
        uac.send(request(Request.MESSAGE));
        assertThat(nextFinal().getStatusCode()).as("§16.7 step 6: a lone 503 becomes 500").isEqualTo(500);
    }

    @Test
    void unreachableTcpTargetIsASendFailure() throws Exception {
        int closed = FreePorts.udpAndTcp(InetAddress.getByName("127.0.0.1"));
        target = uac.addressFactory().createSipURI("bob", "127.0.0.1:" + closed);
        target.setTransportParam("tcp");
        uac.send(request(Request.MESSAGE));
        // §16.9: a transport error counts as 503, which goes upstream as 500 (§16.7 step 6)
        Response error = nextFinal();
        assertThat(error.getStatusCode()).isEqualTo(500);
        assertThat(((ToHeader) error.getHeader(ToHeader.NAME)).getTag()).as("§8.2.6.2: our own final response has a To tag").isNotNull();
    }

    @Test
    void inviteOkThenAckGoesStatelesslyAlongTheRecordRoute() throws Exception {
        ClientTransaction ct = uac.send(request(Request.INVITE));
        Response ok = nextFinal();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(Msgs.values(ok, "Record-Route")).containsExactly("<sip:127.0.0.1:" + proxyEndpoint.port() + ";lr>");
        IncomingRequest invite = atUas.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(invite.method()).isEqualTo(Request.INVITE);

        Request ack = request(Request.ACK);
        ack.setHeader(uac.headerFactory().createCSeqHeader(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber(), Request.ACK));
        ack.setHeader(ok.getHeader(ToHeader.NAME));
        ack.setHeader(ok.getHeader("Call-ID"));
        ack.setRequestURI(target);
        ((ViaHeader) ack.getHeader(ViaHeader.NAME)).setBranch(ViaBranch.newBranch());
        uac.sendStateless(ack);
        IncomingRequest atTarget = atUas.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(atTarget).isNotNull();
        assertThat(atTarget.method()).isEqualTo(Request.ACK);
        assertThat(((ViaHeader) atTarget.request().getHeader(ViaHeader.NAME)).getBranch()).startsWith(ViaBranch.MAGIC_COOKIE + "sl");
        assertThat(ct.getBranchId()).isNotNull();
    }

    @Test
    void rewriterSeesEveryRelayedResponse() throws Exception {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        rewriter = (pr, response) -> {
            seen.add(response.getStatusCode());
            try {
                response.setHeader(uac.headerFactory().createHeader("X-Rewritten", pr.method()));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            return response;
        };
        uac.send(request(Request.MESSAGE));
        Response ok = nextFinal();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(ok.getHeader("X-Rewritten").toString().trim()).isEqualTo("X-Rewritten: MESSAGE");
        assertThat(seen).containsExactly(200);
    }

    /**
     * §16.7 step 5: after the final response, "Any 2xx response to an INVITE request" is still forwarded,
     * and a response without a client transaction is processed "as a stateless proxy" (the RFC's example
     * is a late 2xx). A raw UDP UAS sends its 200 twice; both reach the UAC, whichever way the RI delivers
     * the retransmission to the proxy (on the terminated client transaction or without one).
     */
    @Test
    void retransmitted2xxIsRelayedAgain() throws Exception {
        try (java.net.DatagramSocket raw = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            raw.setSoTimeout((int) TIMEOUT.toMillis());
            target = uac.addressFactory().createSipURI("bob", "127.0.0.1:" + raw.getLocalPort());
            uac.send(request(Request.INVITE));
            byte[] buf = new byte[65535];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            raw.receive(p);
            Request invite = new gov.nist.javax.sip.message.MessageFactoryImpl()
                    .createRequest(new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.UTF_8));
            Response ok = new gov.nist.javax.sip.message.MessageFactoryImpl().createResponse(200, invite);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("raw");
            ok.addHeader(uac.headerFactory().createContactHeader(uac.addressFactory().createAddress("sip:bob@127.0.0.1:" + raw.getLocalPort())));
            byte[] bytes = ok.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            raw.send(new java.net.DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
            assertThat(nextFinal().getStatusCode()).isEqualTo(200);
            raw.send(new java.net.DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
            Response again = nextFinal();
            assertThat(again.getStatusCode()).isEqualTo(200);
            assertThat(Msgs.values(again, ViaHeader.NAME)).hasSize(1);
        }
    }

    @Test
    void timerCCancelsARingingBranch() throws Exception {
        uasAnswer = in -> 180;
        uac.send(request(Request.INVITE));
        while (true) {
            Response r = atUac.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("180 relayed").isNotNull();
            if (r.getStatusCode() == 180) {
                break;
            }
        }
        assertThat(proxy.runningTimerCs()).isEqualTo(1);
        TIMERS.advance(Duration.ofMinutes(3));
        assertThat(atUac.poll(50, TimeUnit.MILLISECONDS)).as("nothing before timer C").isNull();
        TIMERS.advance(Duration.ofSeconds(1));
        // §16.8: a ringing branch is cancelled; the 487 comes back to the caller
        assertThat(nextFinal().getStatusCode()).isEqualTo(487);
        assertThat(proxy.runningTimerCs()).isZero();
    }

    @Test
    void timerCIsStoppedByTheFinalResponse() throws Exception {
        uac.send(request(Request.INVITE));
        assertThat(nextFinal().getStatusCode()).isEqualTo(200);
        assertThat(proxy.runningTimerCs()).isZero();
    }

    @Test
    void nextHopOverATransportWeLackIs503() throws Exception {
        target = uac.addressFactory().createSipURI("bob", "127.0.0.1:5999");
        target.setTransportParam("sctp");
        uac.send(request(Request.MESSAGE));
        assertThat(nextFinal().getStatusCode()).isEqualTo(503);
    }
}
