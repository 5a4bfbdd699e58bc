package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpException;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.internal.DefaultMsrpSession;
import org.mediasec.msrp.relay.DigestCredentials;
import org.mediasec.msrp.relay.MsrpRelayConfig;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningCounters;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsProvider;
import org.mediasec.transport.Transports;

/** Two endpoints on loopback, sessions set up from SDP, chat over plain TCP and over TLS. */
class MsrpEndpointTest {
    static final long T = SessionEvents.TIMEOUT_SECONDS;
    static Transports transports;
    static LocalIdentity aliceId;
    static LocalIdentity bobId;

    @TempDir
    Path tmp;
    MsrpEndpoint alice;
    MsrpEndpoint bob;

    @BeforeAll
    static void start() {
        transports = Transports.create("msrp-test", 2, Transports.Kind.preferred());
        aliceId = LocalIdentity.selfSigned("alice");
        bobId = LocalIdentity.selfSigned("bob");
    }

    @AfterAll
    static void stop() {
        transports.close();
    }

    @AfterEach
    void closeEndpoints() {
        if (alice != null) {
            alice.close();
            assertThat(alice.connectionCount()).isZero();
        }
        if (bob != null) {
            bob.close();
            assertThat(bob.connectionCount()).isZero();
        }
    }

    static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /** An SDP with one MSRP m-line. */
    static SessionDescription sdp(MsrpUri path, int port, String setup, List<CertificateFingerprint> fps, boolean cema,
                                  String... extra) {
        boolean tls = path.secure();
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        s.append("m=message ").append(port).append(tls ? " TCP/TLS/MSRP *" : " TCP/MSRP *").append("\r\n");
        s.append("a=accept-types:text/plain application/octet-stream\r\n");
        s.append("a=path:").append(path).append("\r\n");
        s.append("a=setup:").append(setup).append("\r\n");
        for (CertificateFingerprint fp : fps) {
            s.append("a=fingerprint:").append(fp).append("\r\n");
        }
        if (cema) {
            s.append("a=msrp-cema\r\n");
        }
        for (String e : extra) {
            s.append(e).append("\r\n");
        }
        return SdpParser.parse(s.toString());
    }

    /** Alice offers actpass, Bob answers passive: Alice connects (TCP active, TLS client). */
    record Pair(MsrpSession a, SessionEvents aEvents, MsrpSession b, SessionEvents bEvents) {
    }

    Pair pair(List<CertificateFingerprint> bobPinsForAlice, List<CertificateFingerprint> alicePinsForBob, boolean cema,
              MsrpUri bobPathOverride) {
        MsrpUri aUri = alice.newLocalUri("127.0.0.1");
        MsrpUri bUri = bobPathOverride != null ? bobPathOverride : bob.newLocalUri("127.0.0.1");
        SessionDescription offer = sdp(aUri, alice.localAddress().getPort(), "actpass", alicePinsForBob, cema);
        SessionDescription answer = sdp(bUri, bob.localAddress().getPort(), "passive", bobPinsForAlice, cema);
        SessionEvents ae = new SessionEvents();
        SessionEvents be = new SessionEvents();
        MsrpSessionSpec bSpec = MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false);
        MsrpSessionSpec aSpec = MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true);
        assertThat(aSpec.active()).isTrue();
        assertThat(bSpec.active()).isFalse();
        MsrpSession b = bob.open(bSpec, be);
        MsrpSession a = alice.open(aSpec, ae);
        return new Pair(a, ae, b, be);
    }

    void chatBothWays(Pair p) throws Exception {
        p.a().connected().get(T, TimeUnit.SECONDS);
        p.b().connected().get(T, TimeUnit.SECONDS);
        String id = p.a().sendText("Hey Bob, are you there?");
        ReceivedMessage m = p.bEvents().nextMessage();
        assertThat(m.messageId()).isEqualTo(id);
        assertThat(m.text()).isEqualTo("Hey Bob, are you there?");
        assertThat(p.aEvents().nextSent()).isEqualTo(id);
        p.b().sendText("Yes, I'm here");
        assertThat(p.aEvents().nextMessage().text()).isEqualTo("Yes, I'm here");
    }

    @Test
    void chatOverPlainTcp() throws Exception {
        alice = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        chatBothWays(pair(List.of(), List.of(), false, null));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void chatOverTlsWithPinnedFingerprints(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), provider + " not available");
        PinningCounters aliceCounters = new PinningCounters();
        PinningCounters bobCounters = new PinningCounters();
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS.withProvider(provider).withListener(aliceCounters),
                MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS.withProvider(provider).withListener(bobCounters),
                MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        chatBothWays(pair(List.of(bobId.fingerprint()), List.of(aliceId.fingerprint()), false, null));
        assertThat(aliceCounters.verified()).isEqualTo(1);
        assertThat(bobCounters.verified()).isEqualTo(1);
        assertThat(aliceCounters.refused() + bobCounters.refused()).isZero();
    }

    @Test
    void wrongFingerprintIsRefusedWithTheReason() throws Exception {
        PinningCounters aliceCounters = new PinningCounters();
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS.withListener(aliceCounters), MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        CertificateFingerprint impostor = LocalIdentity.selfSigned("mallory").fingerprint();
        Pair p = pair(List.of(impostor), List.of(aliceId.fingerprint()), false, null);
        Pair second = pair(List.of(impostor), List.of(aliceId.fingerprint()), false, null); // may share the dial
        for (Pair x : List.of(p, second)) {
            assertThatThrownBy(() -> x.a().connected().get(T, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("TLS handshake with 127.0.0.1:" + bob.localAddress().getPort() + " refused")
                    .hasMessageContaining("certificate fingerprint mismatch")
                    .hasMessageContaining(impostor.hex());
            assertThat(x.aEvents().sessionFailed.get(T, TimeUnit.SECONDS)).contains("certificate fingerprint mismatch");
        }
        assertThat(aliceCounters.refused()).isBetween(1L, 2L);
        assertThat(aliceCounters.verified()).isZero();
        assertThat(p.b().connected()).isNotDone();
    }

    @Test
    void passiveSideRefusesAClientWhoseCertificateNoSessionPins() throws Exception {
        PinningCounters bobCounters = new PinningCounters();
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS.withListener(bobCounters), MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        CertificateFingerprint notAlice = LocalIdentity.selfSigned("carol").fingerprint();
        Pair p = pair(List.of(bobId.fingerprint()), List.of(notAlice), false, null);
        // TLS 1.3: the client finishes its handshake before the server checks the client certificate,
        // so Alice may see either a failed handshake or a connection closed by Bob's alert
        assertThatThrownBy(() -> p.a().connected().get(T, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("127.0.0.1:" + bob.localAddress().getPort())
                .hasMessageContainingAll("SSL");
        assertThat(bobCounters.refused()).isEqualTo(1);
        assertThat(bobCounters.verified()).isZero();
        assertThat(p.b().connected()).isNotDone();
    }

    @Test
    void sessionsTowardTheSamePeerShareOneConnection() throws Exception {
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        Pair one = pair(List.of(bobId.fingerprint()), List.of(aliceId.fingerprint()), false, null);
        chatBothWays(one);
        Pair two = pair(List.of(bobId.fingerprint()), List.of(aliceId.fingerprint()), false, null);
        chatBothWays(two);
        assertThat(alice.connectionCount()).isEqualTo(1);
        assertThat(bob.connectionCount()).isEqualTo(1);
        // each session only sees its own messages
        assertThat(one.bEvents().received).isEmpty();
        assertThat(two.bEvents().received).isEmpty();
        // the connection outlives the first session and closes with the last
        ((DefaultMsrpSession) one.a()).closeAsync().get(T, TimeUnit.SECONDS);
        assertThat(alice.connectionCount()).isEqualTo(1);
        two.a().sendText("still here");
        assertThat(two.bEvents().nextMessage().text()).isEqualTo("still here");
        ((DefaultMsrpSession) two.a()).closeAsync().get(T, TimeUnit.SECONDS);
        assertThat(two.bEvents().sessionFailed.get(T, TimeUnit.SECONDS)).contains("closed");
        assertThat(alice.connectionCount()).isZero();
    }

    @Test
    void cemaConnectsToTheSdpAddressWhilePathStaysTheIdentity() throws Exception {
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        // a=path names a host that does not resolve: only c=/m= (127.0.0.1 and Bob's port) can work
        MsrpUri unreachable = MsrpUri.of(true, "bob.invalid", 9, "cemasession1");
        Pair p = pair(List.of(bobId.fingerprint()), List.of(aliceId.fingerprint()), true, unreachable);
        chatBothWays(p);
        assertThat(p.bEvents().received).isEmpty();
    }

    @Test
    void withoutCemaThePathHostIsUsed() throws Exception {
        alice = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        alice.listen(loopbackUnchecked());
        bob.listen(loopbackUnchecked());
        MsrpUri bUri = MsrpUri.of(false, "127.0.0.2", 2856, "x1y2z3w4");
        SessionDescription offer = sdp(alice.newLocalUri("127.0.0.1"), 1, "actpass", List.of(), true);
        SessionDescription answer = sdp(bUri, 7000, "passive", List.of(), false);
        MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true);
        assertThat(spec.cema()).isFalse();
        assertThat(spec.connectTo().getHostString()).isEqualTo("127.0.0.2");
        assertThat(spec.connectTo().getPort()).isEqualTo(2856);
        assertThat(spec.acceptTypes()).containsExactly("text/plain", "application/octet-stream");
        assertThat(spec.remoteMaxSize()).isEmpty();
        SessionDescription limited = sdp(bUri, 7000, "passive", List.of(), false, "a=max-size:2048");
        assertThat(MsrpSessionSpec.fromSdp(offer, 0, limited, 0, true).remoteMaxSize()).contains(2048L);
        assertThat(MsrpSessionSpec.fromSdp(limited, 0, offer, 0, false).localMaxSize()).contains(2048L);
        // RFC 6135: holdconn is ignored as if there were no a=setup: the offerer is active
        SessionDescription hold = sdp(bUri, 7000, "holdconn", List.of(), false);
        assertThat(MsrpSessionSpec.fromSdp(offer, 0, hold, 0, true).active()).isTrue();
        assertThat(MsrpSessionSpec.fromSdp(hold, 0, offer, 0, false).active()).isFalse();
    }

    InetSocketAddress loopbackUnchecked() {
        return loopback();
    }

    @Test
    void aPeerPinnedForOneSessionCannotBindAnother() throws Exception {
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        LocalIdentity carol = LocalIdentity.selfSigned("carol");
        // Bob expects Alice on one session (so the handshake passes) and Carol on another
        pair(List.of(bobId.fingerprint()), List.of(aliceId.fingerprint()), false, null);
        MsrpUri carolsSessionAtBob = bob.newLocalUri("127.0.0.1");
        MsrpUri aUri = alice.newLocalUri("127.0.0.1");
        SessionDescription aliceSdp = sdp(aUri, 1, "active", List.of(aliceId.fingerprint()), false);
        SessionDescription carolView = sdp(aUri, 1, "active", List.of(carol.fingerprint()), false);
        SessionDescription bobSdp = sdp(carolsSessionAtBob, bob.localAddress().getPort(), "passive", List.of(bobId.fingerprint()), false);
        SessionEvents be = new SessionEvents();
        MsrpSession b = bob.open(MsrpSessionSpec.fromSdp(bobSdp, 0, carolView, 0, false), be);
        // Alice uses a fresh endpoint-level connection key (same pins, so the connection is reused)
        MsrpSession a = alice.open(MsrpSessionSpec.fromSdp(aliceSdp, 0, bobSdp, 0, true), new SessionEvents());
        assertThatThrownBy(() -> a.connected().get(T, TimeUnit.SECONDS)).hasMessageContaining("481");
        assertThat(b.connected()).isNotDone();
    }

    /** Sends raw bytes on a plain socket and reads until {@code until} appears (or the timeout). */
    static String raw(InetSocketAddress to, String wire, String until) throws Exception {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(to, 5000);
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(T));
            s.getOutputStream().write(wire.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!got.toString().contains(until)) {
                int n = s.getInputStream().read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            return got.toString();
        }
    }

    @Test
    void rawPeerGets481ForAnUnknownSessionAnd400ForAMalformedRequest() throws Exception {
        bob = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        InetSocketAddress at = bob.listen(loopback());
        String unknown = "MSRP a786hjs2 SEND\r\n"
                + "To-Path: msrp://127.0.0.1:" + at.getPort() + "/nosuchsession;tcp\r\n"
                + "From-Path: msrp://127.0.0.1:7777/iau39soe2843z;tcp\r\n"
                + "Message-ID: 87652491\r\n"
                + "Byte-Range: 1-3/3\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "Hey\r\n"
                + "-------a786hjs2$\r\n";
        assertThat(raw(at, unknown, "-------a786hjs2$")).startsWith("MSRP a786hjs2 481");
        String malformed = "MSRP b786hjs2 SEND\r\n"
                + "To-Path: msrp://127.0.0.1:" + at.getPort() + "/nosuchsession;tcp\r\n"
                + "From-Path: msrp://127.0.0.1:7777/iau39soe2843z;tcp\r\n"
                + "Byte-Range: x-y/z\r\n"
                + "-------b786hjs2$\r\n";
        assertThat(raw(at, malformed, "-------b786hjs2$")).startsWith("MSRP b786hjs2 400");
    }

    @Test
    void requestForAnUnknownSessionGets481AndTheOpenerFails() throws Exception {
        alice = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT.withTransactionTimeout(Duration.ofSeconds(5)));
        bob = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        bob.listen(loopback());
        MsrpUri aUri = alice.newLocalUri("127.0.0.1");
        MsrpUri bUri = bob.newLocalUri("127.0.0.1"); // never opened at Bob
        SessionEvents ae = new SessionEvents();
        MsrpSession a = alice.open(MsrpSessionSpec.fromSdp(
                sdp(aUri, 1, "active", List.of(), false), 0, sdp(bUri, 1, "passive", List.of(), false), 0, true), ae);
        assertThatThrownBy(() -> a.connected().get(T, TimeUnit.SECONDS)).hasMessageContaining("481");
    }

    @Test
    void aRelayPathNeedsAnAuthenticatedRelayConnection() throws Exception {
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        MsrpUri me = alice.newLocalUri("127.0.0.1");
        MsrpUri relay = MsrpUri.parse("msrps://127.0.0.1:2855/never-authenticated;tcp");
        MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(sdp(List.of(relay, me), "actpass", aliceId.fingerprint()), 0,
                sdp(List.of(MsrpUri.parse("msrps://127.0.0.1:9/bob;tcp")), "passive", bobId.fingerprint()), 0, true);
        assertThat(spec.viaRelay()).isTrue();
        assertThat(spec.usePath()).containsExactly(relay);
        assertThatThrownBy(() -> alice.open(spec, new SessionEvents()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authenticateToRelay").hasMessageContaining(relay.toString());
        assertThat(alice.connectionCount()).isZero();
    }

    @Test
    void authenticateToRelayNeedsTlsAndAPinnedRelay() throws Exception {
        MsrpUri relay = MsrpUri.parse("msrps://127.0.0.1:2855;tcp");
        bob = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        bob.listen(loopback());
        MsrpRelayConfig viaBob = MsrpRelayConfig.of(relay, bob.newLocalUri("127.0.0.1"), new DigestCredentials("bob", "pw"));
        assertThatThrownBy(() -> bob.authenticateToRelay(viaBob, List.of(aliceId.fingerprint())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS");
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        MsrpRelayConfig viaAlice = MsrpRelayConfig.of(relay, alice.newLocalUri("127.0.0.1"), new DigestCredentials("alice", "pw"));
        assertThatThrownBy(() -> alice.authenticateToRelay(viaAlice, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pinned");
    }

    /** A relay whose certificate is not the pinned one is refused before any AUTH, with the trust manager's reason. */
    @Test
    void aRelayWithAnotherCertificateIsRefused() throws Exception {
        bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        InetSocketAddress fakeRelay = bob.listen(loopback());
        alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        alice.listen(loopback());
        MsrpUri relay = MsrpUri.parse("msrps://127.0.0.1:" + fakeRelay.getPort() + ";tcp");
        MsrpRelayConfig config = MsrpRelayConfig.of(relay, alice.newLocalUri("127.0.0.1"), new DigestCredentials("alice", "pw"));
        LocalIdentity other = LocalIdentity.selfSigned("someone-else");
        assertThat(alice.authenticateToRelay(config, List.of(other.fingerprint())))
                .failsWithin(T, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(MsrpException.class).withMessageContaining("refused");
    }

    static SessionDescription sdp(List<MsrpUri> path, String setup, CertificateFingerprint fp) {
        MsrpUri own = path.get(path.size() - 1);
        return SdpParser.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + own.effectivePort() + " TCP/TLS/MSRP *\r\na=accept-types:*\r\na=path:"
                + String.join(" ", path.stream().map(MsrpUri::toString).toList()) + "\r\na=setup:" + setup
                + "\r\na=fingerprint:" + fp + "\r\n");
    }
}
