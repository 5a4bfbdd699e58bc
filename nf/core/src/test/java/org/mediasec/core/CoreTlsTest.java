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

    private static final class Ua implements SipEndpointListener {
        final CompletableFuture<Response> response = new CompletableFuture<>();

        @Override
        public void onRequest(IncomingRequest request) {
            request.respond(Response.NOT_IMPLEMENTED);
        }

        @Override
        public void onResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() >= 200) {
                response.complete(event.getResponse());
            }
        }
    }

    private static Request register(SipEndpoint ue, Core core) throws ParseException, InvalidArgumentException {
        var af = ue.addressFactory();
        var hf = ue.headerFactory();
        SipURI registrar = af.createSipURI(null, core.config().host());
        registrar.setPort(core.port(SipTransport.TLS));
        registrar.setTransportParam("tls");
        var aor = af.createAddress("sip:alice@" + core.config().domain());
        List<ViaHeader> via = new ArrayList<>(List.of(ue.newVia(SipTransport.TLS)));
        Request r = ue.messageFactory().createRequest(registrar, Request.REGISTER, ue.provider().getNewCallId(),
                hf.createCSeqHeader(1L, Request.REGISTER), hf.createFromHeader(aor, "t1"), hf.createToHeader(aor, null),
                via, hf.createMaxForwardsHeader(70));
        SipURI contact = af.createSipURI("alice", ue.host());
        contact.setPort(ue.port(SipTransport.TLS));
        contact.setTransportParam("tls");
        r.addHeader(hf.createContactHeader(af.createAddress(contact)));
        r.addHeader(hf.createExpiresHeader(600));
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
}
