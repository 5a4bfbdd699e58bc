package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.CertificateFingerprint;

/**
 * Two Netty endpoints on loopback, mutual TLS with fingerprint pinning, on every combination of
 * server provider, client provider and TLS version.
 */
class MutualTlsTest {
    private static final long TIMEOUT_S = 15;

    private static LocalIdentity serverId;
    private static LocalIdentity clientId;
    private static LocalIdentity strangerId;

    private TlsTestPeers peers;
    private final List<Channel> channels = new ArrayList<>();

    @BeforeAll
    static void identities() {
        serverId = LocalIdentity.selfSigned("server.test");
        clientId = LocalIdentity.selfSigned("client.test");
        strangerId = LocalIdentity.selfSigned("stranger.test");
    }

    @BeforeEach
    void start() {
        peers = new TlsTestPeers();
    }

    @AfterEach
    void stop() {
        channels.forEach(c -> c.close().syncUninterruptibly());
        peers.close();
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            for (TlsProvider s : TlsProvider.available()) {
                for (TlsProvider c : TlsProvider.available()) {
                    out.add(Arguments.of(s, c, v));
                }
            }
        }
        return out.stream();
    }

    private static TlsOptions options(TlsProvider p, TlsVersion v, PinningListener l) {
        return TlsOptions.DEFAULTS.withProvider(p).withVersions(v).withListener(l);
    }

    @ParameterizedTest(name = "server={0} client={1} {2}")
    @MethodSource("combinations")
    void completesWhenEachSidePinsTheOther(TlsProvider sp, TlsProvider cp, TlsVersion v) throws Exception {
        PinningCounters serverCounts = new PinningCounters();
        PinningCounters clientCounts = new PinningCounters();
        TlsOptions so = options(sp, v, serverCounts);
        TlsOptions co = options(cp, v, clientCounts);
        SslContext server = TlsContexts.server(serverId, List.of(clientId.fingerprint()), so);
        SslContext client = TlsContexts.client(clientId, List.of(serverId.fingerprint()), co);

        TlsTestPeers.Side s = new TlsTestPeers.Side();
        TlsTestPeers.Side c = new TlsTestPeers.Side();
        Channel listener = peers.server(server, so, "pong", s);
        channels.add(listener);
        channels.add(peers.client(client, co, TlsTestPeers.port(listener), "ping", c));

        assertThat(c.handshake.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(v.protocolName());
        assertThat(s.handshake.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(v.protocolName());
        assertThat(s.received.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("ping");
        assertThat(c.received.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("pong");
        assertThat(serverCounts.verified()).isEqualTo(1);
        assertThat(clientCounts.verified()).isEqualTo(1);
        assertThat(serverCounts.refused() + clientCounts.refused()).isZero();
    }

    @ParameterizedTest(name = "server={0} client={1} {2}")
    @MethodSource("combinations")
    void clientRefusesServerWithWrongFingerprint(TlsProvider sp, TlsProvider cp, TlsVersion v) throws Exception {
        PinningCounters clientCounts = new PinningCounters();
        TlsOptions so = options(sp, v, PinningListener.NONE);
        TlsOptions co = options(cp, v, clientCounts);
        CertificateFingerprint wrong = strangerId.fingerprint();
        SslContext server = TlsContexts.server(serverId, List.of(clientId.fingerprint()), so);
        SslContext client = TlsContexts.client(clientId, List.of(wrong), co);

        TlsTestPeers.Side s = new TlsTestPeers.Side();
        TlsTestPeers.Side c = new TlsTestPeers.Side();
        Channel listener = peers.server(server, so, "pong", s);
        channels.add(listener);
        channels.add(peers.client(client, co, TlsTestPeers.port(listener), "ping", c));

        assertThatThrownBy(() -> c.handshake.get(TIMEOUT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(causeText(e))
                        .contains("fingerprint mismatch")
                        .contains("expected " + wrong)
                        .contains("received " + serverId.fingerprint()));
        assertThatThrownBy(() -> s.handshake.get(TIMEOUT_S, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        s.closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(s.received).isCompletedExceptionally();
        assertThat(clientCounts.refused()).isEqualTo(1);
        assertThat(clientCounts.verified()).isZero();
    }

    @ParameterizedTest(name = "server={0} client={1} {2}")
    @MethodSource("combinations")
    void serverRefusesClientWithWrongFingerprint(TlsProvider sp, TlsProvider cp, TlsVersion v) throws Exception {
        PinningCounters serverCounts = new PinningCounters();
        TlsOptions so = options(sp, v, serverCounts);
        TlsOptions co = options(cp, v, PinningListener.NONE);
        CertificateFingerprint wrong = strangerId.fingerprint(CertificateFingerprint.SHA_1);
        SslContext server = TlsContexts.server(serverId, List.of(wrong), so);
        SslContext client = TlsContexts.client(clientId, List.of(serverId.fingerprint()), co);

        TlsTestPeers.Side s = new TlsTestPeers.Side();
        TlsTestPeers.Side c = new TlsTestPeers.Side();
        Channel listener = peers.server(server, so, "pong", s);
        channels.add(listener);
        channels.add(peers.client(client, co, TlsTestPeers.port(listener), "ping", c));

        assertThatThrownBy(() -> s.handshake.get(TIMEOUT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(causeText(e))
                        .contains("fingerprint mismatch")
                        .contains("expected " + wrong)
                        .contains("received " + clientId.fingerprint(CertificateFingerprint.SHA_1)));
        // In TLS 1.3 the client finishes before the server checks its certificate; either way the
        // connection is closed and the server never hands "ping" to the application.
        c.closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        s.closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(s.received).isCompletedExceptionally();
        assertThat(serverCounts.refused()).isEqualTo(1);
    }

    @ParameterizedTest(name = "server={0} client={1} {2}")
    @MethodSource("combinations")
    void emptyPinSetRefusesEverything(TlsProvider sp, TlsProvider cp, TlsVersion v) throws Exception {
        TlsOptions so = options(sp, v, PinningListener.NONE);
        TlsOptions co = options(cp, v, PinningListener.NONE);
        SslContext server = TlsContexts.server(serverId, List.of(), so);
        SslContext client = TlsContexts.client(clientId, List.of(serverId.fingerprint()), co);

        TlsTestPeers.Side s = new TlsTestPeers.Side();
        TlsTestPeers.Side c = new TlsTestPeers.Side();
        Channel listener = peers.server(server, so, "pong", s);
        channels.add(listener);
        channels.add(peers.client(client, co, TlsTestPeers.port(listener), "ping", c));

        assertThatThrownBy(() -> s.handshake.get(TIMEOUT_S, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(causeText(e)).contains("no fingerprint is pinned")
                        .contains(clientId.fingerprint().toString()));
        c.closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        s.closed.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(s.received).isCompletedExceptionally();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void defaultsNegotiateTls13AndPinsMayUseAnyHash(TlsProvider p) throws Exception {
        TlsOptions o = TlsOptions.DEFAULTS.withProvider(p);
        SslContext server = TlsContexts.server(serverId,
                List.of(strangerId.fingerprint(), clientId.fingerprint(CertificateFingerprint.SHA_512)), o);
        SslContext client = TlsContexts.client(clientId, List.of(serverId.fingerprint(CertificateFingerprint.SHA_384)), o);
        TlsTestPeers.Side s = new TlsTestPeers.Side();
        TlsTestPeers.Side c = new TlsTestPeers.Side();
        Channel listener = peers.server(server, o, "pong", s);
        channels.add(listener);
        channels.add(peers.client(client, o, TlsTestPeers.port(listener), "ping", c));
        assertThat(c.handshake.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("TLSv1.3");
        assertThat(c.received.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("pong");
    }

    static Stream<TlsProvider> providers() {
        return TlsProvider.available().stream();
    }

    /** All messages of the cause chain and suppressed exceptions, for asserting on the wire reason. */
    static String causeText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        appendCauses(t, sb, 0);
        return sb.toString();
    }

    private static void appendCauses(Throwable t, StringBuilder sb, int depth) {
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            sb.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                appendCauses(s, sb, depth + 1);
            }
            if (c.getCause() == c) {
                break;
            }
        }
    }
}
