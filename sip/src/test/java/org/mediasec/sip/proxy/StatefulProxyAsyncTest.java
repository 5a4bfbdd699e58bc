package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
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
 */
class StatefulProxyAsyncTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<SipEndpoint> endpoints = new ArrayList<>();
    private static final BlockingQueue<Response> atUac = new LinkedBlockingQueue<>();
    private static volatile AsyncResponseRewriter rewriter;
    private static volatile CountDownLatch okSeenByProxy = new CountDownLatch(0);
    private static StatefulProxy proxy;
    private static SipEndpoint uac;
    private static SipEndpoint proxyEndpoint;
    private static SipURI uasUri;
    private static volatile SipEndpoint uasEndpoint;
    private static volatile Runnable retransmit = () -> { };

    @BeforeAll
    static void startAll() throws ParseException {
        uac = start("async-uac", new SipEndpointListener() {
            @Override
            public void onRequest(IncomingRequest in) {
            }

            @Override
            public void onResponse(ResponseEvent event) {
                atUac.add(event.getResponse());
            }
        });
        proxyEndpoint = start("async-proxy", new SipEndpointListener() {
            @Override
            public void onRequest(IncomingRequest in) {
                proxy.receive(in).ifPresent(pr -> proxy.forwardAsync(pr, ForwardTarget.to(uasUri), rewriter));
            }

            @Override
            public void onResponse(ResponseEvent event) {
                if (event.getResponse().getStatusCode() == 200) {
                    okSeenByProxy.countDown();
                }
                proxy.onResponse(event);
            }

            @Override
            public void onTimeout(TimeoutEvent event) {
                proxy.onTimeout(event);
            }
        });
        proxy = new StatefulProxy(proxyEndpoint, new ProxyIdentity(proxyEndpoint.host(), proxyEndpoint.port()));
        SipEndpoint uas = start("async-uas", in -> {
            if (Request.ACK.equals(in.method())) {
                return;
            }
            for (int status : new int[] {180, 200}) {
                Response r = in.createResponse(status);
                try {
                    ((ToHeader) r.getHeader(ToHeader.NAME)).setTag("uas");
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                r.addHeader(in.request().getHeader("Contact"));
                in.respond(r);
            }
            // RFC 3261 §13.3.1.4: the UAS retransmits its 2xx until the ACK (the RI does it only with a dialog)
            Response again = in.createResponse(200);
            try {
                ((ToHeader) again.getHeader(ToHeader.NAME)).setTag("uas");
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            again.addHeader(in.request().getHeader("Contact"));
            retransmit = () -> uasEndpoint.sendStateless((Response) again.clone());
            retransmit.run();
        });
        uasEndpoint = uas;
        uasUri = uas.addressFactory().createSipURI("bob", "127.0.0.1:" + uas.port());
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

    @Test
    void responsesWaitForTheRewriterInOrderAndA2xxIsRewrittenOnce() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicInteger rewrites180 = new AtomicInteger();
        AtomicInteger rewrites200 = new AtomicInteger();
        okSeenByProxy = new CountDownLatch(2);   // the 200 and at least one retransmission
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
        uac.send(invite());
        assertThat(okSeenByProxy.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the UAS retransmitted its 200 while the responses were held").isTrue();
        assertThat(atUac.stream().filter(r -> r.getStatusCode() > 100)).as("nothing relayed while held").isEmpty();

        gate.complete(null);
        Response first = next();
        assertThat(first.getStatusCode()).isEqualTo(180);
        assertThat(first.getHeader("X-Rewritten").toString()).contains("180-1");
        Response ok = next();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(ok.getHeader("X-Rewritten").toString()).contains("200-1");
        // further retransmissions of the 200 reach the UAC as the rewritten copy, and the rewriter ran once
        okSeenByProxy = new CountDownLatch(1);
        retransmit.run();
        assertThat(okSeenByProxy.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(rewrites200).hasValue(1);
        assertThat(rewrites180).hasValue(1);
        for (Response r : atUac) {
            if (r.getStatusCode() == 200) {
                assertThat(r.getHeader("X-Rewritten")).as("every 200 relayed is the rewritten one").isNotNull();
            }
        }
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
