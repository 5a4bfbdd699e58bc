package org.mediasec.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.sip.SipTestSupport.TIMEOUT;
import static org.mediasec.sip.secagree.MediaSecMechanism.BFCP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.MSRP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.UDPTL_DTLS;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediasec.sip.internal.FreePorts;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;

class SipEndpointTest {

    @ParameterizedTest
    @EnumSource(value = SipTransport.class, names = {"UDP", "TCP"})
    void registerCarriesMediasecBothWays(SipTransport transport) throws Exception {
        Set<Thread> before = SipTestSupport.threads();
        SecAgreeRegistrar registrar = new SecAgreeRegistrar();
        CompletableFuture<Response> response = new CompletableFuture<>();
        try (SipEndpoint server = SipEndpoint.start(SipStackConfig.loopback("pcscf-" + transport), registrar);
             SipEndpoint ue = SipEndpoint.start(SipStackConfig.loopback("ue-" + transport), new SipEndpointListener() {
                 @Override
                 public void onRequest(IncomingRequest request) {
                     request.respond(Response.NOT_IMPLEMENTED);
                 }

                 @Override
                 public void onResponse(ResponseEvent event) {
                     response.complete(event.getResponse());
                 }
             })) {
            Request register = SipTestSupport.register(ue, server, transport);
            SipSecurityHeaders.add(register, MediaSecCapabilities.of(MSRP_TLS, BFCP_TLS, UDPTL_DTLS)
                    .toSecurityHeader(SecurityHeaderKind.CLIENT, OptionalDouble.empty()));
            assertThat(register.toString()).contains(
                    "Security-Client: msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec\r\n");
            ue.send(register);

            SecurityHeaderDecodeResult atServer = registrar.received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(atServer.errors()).isEmpty();
            assertThat(MediaSecCapabilities.from(atServer.mechanisms()))
                    .isEqualTo(MediaSecCapabilities.of(MSRP_TLS, BFCP_TLS, UDPTL_DTLS));

            Response ok = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(ok.getStatusCode()).isEqualTo(200);
            SecurityHeaderDecodeResult answered = SipSecurityHeaders.read(ok, SecurityHeaderKind.SERVER);
            assertThat(answered.errors()).isEmpty();
            assertThat(MediaSecCapabilities.from(answered.mechanisms())).isEqualTo(MediaSecCapabilities.of(MSRP_TLS, BFCP_TLS));
            assertThat(answered.mechanisms()).allSatisfy(m -> assertThat(m.q()).hasValue(0.5));
        }
        assertThat(SipTestSupport.survivors(before, TIMEOUT)).as("threads alive after stop").isEmpty();
    }

    @Test
    void malformedSecurityClientFromTheWireIsReportedAndAnswered400() throws Exception {
        SecAgreeRegistrar registrar = new SecAgreeRegistrar();
        try (SipEndpoint server = SipEndpoint.start(SipStackConfig.loopback("pcscf-bad"), registrar);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int p = peer.getLocalPort();
            String register = "REGISTER sip:127.0.0.1:" + server.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + p + ";branch=z9hG4bK-bad-1;rport\r\n"
                    + "From: <sip:alice@ims.example.net>;tag=1\r\n"
                    + "To: <sip:alice@ims.example.net>\r\n"
                    + "Call-ID: bad-1@127.0.0.1\r\n"
                    + "CSeq: 1 REGISTER\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Contact: <sip:alice@127.0.0.1:" + p + ">\r\n"
                    + "Security-Client: msrp-tls;mediasec\r\n"
                    + "Security-Client: bfcp-tls;;mediasec\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = register.getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(bytes, bytes.length, server.localAddress()));

            SecurityHeaderDecodeResult result = registrar.received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(MediaSecCapabilities.from(result.mechanisms())).isEqualTo(MediaSecCapabilities.of(MSRP_TLS));
            assertThat(result.errors()).singleElement()
                    .satisfies(e -> assertThat(e.reason()).startsWith("expected a parameter name"));

            peer.setSoTimeout((int) TIMEOUT.toMillis());
            DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
            peer.receive(in);
            assertThat(new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII)).startsWith("SIP/2.0 400 ");
        }
    }

    @Test
    void listenerFailureIsAnswered500() throws Exception {
        CompletableFuture<Response> response = new CompletableFuture<>();
        try (SipEndpoint server = SipEndpoint.start(SipStackConfig.loopback("throws"), r -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
             SipEndpoint ue = SipEndpoint.start(SipStackConfig.loopback("ue-500"), new SipEndpointListener() {
                 @Override
                 public void onRequest(IncomingRequest request) {
                 }

                 @Override
                 public void onResponse(ResponseEvent event) {
                     response.complete(event.getResponse());
                 }
             })) {
            ue.send(SipTestSupport.register(ue, server, SipTransport.UDP));
            assertThat(response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatusCode()).isEqualTo(500);
        }
    }

    @Test
    void stopFreesThePortsAndEndsEveryThread() throws Exception {
        Set<Thread> before = SipTestSupport.threads();
        SipEndpoint endpoint = SipEndpoint.start(SipStackConfig.loopback("stopper").withThreadPoolSize(2), r -> r.respond(200));
        int port = endpoint.port();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(FreePorts.isFree(loopback, port)).as("bound while running").isFalse();
        assertThat(SipTestSupport.threads()).extracting(Thread::getName)
                .contains("EventScannerThread", "stopper-UDPMessageChannelThread-0", "stopper-UDPMessageChannelThread-1");

        endpoint.stop();
        endpoint.stop(); // idempotent

        assertThat(endpoint.isRunning()).isFalse();
        assertThat(SipTestSupport.survivors(before, TIMEOUT)).as("threads alive after stop").isEmpty();
        assertThat(FreePorts.isFree(loopback, port)).as("port free after stop").isTrue();
        assertThatThrownBy(() -> endpoint.send(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
    }

    @Test
    void aStackNameCanBeReusedAfterStop() throws Exception {
        Set<Thread> before = SipTestSupport.threads();
        SipStackConfig config = SipStackConfig.loopback("reused").withTransports(Set.of(SipTransport.UDP));
        SipEndpoint first = SipEndpoint.start(config, r -> r.respond(200));
        int firstPort = first.port();
        first.stop();
        try (SipEndpoint second = SipEndpoint.start(config.withPort(firstPort), r -> r.respond(200))) {
            assertThat(second.port()).isEqualTo(firstPort);
            assertThat(second.isRunning()).isTrue();
        }
        assertThat(SipTestSupport.survivors(before, TIMEOUT)).isEmpty();
    }

    @Test
    void configRejectsBadValuesAndDocumentsItsProperties() {
        assertThatThrownBy(() -> SipStackConfig.loopback("x").withPort(70000)).hasMessage("port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> SipStackConfig.loopback("x").withTransports(Set.of())).hasMessageContaining("transports: empty");
        assertThatThrownBy(() -> SipStackConfig.loopback("a b")).isInstanceOf(IllegalArgumentException.class);
        var p = SipStackConfig.loopback("pcscf").withThreadPoolSize(8).toProperties();
        assertThat(p).containsEntry("javax.sip.STACK_NAME", "pcscf")
                .containsEntry("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off")
                .containsEntry("gov.nist.javax.sip.THREAD_POOL_SIZE", "8")
                .containsEntry("gov.nist.javax.sip.STACK_LOGGER", "org.mediasec.sip.internal.Slf4jStackLogger");
        assertThat(SipStackConfig.loopback("ue").withAutomaticDialogSupport(true).toProperties())
                .containsEntry("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    }
}
