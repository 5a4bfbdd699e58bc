package org.mediasec.agw.h248;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.LocalIdentity;

/**
 * Erlang/OTP megaco 4.4.2 as the MGC (IMS-ALG) drives our IMS-AGW ({@link AgwNode}) over H.248/UDP
 * through one e2ae MSRP context ({@code h248_peer.escript role=mgc flow=agw}): Add access with
 * {@code a=fingerprint:$}, Add core, Modify with the UE's fingerprint; a TLS UE pinning the fingerprint
 * Erlang read from our reply connects, data crosses to a plain core peer and back; then Erlang
 * subtracts both terminations and reads our Statistics descriptors.
 */
@Tag("interop")
class AgwMegacoInteropTest {
    static final Duration STEP = Duration.ofSeconds(Long.getLong("mediasec.interop.step-seconds", 15));
    static final LocalIdentity UE = LocalIdentity.selfSigned("ue.interop.test");
    static final LocalIdentity OTHER = LocalIdentity.selfSigned("not-the-ue.interop.test");

    static AgwConfig agwConfig(int mgcPort) {
        int base = 26000 + new Random().nextInt(40) * 50;   // below the ephemeral range (32768-60999)
        return AgwConfig.defaults().withMid("[127.0.0.1]:2945")
                .withH248(AgwConfig.H248.DEFAULTS.withMgc("127.0.0.1", mgcPort).withLocal("127.0.0.1", 0))
                .withRealms(List.of(new AgwConfig.RealmConfig("access", "127.0.0.1", null, base, base + 24),
                        new AgwConfig.RealmConfig("core", "127.0.0.1", null, base + 25, base + 49)));
    }

    /**
     * The Remote fingerprint Erlang gives is not the UE's: the AGW refuses the UE's certificate and
     * Notifies {@code g/cause} (FP, {@code tls-fingerprint-mismatch}); Erlang decodes it, then subtracts
     * a context that is still there.
     */
    @Test
    void erlangMgcIsNotifiedOfAFingerprintMismatch() throws Exception {
        Path escript = ExternalTool.require("escript");
        int mgcPort = freePort();
        try (ServerSocket core = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             Peer peer = Peer.start(escript, "role=mgc", "flow=agw", "transport=udp", "encoding=compact", "version=3",
                     "port=" + mgcPort, "timeout=" + STEP.toSeconds() * 4, "core_port=" + core.getLocalPort(),
                     "ue_fp=" + OTHER.fingerprint())) {
            peer.await("READY", STEP);
            try (AgwNode agw = AgwNode.start(agwConfig(mgcPort))) {
                Map<String, String> modified = fields(peer.await("EVENT agw_modified", STEP));
                int accessPort = Integer.parseInt(modified.get("access_port"));
                CertificateFingerprint agwFp = CertificateFingerprint.parse(modified.get("agw_fingerprint").replace('_', ' '));
                try (SSLSocket ue = ue(new InetSocketAddress("127.0.0.1", accessPort), agwFp)) {
                    ue.getOutputStream().write(1);
                    ue.getOutputStream().flush();
                    assertThat(ue.getInputStream().read()).isEqualTo(-1);
                } catch (IOException refused) {
                    // the AGW's bad_certificate alert, or the reset after it
                }
                String line = peer.await("EVENT agw_notify", STEP);
                Map<String, String> n = fields(line);
                assertThat(n.get("termination")).as(line).isEqualTo(modified.get("access"));
                assertThat(n.get("request_id")).as(line).isEqualTo("2001");
                // megaco's text decoder lower-cases names and unquoted values (Annex B tokens are case-insensitive)
                assertThat(n.get("generalcause")).as(line).isEqualToIgnoringCase("FP");
                assertThat(n.get("failurecause")).as(line).startsWith("tls-fingerprint-mismatch:")
                        .contains(UE.fingerprint().toString().replace(' ', '_'));
                assertThat(core.isBound()).isTrue();
                peer.send("subtract");
                Map<String, String> sub = fields(peer.await("EVENT agw_subtract_reply", STEP));
                assertThat(stats(sub.get("access"))).containsEntry("nt/or", "0");
                assertThat(stats(sub.get("core"))).containsEntry("nt/os", "0");
                peer.await("EVENT done", STEP);
                assertThat(peer.exitCode(STEP)).isZero();
                assertThat(agw.contexts().contexts()).isZero();
                assertThat(agw.relays().openChannels()).isZero();
                assertThat(agw.metrics().fingerprintRefusals()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void erlangMgcDrivesOneE2aeMsrpContext() throws Exception {
        Path escript = ExternalTool.require("escript");
        int mgcPort = freePort();
        byte[] up = random(120_000, 1);
        byte[] down = random(80_000, 2);
        try (ServerSocket core = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             Peer peer = Peer.start(escript, "role=mgc", "flow=agw", "transport=udp", "encoding=pretty", "version=3",
                     "port=" + mgcPort, "timeout=" + STEP.toSeconds() * 4, "core_port=" + core.getLocalPort(),
                     "ue_fp=" + UE.fingerprint())) {
            peer.await("READY", STEP);
            try (AgwNode agw = AgwNode.start(agwConfig(mgcPort))) {
                Map<String, String> add = fields(peer.await("EVENT agw_add_access_reply", STEP));
                assertThat(add.get("termination")).startsWith("access/");
                Map<String, String> modified = fields(peer.await("EVENT agw_modified", STEP));
                int accessPort = Integer.parseInt(modified.get("access_port"));
                CertificateFingerprint agwFp = CertificateFingerprint.parse(modified.get("agw_fingerprint").replace('_', ' '));
                assertThat(agwFp).isEqualTo(agw.identity().fingerprint());

                CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                    try {
                        Socket s = core.accept();
                        s.setSoTimeout((int) STEP.toMillis());
                        return s;
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (SSLSocket ue = ue(new InetSocketAddress("127.0.0.1", accessPort), agwFp);
                     Socket coreSide = accepted.get(STEP.toSeconds(), TimeUnit.SECONDS)) {
                    ue.getOutputStream().write(up);
                    ue.getOutputStream().flush();
                    assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);
                    coreSide.getOutputStream().write(down);
                    coreSide.getOutputStream().flush();
                    assertThat(ue.getInputStream().readNBytes(down.length)).isEqualTo(down);

                    peer.send("subtract");
                    Map<String, String> sub = fields(peer.await("EVENT agw_subtract_reply", STEP));
                    assertThat(stats(sub.get("access"))).containsEntry("nt/or", Long.toString(up.length))
                            .containsEntry("nt/os", Long.toString(down.length));
                    assertThat(stats(sub.get("core"))).containsEntry("nt/os", Long.toString(up.length))
                            .containsEntry("nt/or", Long.toString(down.length));
                    assertThat(ue.getInputStream().read()).as("access leg closed by the Subtract").isEqualTo(-1);
                    assertThat(coreSide.getInputStream().read()).as("core leg closed by the Subtract").isEqualTo(-1);
                }
                peer.await("EVENT done", STEP);
                assertThat(peer.exitCode(STEP)).isZero();
                assertThat(agw.contexts().contexts()).isZero();
                assertThat(agw.relays().relays()).isZero();
                assertThat(agw.relays().openChannels()).isZero();
            }
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                m.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return m;
    }

    static Map<String, String> stats(String list) {
        Map<String, String> m = new HashMap<>();
        for (String s : list.split(",")) {
            int colon = s.indexOf(':');
            if (colon > 0) {
                m.put(s.substring(0, colon), s.substring(colon + 1));
            }
        }
        return m;
    }

    static SSLSocket ue(InetSocketAddress agw, CertificateFingerprint pin) throws Exception {
        char[] pw = "pw".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("ue", UE.privateKey(), pw, UE.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {FingerprintTrustManager.of(pin)}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(agw.getAddress(), agw.getPort());
        s.setSoTimeout((int) STEP.toMillis());
        s.startHandshake();
        return s;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return d.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }

    /** The escript as a child process: stdout read line by line, stdin to tell it when to subtract. */
    static final class Peer implements AutoCloseable {
        private final Process process;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final CompletableFuture<String> stderr;

        private Peer(Process process) {
            this.process = process;
            this.stderr = ExternalTool.drain(process.getErrorStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // killed
                }
            }, "agw-erlang-peer-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Peer start(Path escript, String... args) throws URISyntaxException {
            List<String> command = new ArrayList<>();
            command.add(escript.toString());
            command.add(Path.of(Peer.class.getResource("/h248/peer/h248_peer.escript").toURI()).toString());
            command.addAll(List.of(args));
            return new Peer(ExternalTool.start(command));
        }

        String await(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line starting with \"" + prefix + "\" within " + timeout + "\n" + report());
                }
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (line.startsWith("EVENT failed") || line.startsWith("EVENT timeout")) {
                    throw new AssertionError("peer gave up while we waited for \"" + prefix + "\"\n" + report());
                }
            }
        }

        void send(String line) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        int exitCode(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("peer still running after " + timeout + "\n" + report());
            }
            return process.exitValue();
        }

        String report() {
            List<String> all = new ArrayList<>(seen);
            lines.drainTo(all);
            String err = stderr.isDone() ? stderr.join() : "(still running)";
            return "stdout:\n  " + String.join("\n  ", all) + "\nstderr:\n" + err;
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
