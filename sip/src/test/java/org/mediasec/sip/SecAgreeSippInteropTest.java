package org.mediasec.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.sip.SipTestSupport.TIMEOUT;
import static org.mediasec.sip.secagree.MediaSecMechanism.BFCP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.MSRP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.UDPTL_DTLS;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Response;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediasec.sip.internal.FreePorts;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.mediasec.testkit.ExternalTool;

/**
 * SIPp (sip-tester 3.6.1) as a real UE: it REGISTERs with
 * {@code Security-Client: msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec} and checks
 * that our 200 carries {@code Security-Server: msrp-tls;mediasec;q=0.5, ...}
 * (scenario {@code sipp/register-mediasec-uac.xml}). SIPp exits 0 only if the check passed.
 */
@Tag("interop")
class SecAgreeSippInteropTest {
    /** SIPp's own bound (-timeout) and ours around the process. */
    private static final String SIPP_TIMEOUT = "10s";
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(value = SipTransport.class, names = {"UDP", "TCP"})
    void sippRegisterGetsMediasecSecurityServer(SipTransport transport) throws Exception {
        Path sipp = ExternalTool.require("sipp");
        Path scenario = copyScenario("register-mediasec-uac.xml");
        Set<Thread> before = SipTestSupport.threads();
        SecAgreeRegistrar registrar = new SecAgreeRegistrar();
        try (SipEndpoint pcscf = SipEndpoint.start(SipStackConfig.loopback("pcscf-sipp-" + transport), registrar)) {
            int sippPort = FreePorts.udpAndTcp(InetAddress.getByName("127.0.0.1"));
            ExternalTool.Result result = ExternalTool.run(PROCESS_TIMEOUT, null, List.of(
                    sipp.toString(), "127.0.0.1:" + pcscf.port(),
                    "-sf", scenario.toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(sippPort),
                    "-t", transport == SipTransport.UDP ? "u1" : "t1",
                    "-m", "1", "-timeout", SIPP_TIMEOUT, "-timeout_error",
                    "-nostdin", "-trace_logs", "-log_file", work.resolve("sipp.log").toString()));
            String sippLog = Files.exists(work.resolve("sipp.log")) ? Files.readString(work.resolve("sipp.log")) : "";
            assertThat(result.exitCode())
                    .as("sipp exit code\nstdout:\n%s\nstderr:\n%s\nlog:\n%s", result.stdout(), result.stderr(), sippLog)
                    .isZero();
            assertThat(sippLog).contains("Security-Server: msrp-tls;mediasec;q=0.5");

            IncomingRequest register = registrar.request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(register.method()).isEqualTo("REGISTER");
            assertThat(register.transport()).isEqualTo(transport.name());
            assertThat(SipSecurityHeaders.requires(register.request(), SipSecurityHeaders.SEC_AGREE)).isTrue();
            SecurityHeaderDecodeResult client = registrar.received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.errors()).isEmpty();
            assertThat(MediaSecCapabilities.from(client.mechanisms()))
                    .isEqualTo(MediaSecCapabilities.of(MSRP_TLS, BFCP_TLS, UDPTL_DTLS));
        }
        assertThat(SipTestSupport.survivors(before, TIMEOUT)).as("threads alive after stop").isEmpty();
    }

    /** Negative control: the scenario's ereg check must fail the call when msrp-tls is not offered. */
    @Test
    void sippFailsWhenSecurityServerLacksMsrpTls() throws Exception {
        Path sipp = ExternalTool.require("sipp");
        Path scenario = copyScenario("register-mediasec-uac.xml");
        SipEndpointListener bfcpOnly = in -> {
            Response ok = in.createResponse(200);
            SipSecurityHeaders.add(ok, MediaSecCapabilities.of(BFCP_TLS)
                    .toSecurityHeader(SecurityHeaderKind.SERVER, OptionalDouble.of(0.5)));
            in.respond(ok);
        };
        try (SipEndpoint pcscf = SipEndpoint.start(SipStackConfig.loopback("pcscf-sipp-neg"), bfcpOnly)) {
            int sippPort = FreePorts.udpAndTcp(InetAddress.getByName("127.0.0.1"));
            ExternalTool.Result result = ExternalTool.run(PROCESS_TIMEOUT, null, List.of(
                    sipp.toString(), "127.0.0.1:" + pcscf.port(), "-sf", scenario.toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(sippPort), "-t", "u1",
                    "-m", "1", "-timeout", SIPP_TIMEOUT, "-timeout_error", "-nostdin"));
            assertThat(result.exitCode()).as("sipp exit code (1 = a call failed)\nstdout:\n%s\nstderr:\n%s",
                    result.stdout(), result.stderr()).isEqualTo(1);
        }
    }

    private Path copyScenario(String name) throws IOException {
        Path target = work.resolve(name);
        try (InputStream in = SecAgreeSippInteropTest.class.getResourceAsStream("/sipp/" + name)) {
            assertThat(in).as("resource /sipp/%s", name).isNotNull();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
