package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NSS key log on BoringSSL; refused on the JDK provider. */
class KeyLogTest {
    @TempDir
    Path dir;

    private final TlsTestPeers peers = new TlsTestPeers();

    @AfterEach
    void stop() {
        peers.close();
    }

    private List<String> handshakeAndLog(TlsVersion v) throws Exception {
        assumeTrue(TlsProvider.OPENSSL.isAvailable(), "BoringSSL not available");
        LocalIdentity s = LocalIdentity.selfSigned("s");
        LocalIdentity c = LocalIdentity.selfSigned("c");
        Path file = dir.resolve("keylog-" + v + ".txt");
        try (FileKeyLog log = KeyLog.open(file)) {
            TlsOptions so = TlsOptions.DEFAULTS.withProvider(TlsProvider.OPENSSL).withVersions(v).withKeyLog(log);
            TlsOptions co = TlsOptions.DEFAULTS.withProvider(TlsProvider.JDK).withVersions(v);
            SslContext server = TlsContexts.server(s, List.of(c.fingerprint()), so);
            SslContext client = TlsContexts.client(c, List.of(s.fingerprint()), co);
            TlsTestPeers.Side ss = new TlsTestPeers.Side();
            TlsTestPeers.Side cs = new TlsTestPeers.Side();
            Channel listener = peers.server(server, so, "pong", ss);
            Channel ch = peers.client(client, co, TlsTestPeers.port(listener), "ping", cs);
            assertThat(cs.received.get(15, TimeUnit.SECONDS)).isEqualTo("pong");
            ch.close().sync();
            listener.close().sync();
        }
        return Files.readAllLines(file);
    }

    @Test
    void tls12WritesClientRandomLines() throws Exception {
        List<String> lines = handshakeAndLog(TlsVersion.TLS_1_2);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
    }

    @Test
    void tls13WritesTrafficSecrets() throws Exception {
        List<String> lines = handshakeAndLog(TlsVersion.TLS_1_3);
        assertThat(lines).extracting(l -> l.split(" ")[0]).contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");
        assertThat(lines).allMatch(l -> l.matches("[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64,96}"));
        // one client random for all lines of the connection
        assertThat(lines).extracting(l -> l.split(" ")[1]).containsOnly(lines.get(0).split(" ")[1]);
    }

    @Test
    void jdkProviderRefusesAKeyLog() {
        TlsOptions o = TlsOptions.DEFAULTS.withProvider(TlsProvider.JDK).withKeyLog(line -> { });
        LocalIdentity id = LocalIdentity.selfSigned("x");
        assertThatThrownBy(() -> TlsContexts.server(id, List.of(id.fingerprint()), o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write a TLS key log")
                .hasMessageContaining("OPENSSL");
        assertThat(TlsProvider.JDK.supportsKeyLog()).isFalse();
        assertThat(TlsProvider.OPENSSL.supportsKeyLog()).isTrue();
    }

    @Test
    void appendsWholeLines() throws Exception {
        Path file = dir.resolve("k.txt");
        Files.writeString(file, "# existing\n");
        try (FileKeyLog log = FileKeyLog.open(file)) {
            log.write("CLIENT_RANDOM aa bb");
            log.write("CLIENT_RANDOM cc dd\n");
            assertThat(log.file()).isEqualTo(file);
        }
        assertThat(Files.readAllLines(file)).containsExactly("# existing", "CLIENT_RANDOM aa bb", "CLIENT_RANDOM cc dd");
    }
}
