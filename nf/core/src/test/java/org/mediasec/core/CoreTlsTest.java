package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointException;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTransport;
import org.mediasec.tls.LocalIdentity;

/** The core listening on TLS from its configuration, registering a UA that connects over TLS. */
class CoreTlsTest {
    private static final Duration TIMEOUT = TestUe.TIMEOUT;
    private static final LocalIdentity UE = LocalIdentity.selfSigned("alice.ue.test");

    @TempDir
    Path dir;

    private CoreConfig tlsCore(String clientAuth, List<String> trusted) {
        return CoreConfig.defaults().withPort(0).withTransports(EnumSet.of(SipTransport.UDP, SipTransport.TLS))
                .withTls(CoreTlsConfig.defaults().withPort(0)
                        .withFiles(dir.resolve("core-cert.pem").toString(), dir.resolve("core-key.pem").toString())
                        .withTrustedFingerprints(trusted).withClientAuth(clientAuth));
    }

    /** A UA: answers MESSAGE 200 and INVITE 486, queues what it receives; {@link #response} is the first final one. */
    private static final class Ua implements SipEndpointListener {
        final CompletableFuture<Response> response = new CompletableFuture<>();
        final java.util.concurrent.BlockingQueue<Response> responses = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.concurrent.BlockingQueue<IncomingRequest> requests = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void onRequest(IncomingRequest request) {
            requests.add(request);
            switch (request.method()) {
                case Request.ACK -> { }
                case Request.MESSAGE -> request.respond(Response.OK);
                case Request.INVITE -> request.respond(Response.BUSY_HERE);
                default -> request.respond(Response.NOT_IMPLEMENTED);
            }
        }

        @Override
        public void onResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() >= 200) {
                response.complete(event.getResponse());
                responses.add(event.getResponse());
            }
        }
    }

    private static Request register(SipEndpoint ue, Core core) throws ParseException, InvalidArgumentException {
        return register(ue, core, "alice");
    }

    /** {@code sip:host:tlsPort;transport=tls} of the core. */
    private static SipURI coreTls(SipEndpoint ue, Core core, boolean lr) throws ParseException {
        SipURI uri = ue.addressFactory().createSipURI(null, core.config().host());
        uri.setPort(core.port(SipTransport.TLS));
        uri.setTransportParam("tls");
        if (lr) {
            uri.setLrParam();
        }
        return uri;
    }

    private static Request request(SipEndpoint ue, String user, String method, javax.sip.address.URI ruri, String to)
            throws ParseException, InvalidArgumentException {
        var af = ue.addressFactory();
        var hf = ue.headerFactory();
        var from = af.createAddress("sip:" + user + "@ims.example.net");
        List<ViaHeader> via = new ArrayList<>(List.of(ue.newVia(SipTransport.TLS)));
        Request r = ue.messageFactory().createRequest(ruri, method, ue.provider().getNewCallId(),
                hf.createCSeqHeader(1L, method), hf.createFromHeader(from, "t" + System.nanoTime()),
                hf.createToHeader(af.createAddress(to), null), via, hf.createMaxForwardsHeader(70));
        SipURI contact = af.createSipURI(user, ue.host());
        contact.setPort(ue.port(SipTransport.TLS));
        contact.setTransportParam("tls");
        r.addHeader(hf.createContactHeader(af.createAddress(contact)));
        return r;
    }

    private static Request register(SipEndpoint ue, Core core, String user) throws ParseException, InvalidArgumentException {
        Request r = request(ue, user, Request.REGISTER, coreTls(ue, core, false), "sip:" + user + "@" + core.config().domain());
        r.addHeader(ue.headerFactory().createExpiresHeader(600));
        return r;
    }

    @Test
    void uaRegistersOverTlsWithMutuallyPinnedCertificates() throws Exception {
        Ua ua = new Ua();
        try (Core core = Core.start(tlsCore("required", List.of(UE.fingerprint().toString())))) {
            // the core generated its identity into the configured files
            LocalIdentity coreId = LocalIdentity.loadPem(dir.resolve("core-cert.pem"), dir.resolve("core-key.pem"));
            try (SipEndpoint ue = SipEndpoint.start(SipStackConfig.loopback("ue-alice-tls")
                    .withTls(SipTlsConfig.pinned(UE, List.of(coreId.fingerprint())))
                    .withTransports(EnumSet.of(SipTransport.TLS)), ua)) {
                ue.send(register(ue, core));

                Response ok = ua.response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(ok.getStatusCode()).isEqualTo(200);
                assertThat(ok.getHeader("Service-Route").toString())
                        .contains(":" + core.port(SipTransport.TLS)).contains("transport=tls").contains("lr");
                assertThat(core.locationService().lookup(core.aor("alice")))
                        .singleElement().satisfies(b -> assertThat(b.contact())
                                .contains("127.0.0.1:" + ue.port(SipTransport.TLS)).contains("transport=tls"));
            }
        }
    }

    @Test
    void uaPinningAnotherCertificateNeverRegisters() throws Exception {
        Ua ua = new Ua();
        CertificateFingerprint notTheCore = LocalIdentity.selfSigned("not.the.core").fingerprint();
        try (Core core = Core.start(tlsCore("none", List.of()));
             SipEndpoint ue = SipEndpoint.start(SipStackConfig.loopback("ue-alice-wrongpin")
                     .withTls(SipTlsConfig.pinned(UE, List.of(notTheCore)))
                     .withTransports(EnumSet.of(SipTransport.TLS)), ua)) {
            assertThatThrownBy(() -> {
                ue.send(register(ue, core));
                ua.response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS); // an I/O event would not complete it
            }).isInstanceOf(SipEndpointException.class).hasStackTraceContaining("fingerprint mismatch");
            assertThat(core.locationService().lookup(core.aor("alice"))).isEmpty();
        }
    }

    @Test
    void requestsReachAUaRegisteredOverTlsThroughTheCoresTlsPort() throws Exception {
        LocalIdentity bobId = LocalIdentity.selfSigned("bob.ue.test");
        Ua alice = new Ua();
        Ua bob = new Ua();
        CoreConfig config = tlsCore("required", List.of(UE.fingerprint().toString(), bobId.fingerprint().toString()))
                .withTransports(EnumSet.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS));
        try (Core core = Core.start(config)) {
            CertificateFingerprint coreFp = LocalIdentity.loadPem(dir.resolve("core-cert.pem"), dir.resolve("core-key.pem")).fingerprint();
            try (SipEndpoint a = SipEndpoint.start(SipStackConfig.loopback("ue-alice-route")
                         .withTls(SipTlsConfig.pinned(UE, List.of(coreFp))).withTransports(EnumSet.of(SipTransport.TLS)), alice);
                 SipEndpoint b = SipEndpoint.start(SipStackConfig.loopback("ue-bob-route")
                         .withTls(SipTlsConfig.pinned(bobId, List.of(coreFp))).withTransports(EnumSet.of(SipTransport.TLS)), bob)) {
                b.send(register(b, core, "bob"));
                assertThat(bob.responses.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);

                // alice -> core (its TLS port as outbound proxy, RFC 3261 §16.4: the core removes that Route) -> bob over TLS
                var bobAor = a.addressFactory().createURI("sip:bob@ims.example.net");
                Request message = request(a, "alice", Request.MESSAGE, bobAor, "sip:bob@ims.example.net");
                message.addHeader(a.headerFactory().createRouteHeader(a.addressFactory().createAddress(coreTls(a, core, true))));
                message.setContent("over TLS both legs", a.headerFactory().createContentTypeHeader("text", "plain"));
                a.send(message);
                IncomingRequest atBob = bob.requests.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(atBob).isNotNull();
                assertThat(atBob.method()).isEqualTo(Request.MESSAGE);
                assertThat(atBob.transport()).isEqualTo("TLS");
                assertThat(atBob.request().getHeader("Route")).as("the core's own Route was removed").isNull();
                assertThat(alice.responses.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);

                Request invite = request(a, "alice", Request.INVITE, bobAor, "sip:bob@ims.example.net");
                invite.addHeader(a.headerFactory().createRouteHeader(a.addressFactory().createAddress(coreTls(a, core, true))));
                a.send(invite);
                IncomingRequest inviteAtBob = bob.requests.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(inviteAtBob).isNotNull();
                assertThat(inviteAtBob.request().getHeader("Record-Route").toString())
                        .contains("127.0.0.1:" + core.port(SipTransport.TLS)).contains("transport=tls");
                assertThat(alice.responses.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatusCode()).isEqualTo(486);
            }
        }
    }

    @Test
    void aUaWhoseCertificateTheCoreDoesNotTrustIsNotReachedAndTheCallerGets500() throws Exception {
        LocalIdentity bobId = LocalIdentity.selfSigned("bob.untrusted.test");
        Ua alice = new Ua();
        Ua bob = new Ua();
        // clientAuth none: bob registers without showing a certificate; the core trusts only alice's
        CoreConfig config = tlsCore("none", List.of(UE.fingerprint().toString()));
        try (Core core = Core.start(config)) {
            CertificateFingerprint coreFp = LocalIdentity.loadPem(dir.resolve("core-cert.pem"), dir.resolve("core-key.pem")).fingerprint();
            try (SipEndpoint a = SipEndpoint.start(SipStackConfig.loopback("ue-alice-503")
                         .withTls(SipTlsConfig.pinned(UE, List.of(coreFp))).withTransports(EnumSet.of(SipTransport.TLS)), alice);
                 SipEndpoint b = SipEndpoint.start(SipStackConfig.loopback("ue-bob-503")
                         .withTls(SipTlsConfig.pinned(bobId, List.of(coreFp))).withTransports(EnumSet.of(SipTransport.TLS)), bob)) {
                b.send(register(b, core, "bob"));
                assertThat(bob.responses.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);

                var bobAor = a.addressFactory().createURI("sip:bob@ims.example.net");
                Request message = request(a, "alice", Request.MESSAGE, bobAor, "sip:bob@ims.example.net");
                message.addHeader(a.headerFactory().createRouteHeader(a.addressFactory().createAddress(coreTls(a, core, true))));
                a.send(message);
                Response answer = alice.responses.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(answer).as("a final response within " + TIMEOUT).isNotNull();
                // RFC 3261 §16.9: a transport error counts as a 503 from the branch; §16.7 step 6: "If the
                // only response that was received is a 503, the proxy SHOULD generate a 500 response"
                assertThat(answer.getStatusCode()).isEqualTo(Response.SERVER_INTERNAL_ERROR);
                assertThat(bob.requests).isEmpty();
            }
        }
    }
}
