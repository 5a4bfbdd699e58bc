package org.mediasec.agw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.agw.bearer.BearerConfig;
import org.mediasec.agw.bearer.BearerFailure;
import org.mediasec.agw.bearer.BearerLeg;
import org.mediasec.agw.bearer.BearerListener;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.bearer.PortAllocator;
import org.mediasec.agw.bearer.Realm;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.bearer.Side;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsProvider;
import org.mediasec.tls.TlsVersion;
import org.mediasec.transport.Transports;

/**
 * {@code openssl s_client} as the UE of an e2ae termination: the AGW terminates its TLS as server,
 * pinning the fingerprint that {@code openssl x509 -fingerprint} prints for openssl's own certificate,
 * and relays the plaintext to a plain TCP core peer (a blocking socket here); the core's answer goes
 * back, and the core hanging up closes the UE's connection (close_notify), which ends s_client.
 */
@Tag("interop")
class AgwOpensslInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Transports transports;

    @TempDir
    Path dir;

    private Path openssl;
    private LocalIdentity agwIdentity;
    private Path agwCert;
    private Path ueCert;
    private Path ueKey;
    private CertificateFingerprint ueFingerprint;
    private BearerRelays relays;
    private Realm access;
    private Realm core;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startLoops() {
        transports = Transports.create("agw-interop", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stopLoops() {
        transports.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        openssl = ExternalTool.require("openssl");
        agwIdentity = LocalIdentity.selfSigned("agw.interop.test");
        agwCert = dir.resolve("agw.crt.pem");
        agwIdentity.writePem(agwCert, dir.resolve("agw.key.pem"));
        ueCert = dir.resolve("ue.crt.pem");
        ueKey = dir.resolve("ue.key.pem");
        newCertificate("ue.interop.test", ueCert, ueKey);
        ueFingerprint = fingerprint(ueCert);
        InetAddress lo = InetAddress.getLoopbackAddress();
        int base = 20000 + ThreadLocalRandom.current().nextInt(120) * 100;  // below the ephemeral range (32768-)
        access = new Realm("access", lo, base, base + 49);
        core = new Realm("core", lo, base + 50, base + 99);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (relays != null) {
            relays.close();
            assertThat(relays.openChannels()).isZero();
            assertThat(relays.allocators().stream().mapToInt(PortAllocator::inUse).sum()).isZero();
        }
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (TlsProvider p : TlsProvider.available()) {
            for (TlsVersion v : TlsVersion.values()) {
                out.add(Arguments.of(p, v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void opensslUeReachesThePlainCoreThroughTheAgw(TlsProvider provider, TlsVersion version) throws Exception {
        Events events = new Events();
        relays = new BearerRelays(transports, BearerConfig.DEFAULTS.withTls(TlsOptions.DEFAULTS
                .withProvider(provider).withVersions(version)), List.of(access, core));
        CoreServer coreServer = new CoreServer("hello from core\n");
        BearerRelay relay = relays.newRelay("interop", BearerLeg.tls(access, TcpSetup.PASSIVE, agwIdentity,
                        List.of(ueFingerprint)),
                BearerLeg.plain(core, TcpSetup.ACTIVE).withRemote(coreServer.address()), events);
        relay.open().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        int port = relay.localAddress(Side.ACCESS).getPort();

        // -quiet implies -ign_eof: s_client sends its stdin and reads until the AGW closes
        ExternalTool.Result r = ExternalTool.run(WAIT, "hello from openssl\n".getBytes(StandardCharsets.UTF_8),
                List.of(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + port,
                        version == TlsVersion.TLS_1_2 ? "-tls1_2" : "-tls1_3",
                        "-cert", ueCert.toString(), "-key", ueKey.toString(),
                        "-CAfile", agwCert.toString(), "-verify", "1", "-verify_return_error", "-quiet"));

        assertThat(r.exitCode()).as("s_client exit; stderr:\n%s", r.stderr()).isZero();
        assertThat(r.stdout()).contains("hello from core");
        assertThat(r.stderr()).doesNotContain("verify error");
        assertThat(coreServer.received.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("hello from openssl");
        RelayStats s = events.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(s.failure()).isNull();
        assertThat(s.access().tls().version()).isEqualTo(version.protocolName());
        assertThat(s.access().tls().peerVerified()).isTrue();
        assertThat(s.access().tls().peerFingerprint()).isEqualTo(ueFingerprint);
        assertThat(s.access().bytesIn()).isEqualTo("hello from openssl\n".length());
        assertThat(s.core().bytesOut()).isEqualTo("hello from openssl\n".length());
        assertThat(s.access().bytesOut()).isEqualTo("hello from core\n".length());
        assertThat(s.core().decrypted()).isFalse();
    }

    @Test
    void opensslUeWithAnotherCertificateIsRefusedNamingItsFingerprint() throws Exception {
        Events events = new Events();
        relays = new BearerRelays(transports, BearerConfig.DEFAULTS, List.of(access, core));
        CoreServer coreServer = new CoreServer("must not be sent\n");
        BearerRelay relay = relays.newRelay("interop", BearerLeg.tls(access, TcpSetup.PASSIVE, agwIdentity,
                        List.of(ueFingerprint)),
                BearerLeg.plain(core, TcpSetup.ACTIVE).withRemote(coreServer.address()), events);
        relay.open().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Path strangerCert = dir.resolve("stranger.crt.pem");
        Path strangerKey = dir.resolve("stranger.key.pem");
        newCertificate("stranger.interop.test", strangerCert, strangerKey);
        CertificateFingerprint stranger = fingerprint(strangerCert);

        ExternalTool.Result r = ExternalTool.run(WAIT, "secret\n".getBytes(StandardCharsets.UTF_8),
                List.of(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + relay.localAddress(Side.ACCESS).getPort(),
                        "-cert", strangerCert.toString(), "-key", strangerKey.toString(),
                        "-CAfile", agwCert.toString(), "-verify", "1", "-verify_return_error", "-quiet"));

        BearerFailure f = events.failed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TLS_FINGERPRINT_MISMATCH);
        assertThat(f.received()).containsExactly(stranger);
        assertThat(f.expected()).containsExactly(ueFingerprint);
        assertThat(f.detail()).contains("expected " + ueFingerprint).contains("received " + stranger);
        events.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r.stdout()).doesNotContain("must not be sent");
        assertThat(coreServer.received).isNotDone();
    }

    private void newCertificate(String cn, Path cert, Path key) {
        ExternalTool.run(WAIT, openssl.toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=" + cn, "-keyout", key.toString(), "-out", cert.toString()).requireSuccess();
    }

    /** What {@code openssl x509 -noout -fingerprint -sha256} prints, as an SDP fingerprint. */
    private CertificateFingerprint fingerprint(Path cert) {
        String out = ExternalTool.run(WAIT, openssl.toString(), "x509", "-in", cert.toString(), "-noout",
                "-fingerprint", "-sha256").requireSuccess().stdout().strip();
        int eq = out.indexOf('=');
        assertThat(out.toLowerCase(Locale.ROOT)).contains("fingerprint");
        return CertificateFingerprint.parse("sha-256 " + out.substring(eq + 1).strip());
    }

    /** The plain core peer: reads one line, answers, hangs up. A blocking socket on its own thread. */
    private final class CoreServer implements AutoCloseable {
        final CompletableFuture<String> received = new CompletableFuture<>();
        private final ServerSocket server;
        private final Thread thread;

        CoreServer(String reply) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            closeables.add(this);
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.UTF_8));
                    String line = in.readLine();
                    if (line != null) {
                        received.complete(line);
                        OutputStream out = s.getOutputStream();
                        out.write(reply.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    received.completeExceptionally(e);
                }
            }, "core-server");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(WAIT.toMillis());
        }
    }

    private static final class Events implements BearerListener {
        final CompletableFuture<BearerFailure> failed = new CompletableFuture<>();
        final CompletableFuture<RelayStats> closed = new CompletableFuture<>();

        @Override
        public void failed(BearerRelay relay, BearerFailure failure) {
            failed.complete(failure);
        }

        @Override
        public void closed(BearerRelay relay, RelayStats stats) {
            closed.complete(stats);
        }
    }
}
