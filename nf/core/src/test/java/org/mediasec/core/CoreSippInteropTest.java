package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.internal.FreePorts;
import org.mediasec.testkit.ExternalTool;

/**
 * SIPp (sip-tester 3.6.1) on both sides of the core: one SIPp registers bob with the address of a
 * SIPp UAS as contact ({@code sipp/register-bob-uac.xml}), then a SIPp UAC calls
 * {@code sip:bob@ims.example.net} through the core ({@code sipp/alice-calls-bob-uac.xml}): INVITE,
 * 180, 200, ACK and BYE along the Record-Route, 200. The UAS ({@code sipp/bob-uas.xml}) checks it got
 * the INVITE retargeted to its contact with our Record-Route. All three SIPp runs must exit 0.
 */
@Tag("interop")
class CoreSippInteropTest {
    private static final String SIPP_TIMEOUT = "10s";
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(value = SipTransport.class, names = {"UDP", "TCP"})
    void sippUacCallsSippUasThroughTheCore(SipTransport transport) throws Exception {
        Path sipp = ExternalTool.require("sipp");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        String t = transport == SipTransport.UDP ? "u1" : "t1";
        try (Core core = Core.start(CoreConfig.defaults().withPort(0))) {
            String target = "127.0.0.1:" + core.port();
            int uasPort = FreePorts.udpAndTcp(loopback);
            Process uas = ExternalTool.start(sipp(sipp, "bob-uas.xml", null, uasPort, t, "uas"));
            CompletableFuture<String> uasOut = ExternalTool.drain(uas.getInputStream());
            CompletableFuture<String> uasErr = ExternalTool.drain(uas.getErrorStream());
            try {
                awaitListening(loopback, uasPort, transport, uas);

                ExternalTool.Result reg = ExternalTool.run(PROCESS_TIMEOUT, null, withKey(
                        sipp(sipp, "register-bob-uac.xml", target, FreePorts.udpAndTcp(loopback), t, "register"), uasPort));
                assertThat(reg.exitCode()).as("register exit code\n%s\n%s", reg.stdout(), log("register")).isZero();
                assertThat(core.locationService().lookup(core.aor("bob"))).hasSize(1);

                ExternalTool.Result call = ExternalTool.run(PROCESS_TIMEOUT, null,
                        sipp(sipp, "alice-calls-bob-uac.xml", target, FreePorts.udpAndTcp(loopback), t, "uac"));
                assertThat(call.exitCode()).as("uac exit code\n%s\n%s", call.stdout(), log("uac")).isZero();

                assertThat(uas.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("uas ended").isTrue();
                assertThat(uas.exitValue()).as("uas exit code\n%s\n%s\n%s", uasOut.join(), uasErr.join(), log("uas")).isZero();
                assertThat(log("uas")).contains("Record-Route: <sip:127.0.0.1:" + core.port());
            } finally {
                uas.destroyForcibly();
                uas.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Negative control: without our Record-Route the UAS's check fails the call (SIPp exits non-zero), so
     * the positive test really checks the routing. Shorter SIPp timeouts: the UAC waits for a 200 that never comes.
     */
    @org.junit.jupiter.api.Test
    void uasRejectsACallWithoutRecordRoute() throws Exception {
        Path sipp = ExternalTool.require("sipp");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (Core core = Core.start(CoreConfig.defaults().withPort(0).withRecordRoute(false))) {
            String target = "127.0.0.1:" + core.port();
            int uasPort = FreePorts.udpAndTcp(loopback);
            Process uas = ExternalTool.start(shortTimeout(sipp(sipp, "bob-uas.xml", null, uasPort, "u1", "uas")));
            ExternalTool.drain(uas.getInputStream());
            ExternalTool.drain(uas.getErrorStream());
            try {
                awaitListening(loopback, uasPort, SipTransport.UDP, uas);
                ExternalTool.run(PROCESS_TIMEOUT, null, withKey(
                        sipp(sipp, "register-bob-uac.xml", target, FreePorts.udpAndTcp(loopback), "u1", "register"), uasPort))
                        .requireSuccess();
                ExternalTool.Result call = ExternalTool.run(PROCESS_TIMEOUT, null,
                        shortTimeout(sipp(sipp, "alice-calls-bob-uac.xml", target, FreePorts.udpAndTcp(loopback), "u1", "uac")));
                assertThat(call.exitCode()).as("uac exit code").isNotZero();
                assertThat(uas.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("uas ended").isTrue();
                assertThat(uas.exitValue()).as("uas exit code (1 = a call failed)").isEqualTo(1);
            } finally {
                uas.destroyForcibly();
                uas.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> shortTimeout(List<String> cmd) {
        List<String> out = new ArrayList<>(cmd);
        out.set(out.indexOf(SIPP_TIMEOUT), "3s");
        return out;
    }

    private List<String> sipp(Path sipp, String scenario, String target, int port, String transport, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(sipp.toString()));
        if (target != null) {
            cmd.add(target);
        }
        cmd.addAll(List.of("-sf", copyScenario(scenario).toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-t", transport, "-m", "1", "-timeout", SIPP_TIMEOUT, "-timeout_error", "-nostdin",
                "-trace_msg", "-message_file", work.resolve(name + ".msg").toString(),
                "-trace_err", "-error_file", work.resolve(name + ".err").toString()));
        return cmd;
    }

    private static List<String> withKey(List<String> cmd, int uasPort) {
        List<String> out = new ArrayList<>(cmd);
        out.addAll(List.of("-key", "uas_port", Integer.toString(uasPort)));
        return out;
    }

    private String log(String name) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String ext : List.of(".msg", ".err")) {
            Path p = work.resolve(name + ext);
            if (Files.exists(p)) {
                sb.append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    /**
     * Waits (bounded) until SIPp has bound its port, so the core does not forward to a port nobody
     * listens on yet: over UDP the port can no longer be bound; over TCP a connection is accepted.
     */
    private static void awaitListening(InetAddress address, int port, SipTransport transport, Process sipp) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sipp.isAlive()) {
                throw new AssertionError("sipp UAS exited early with " + sipp.exitValue());
            }
            if (transport == SipTransport.UDP) {
                try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, port))) {
                    // still free
                } catch (IOException bound) {
                    return;
                }
            } else {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(address, port), 200);
                    return;
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new AssertionError("sipp UAS not listening on " + port + " within " + READY_TIMEOUT);
    }

    private Path copyScenario(String name) throws IOException {
        Path target = work.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = CoreSippInteropTest.class.getResourceAsStream("/sipp/" + name)) {
                assertThat(in).as("resource /sipp/%s", name).isNotNull();
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
