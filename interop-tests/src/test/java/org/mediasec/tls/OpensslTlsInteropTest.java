package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.interop.RunningTool;
import org.mediasec.testkit.ExternalTool;

/**
 * Mutual TLS between our endpoints and {@code openssl s_client} / {@code s_server}, on both of our
 * providers and both TLS versions. Our side pins the fingerprint that {@code openssl x509
 * -fingerprint} prints for openssl's own certificate; openssl trusts ours through {@code -CAfile}
 * with verification errors fatal. Data crosses both ways.
 */
@Tag("interop")
class OpensslTlsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private TlsTestPeers peers;
    private final List<Channel> channels = new ArrayList<>();
    private final List<RunningTool> tools = new ArrayList<>();

    private LocalIdentity ours;
    private Path ourCert;
    private Openssl.Credentials theirs;
    private CertificateFingerprint theirFingerprint;

    @BeforeEach
    void setUp() throws Exception {
        Openssl.require();
        peers = TlsTestPeers.lineByLine();
        ours = LocalIdentity.selfSigned("mediasec.test");
        ourCert = dir.resolve("ours.crt.pem");
        ours.writePem(ourCert, dir.resolve("ours.key.pem"));
        theirs = Openssl.newCertificate(dir, "openssl.test");
        theirFingerprint = Openssl.fingerprint(theirs.certificate(), "sha-256");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (RunningTool t : tools) {
            t.close();
        }
        channels.forEach(c -> c.close().syncUninterruptibly());
        peers.close();
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

    private static TlsOptions options(TlsProvider p, TlsVersion v, PinningListener l) {
        return TlsOptions.DEFAULTS.withProvider(p).withVersions(v).withListener(l);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void opensslClientAgainstOurServer(TlsProvider provider, TlsVersion version) throws Exception {
        PinningCounters counts = new PinningCounters();
        TlsOptions o = options(provider, version, counts);
        SslContext ctx = TlsContexts.server(ours, List.of(theirFingerprint), o);
        TlsTestPeers.Side server = new TlsTestPeers.Side();
        Channel listener = peers.server(ctx, o, "hello from mediasec\n", true, server);
        channels.add(listener);

        // -quiet implies -ign_eof: s_client keeps reading until our server closes after its reply
        ExternalTool.Result r = ExternalTool.run(WAIT, "hello from openssl\n".getBytes(), List.of(
                Openssl.require().toString(), "s_client", "-connect", "127.0.0.1:" + TlsTestPeers.port(listener),
                Openssl.versionFlag(version), "-cert", theirs.certificate().toString(), "-key", theirs.key().toString(),
                "-CAfile", ourCert.toString(), "-verify", "1", "-verify_return_error", "-quiet"));

        assertThat(r.exitCode()).as("s_client exit; stderr:\n%s", r.stderr()).isZero();
        assertThat(server.handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(version.protocolName());
        assertThat(server.received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello from openssl");
        assertThat(r.stdout()).contains("hello from mediasec");
        assertThat(r.stderr()).doesNotContain("verify error");
        assertThat(counts.verified()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void ourClientAgainstOpensslServer(TlsProvider provider, TlsVersion version) throws Exception {
        PinningCounters counts = new PinningCounters();
        TlsOptions o = options(provider, version, counts);
        RunningTool sServer = RunningTool.start(Openssl.require().toString(), "s_server",
                "-accept", "127.0.0.1:0", "-naccept", "1", Openssl.versionFlag(version),
                "-cert", theirs.certificate().toString(), "-key", theirs.key().toString(),
                "-Verify", "1", "-CAfile", ourCert.toString(), "-verify_return_error");
        tools.add(sServer);
        Matcher accept = sServer.await("ACCEPT 127\\.0\\.0\\.1:(\\d+)", WAIT);
        int port = Integer.parseInt(accept.group(1));

        SslContext ctx = TlsContexts.client(ours, List.of(theirFingerprint), o);
        TlsTestPeers.Side client = new TlsTestPeers.Side();
        Channel ch = peers.client(ctx, o, port, "hello from mediasec\n", client);
        channels.add(ch);

        assertThat(client.handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(version.protocolName());
        sServer.await("hello from mediasec", WAIT);           // s_server prints what it receives
        sServer.send("hello from openssl\n");                // and sends what it reads on stdin
        assertThat(client.received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello from openssl");
        ch.close().sync();
        sServer.closeStdin();
        sServer.waitFor(WAIT);
        assertThat(sServer.stdout() + sServer.stderr()).doesNotContain("verify error");
        assertThat(counts.verified()).isEqualTo(1);
        assertThat(counts.refused()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void ourServerRefusesAnOpensslClientWithAnotherCertificate(TlsProvider provider, TlsVersion version)
            throws Exception {
        PinningCounters counts = new PinningCounters();
        TlsOptions o = options(provider, version, counts);
        Openssl.Credentials stranger = Openssl.newCertificate(dir, "stranger.test");
        SslContext ctx = TlsContexts.server(ours, List.of(theirFingerprint), o);
        TlsTestPeers.Side server = new TlsTestPeers.Side();
        Channel listener = peers.server(ctx, o, "must not be sent\n", true, server);
        channels.add(listener);

        ExternalTool.Result r = ExternalTool.run(WAIT, "secret\n".getBytes(), List.of(
                Openssl.require().toString(), "s_client", "-connect", "127.0.0.1:" + TlsTestPeers.port(listener),
                Openssl.versionFlag(version), "-cert", stranger.certificate().toString(),
                "-key", stranger.key().toString(), "-CAfile", ourCert.toString(), "-verify", "1",
                "-verify_return_error", "-quiet"));

        CertificateFingerprint received = Openssl.fingerprint(stranger.certificate(), "sha-256");
        assertThatThrownBy(() -> server.handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(causeText(e))
                        .contains("expected " + theirFingerprint)
                        .contains("received " + received));
        server.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(server.received).isCompletedExceptionally();
        assertThat(r.stdout()).doesNotContain("must not be sent");
        assertThat(counts.refused()).isEqualTo(1);
        assertThat(counts.verified()).isZero();
    }

    private static String causeText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }
}
