package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTransport;

/**
 * {@link StatefulProxy#forwardAsync}: responses are held until the rewriter's stage completes, leave in the
 * order they came, and a 2xx to an INVITE is rewritten once: its retransmissions are dropped while it is
 * held and relayed as rewritten afterwards, never unrewritten.
 *
 * <p>Order over UDP: the test thread answers for the UAS and sends the 200 only once the proxy has handled
 * the 180 (the proxy's stack has several UDP worker threads and may otherwise see the 200 first, after
 * which the 180 is rightly not relayed, RFC 3261 §16.7 step 5). The UAC's stack has one UDP worker, so it
 * sees the responses in the order the proxy sent them: an early relay would reach it before the 180.
 */
class StatefulProxyAsyncTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<SipEndpoint> endpoints = new ArrayList<>();
    private static final BlockingQueue<Response> atUac = new LinkedBlockingQueue<>();
    /** Status codes of the responses the proxy has handled, added after {@link StatefulProxy#onResponse} returned. */
    private static final BlockingQueue<Integer> handledByProxy = new LinkedBlockingQueue<>();
    private static final BlockingQueue<IncomingRequest> atUas = new LinkedBlockingQueue<>();
    private static volatile AsyncResponseRewriter rewriter;
    /** When set, the next 200 with a client transaction is handed to the proxy first without one (see below). */
    private static volatile boolean strayCopyFirst;
    private static StatefulProxy proxy;
    private static SipEndpoint uac;
    private static SipEndpoint proxyEndpoint;
    private static SipURI uasUri;
    private static SipEndpoint uas;

    @BeforeAll
    static void startAll() throws ParseException {
        uac = start(SipStackConfig.loopback("async-uac").withThreadPoolSize(1), new SipEndpointListener() {
            @Override
            public void onRequest(IncomingRequest in) {
            }

            @Override
            public void onResponse(ResponseEvent event) {
                atUac.add(event.getResponse());
            }
        });
        proxyEndpoint = start(SipStackConfig.loopback("async-proxy"), new SipEndpointListener() {
            @Override
            public void onRequest(IncomingRequest in) {
                proxy.receive(in).ifPresent(pr -> proxy.forwardAsync(pr, ForwardTarget.to(uasUri), rewriter));
            }

            @Override
            public void onResponse(ResponseEvent event) {
                Response response = event.getResponse();
                if (strayCopyFirst && response.getStatusCode() == 200 && event.getClientTransaction() != null) {
                    // what the stack does when a retransmission overtakes the event of the first copy, whose
                    // client transaction it has already terminated: the copy comes without a transaction
                    strayCopyFirst = false;
                    proxy.onResponse(new ResponseEvent(event.getSource(), null, null, (Response) response.clone()));
                    handledByProxy.add(response.getStatusCode());
                }
                proxy.onResponse(event);
                handledByProxy.add(response.getStatusCode());
            }

            @Override
            public void onTimeout(TimeoutEvent event) {
                proxy.onTimeout(event);
            }
        });
        proxy = new StatefulProxy(proxyEndpoint, new ProxyIdentity(proxyEndpoint.host(), proxyEndpoint.port()));
        uas = start(SipStackConfig.loopback("async-uas"), in -> {
            if (!Request.ACK.equals(in.method())) {
                atUas.add(in);
            }
        });
        uasUri = uas.addressFactory().createSipURI("bob", "127.0.0.1:" + uas.port());
    }

    @AfterAll
    static void stop() {
        endpoints.forEach(SipEndpoint::stop);
    }

    private static SipEndpoint start(SipStackConfig config, SipEndpointListener l) {
        SipEndpoint ep = SipEndpoint.start(config, l);
        endpoints.add(ep);
        return ep;
    }

    @Test
    void responsesWaitForTheRewriterInOrderAndA2xxIsRewrittenOnce() throws Exception {
        heldInOrderAndRewrittenOnce(false);
    }

    /**
     * The proxy's stack terminates the INVITE client transaction on the first 2xx; with several UDP workers a
     * retransmission may reach the listener, without a transaction, before the first copy's event does. It
     * must be held and rewritten as the first copy would be, not relayed statelessly past the rewriter.
     */
    @Test
    void a2xxWithoutItsTransactionBeforeTheFirstCopyIsHeldAndRewrittenOnce() throws Exception {
        heldInOrderAndRewrittenOnce(true);
    }

    private static void heldInOrderAndRewrittenOnce(boolean strayFirst) throws Exception {
        atUac.clear();
        handledByProxy.clear();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicInteger rewrites180 = new AtomicInteger();
        AtomicInteger rewrites200 = new AtomicInteger();
        rewriter = new AsyncResponseRewriter() {
            @Override
            public CompletionStage<Response> rewrite(ProxiedRequest request, Response response) {
                int n = (response.getStatusCode() == 180 ? rewrites180 : rewrites200).incrementAndGet();
                try {
                    response.setHeader(uac.headerFactory().createHeader("X-Rewritten", response.getStatusCode() + "-" + n));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                // the 180 is held until the gate opens; the 200 is ready at once but must wait behind it
                return response.getStatusCode() == 180 ? gate.thenApply(v -> response)
                        : CompletableFuture.completedFuture(response);
            }
        };
        strayCopyFirst = strayFirst;
        uac.send(invite());
        IncomingRequest in = atUas.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(in).as("the INVITE reached the UAS within %s", TIMEOUT).isNotNull();
        in.respond(uasResponse(in, 180));
        awaitHandled(180);
        in.respond(uasResponse(in, 200));
        // RFC 3261 §13.3.1.4: the UAS retransmits its 2xx until the ACK (the RI does it only with a dialog)
        Response again = uasResponse(in, 200);
        uas.sendStateless((Response) again.clone());
        awaitHandled(200);
        awaitHandled(200);
        if (strayFirst) {
            awaitHandled(200);
        }
        assertThat(atUac.stream().filter(r -> r.getStatusCode() > 100)).as("nothing relayed while held").isEmpty();

        gate.complete(null);
        Response first = next();
        assertThat(first.getStatusCode()).as("the first response relayed").isEqualTo(180);
        assertThat(first.getHeader("X-Rewritten").toString()).contains("180-1");
        Response ok = next();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(ok.getHeader("X-Rewritten").toString()).contains("200-1");
        // further retransmissions of the 200 reach the UAC as the rewritten copy, and the rewriter ran once
        uas.sendStateless((Response) again.clone());
        awaitHandled(200);
        Response retransmitted = next();
        assertThat(retransmitted.getStatusCode()).isEqualTo(200);
        assertThat(rewrites200).hasValue(1);
        assertThat(rewrites180).hasValue(1);
        for (Response r : atUac) {
            if (r.getStatusCode() == 200) {
                assertThat(r.getHeader("X-Rewritten")).as("every 200 relayed is the rewritten one").isNotNull();
            }
        }
        assertThat(retransmitted.getHeader("X-Rewritten")).as("the retransmission relayed is the rewritten one").isNotNull();
    }

    /** Waits until the proxy has handled (returned from {@code onResponse} for) a response with {@code status}. */
    private static void awaitHandled(int status) throws InterruptedException {
        while (true) {
            Integer handled = handledByProxy.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(handled).as("the proxy handled a %d within %s", status, TIMEOUT).isNotNull();
            if (handled == status) {
                return;
            }
        }
    }

    private static Response uasResponse(IncomingRequest in, int status) {
        Response r = in.createResponse(status);
        try {
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag("uas");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        r.addHeader(in.request().getHeader("Contact"));
        return r;
    }

    private static Response next() throws InterruptedException {
        while (true) {
            Response r = atUac.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a response within %s", TIMEOUT).isNotNull();
            if (r.getStatusCode() > 100) {
                return r;
            }
        }
    }

    private static Request invite() throws Exception {
        AddressFactory af = uac.addressFactory();
        HeaderFactory hf = uac.headerFactory();
        Request r = uac.messageFactory().createRequest(af.createURI("sip:bob@example.net"), Request.INVITE,
                uac.provider().getNewCallId(), hf.createCSeqHeader(1L, Request.INVITE),
                hf.createFromHeader(af.createAddress("sip:alice@example.net"), "a1"),
                hf.createToHeader(af.createAddress("sip:bob@example.net"), null),
                new ArrayList<>(List.of(uac.newVia(SipTransport.UDP))), hf.createMaxForwardsHeader(70));
        r.addHeader(hf.createRouteHeader(af.createAddress("<sip:127.0.0.1:" + proxyEndpoint.port() + ";lr>")));
        r.addHeader(hf.createContactHeader(af.createAddress("sip:alice@127.0.0.1:" + uac.port())));
        return r;
    }
}
