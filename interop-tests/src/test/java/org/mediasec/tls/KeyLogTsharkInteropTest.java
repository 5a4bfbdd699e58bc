package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.interop.LoopbackCapture;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Tshark;

/**
 * tshark decrypts a loopback capture of our TLS traffic with the NSS key log that our BoringSSL
 * contexts write, and only with it. The key-logging side runs on {@link TlsProvider#OPENSSL}; its
 * peer runs on the JDK (or is openssl s_client), which writes no secrets, so the decryption proves
 * our key log alone.
 */
@Tag("interop")
class KeyLogTsharkInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PING = "ping from mediasec client";
    private static final String PONG = "pong from mediasec server";

    /** Kept when a test fails, so the capture and key log can be inspected by hand. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private TlsTestPeers peers;
    private final List<Channel> channels = new ArrayList<>();
    private final List<LoopbackCapture> captures = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ExternalTool.require("tshark");
        org.junit.jupiter.api.Assumptions.assumeTrue(TlsProvider.OPENSSL.isAvailable(),
                "key logging needs BoringSSL (netty-tcnative), which is not available here");
        peers = TlsTestPeers.lineByLine();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (LoopbackCapture c : captures) {
            c.close();
        }
        channels.forEach(c -> c.close().syncUninterruptibly());
        peers.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (TlsRole logging : TlsRole.values()) {
            for (TlsVersion v : TlsVersion.values()) {
                out.add(Arguments.of(logging, v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "key log on our {0}, {1}")
    @MethodSource("cases")
    void tsharkDecryptsOurTrafficWithOurKeyLog(TlsRole logging, TlsVersion version) throws Exception {
        LocalIdentity serverId = LocalIdentity.selfSigned("server.test");
        LocalIdentity clientId = LocalIdentity.selfSigned("client.test");
        Path keyLogFile = dir.resolve("keylog.txt");
        Path pcap = dir.resolve("capture.pcapng");
        try (FileKeyLog keyLog = KeyLog.open(keyLogFile)) {
            TlsOptions base = TlsOptions.DEFAULTS.withVersions(version);
            TlsOptions logged = base.withProvider(TlsProvider.OPENSSL).withKeyLog(keyLog);
            TlsOptions plain = base.withProvider(TlsProvider.JDK);
            TlsOptions so = logging == TlsRole.SERVER ? logged : plain;
            TlsOptions co = logging == TlsRole.CLIENT ? logged : plain;
            SslContext server = TlsContexts.server(serverId, List.of(clientId.fingerprint()), so);
            SslContext client = TlsContexts.client(clientId, List.of(serverId.fingerprint()), co);

            TlsTestPeers.Side s = new TlsTestPeers.Side();
            TlsTestPeers.Side c = new TlsTestPeers.Side();
            Channel listener = peers.server(server, so, PONG + "\n", true, s);
            channels.add(listener);
            int port = TlsTestPeers.port(listener);

            LoopbackCapture capture = startCapture(port, pcap);
            channels.add(peers.client(client, co, port, PING + "\n", c));
            assertThat(c.handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(version.protocolName());
            assertThat(s.received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(PING);
            assertThat(c.received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(PONG);
            c.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            capture.stopAfterClose(port, WAIT);
        }

        List<String> lines = Files.readAllLines(keyLogFile);
        if (version == TlsVersion.TLS_1_2) {
            assertThat(lines).singleElement().asString().startsWith("CLIENT_RANDOM ");
        } else {
            assertThat(lines).anyMatch(l -> l.startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET "))
                    .anyMatch(l -> l.startsWith("SERVER_TRAFFIC_SECRET_0 "));
        }
        assertDecrypts(pcap, keyLogFile, TlsTestPeers.port(channels.get(0)), List.of(PING, PONG));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TlsVersion.class)
    void tsharkDecryptsOpensslClientTrafficWithOurServerKeyLog(TlsVersion version) throws Exception {
        Openssl.require();
        LocalIdentity serverId = LocalIdentity.selfSigned("server.test");
        Path ourCert = dir.resolve("server.crt.pem");
        serverId.writePem(ourCert, dir.resolve("server.key.pem"));
        Openssl.Credentials theirs = Openssl.newCertificate(dir, "openssl.test");
        CertificateFingerprint theirFingerprint = Openssl.fingerprint(theirs.certificate(), "sha-256");
        Path keyLogFile = dir.resolve("keylog.txt");
        Path pcap = dir.resolve("capture.pcapng");
        int port;
        try (FileKeyLog keyLog = KeyLog.open(keyLogFile)) {
            TlsOptions so = TlsOptions.DEFAULTS.withVersions(version).withProvider(TlsProvider.OPENSSL)
                    .withKeyLog(keyLog);
            SslContext server = TlsContexts.server(serverId, List.of(theirFingerprint), so);
            TlsTestPeers.Side s = new TlsTestPeers.Side();
            Channel listener = peers.server(server, so, PONG + "\n", true, s);
            channels.add(listener);
            port = TlsTestPeers.port(listener);

            LoopbackCapture capture = startCapture(port, pcap);
            ExternalTool.Result r = ExternalTool.run(WAIT, ("ping from openssl\n").getBytes(StandardCharsets.UTF_8),
                    List.of(Openssl.require().toString(), "s_client", "-connect", "127.0.0.1:" + port,
                            Openssl.versionFlag(version), "-cert", theirs.certificate().toString(),
                            "-key", theirs.key().toString(), "-CAfile", ourCert.toString(), "-verify", "1",
                            "-verify_return_error", "-quiet"));
            assertThat(r.exitCode()).as("s_client: %s", r.stderr()).isZero();
            assertThat(r.stdout()).contains(PONG);
            assertThat(s.received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ping from openssl");
            s.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            capture.stopAfterClose(port, WAIT);
        }
        assertDecrypts(pcap, keyLogFile, port, List.of("ping from openssl", PONG));
    }

    /** A {@link LoopbackCapture} of the port into {@code pcap}, bounded by {@link #WAIT}, closed after the test. */
    private LoopbackCapture startCapture(int port, Path pcap) throws Exception {
        LoopbackCapture c = LoopbackCapture.start(port, pcap, WAIT);
        captures.add(c);
        return c;
    }

    private static void assertDecrypts(Path pcap, Path keyLog, int port, List<String> sent) {
        String decodeAs = "tcp.port==" + port + ",tls";
        String keys = "tls.keylog_file:" + keyLog;

        List<String> plaintext = decrypted(Tshark.fields(pcap, "tls.app_data", "data.data", "-d", decodeAs, "-o", keys));
        assertThat(plaintext).as("application data decrypted with our key log")
                .containsExactlyElementsOf(sent.stream().map(m -> m + "\n").toList());

        // without the key log tshark sees encrypted records (in TLS 1.3 the encrypted handshake too)
        // but cannot read them
        assertThat(Tshark.fields(pcap, "tls.app_data", "tls.app_data", "-d", decodeAs))
                .hasSizeGreaterThanOrEqualTo(sent.size());
        assertThat(decrypted(Tshark.fields(pcap, "tls.app_data", "data.data", "-d", decodeAs))).isEmpty();

        assertThat(Tshark.malformedFrames(pcap, "-d", decodeAs, "-o", keys)).isEmpty();
    }

    private static List<String> decrypted(List<String> hexLines) {
        return hexLines.stream()
                .flatMap(l -> Stream.of(l.split("\\|")))
                .filter(h -> !h.isBlank())
                .map(h -> new String(HexFormat.of().parseHex(h.strip()), StandardCharsets.UTF_8))
                .toList();
    }
}
