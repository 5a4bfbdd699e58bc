package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;

/**
 * Failures are reported once, with their cause, and leave the relay consistent: the other leg is
 * closed, every socket and port released.
 */
class FailureRelayTest extends RelayTestBase {
    private static final LocalIdentity STRANGER = LocalIdentity.selfSigned("stranger.test");
    private final TlsOptions o = TlsOptions.DEFAULTS;

    @Test
    void wrongUeFingerprintFailsTheAccessLegAndNeverOpensTheCore() {
        setUp(BearerConfig.DEFAULTS);
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(true, false, true));
        BearerRelay relay = agw.open(
                BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of(STRANGER.fingerprint())),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withRemote(coreServer.address()));
        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), o);
        Probe ue = net.client(ueCtx, o, relay.localAddress(Side.ACCESS), new Probe(true, true, true));
        TestNet.release(ueCtx);
        ue.send("must not reach the core".getBytes());

        BearerFailure f = await(agw.events.failed);
        assertThat(f.side()).isEqualTo(Side.ACCESS);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TLS_FINGERPRINT_MISMATCH);
        assertThat(f.kind().isTlsEstablishment()).isTrue();
        assertThat(f.expected()).containsExactly(STRANGER.fingerprint());
        assertThat(f.received()).containsExactly(UE.fingerprint());
        assertThat(f.detail()).contains("expected " + STRANGER.fingerprint()).contains("received " + UE.fingerprint());
        RelayStats s = await(agw.events.closed);
        await(ue.closed);
        assertThat(s.failure()).isEqualTo(f);
        assertThat(s.access().tls()).isNull();
        assertThat(s.core().remote()).isNull();
        assertThat(coreServer.accepted()).as("the core was never connected").isNotDone();
        assertThat(agw.events.calls).containsExactly("failed access TLS_FINGERPRINT_MISMATCH", "closed");
        assertThat(relay.state()).isEqualTo(BearerRelay.State.CLOSED);
        agw.assertReleased();
    }

    @Test
    void wrongUeCertificateAsTlsClientClosesTheConnectedCore() {
        setUp(BearerConfig.DEFAULTS);
        SslContext ueServerCtx = TlsContexts.server(STRANGER, List.of(AGW.fingerprint()), o);
        TestNet.Server ueServer = net.server(ueServerCtx, o, () -> new Probe(true, true, true));
        BearerRelay relay = openTlsClientTowardUe(ueServer.address());
        Probe core = net.client(null, null, relay.localAddress(Side.CORE), new Probe(true, false, true));
        core.send("hello".getBytes());

        BearerFailure f = await(agw.events.failed);
        assertThat(f.side()).isEqualTo(Side.ACCESS);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TLS_FINGERPRINT_MISMATCH);
        assertThat(f.expected()).containsExactly(UE.fingerprint());
        assertThat(f.received()).containsExactly(STRANGER.fingerprint());
        await(core.closed);
        await(agw.events.closed);
        assertThat(core.data()).isEmpty();
        assertThat(agw.events.calls).containsExactly("legEstablished core", "failed access TLS_FINGERPRINT_MISMATCH",
                "closed");
        agw.assertReleased();
        TestNet.release(ueServerCtx);
    }

    @Test
    void refusedCoreConnectionClosesTheUe() throws IOException {
        setUp(BearerConfig.DEFAULTS);
        InetSocketAddress nobody;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) s.getLocalSocketAddress();
        }
        BearerRelay relay = openTlsServerTowardCore(nobody);
        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), o);
        Probe ue = net.client(ueCtx, o, relay.localAddress(Side.ACCESS), new Probe(true, true, true));
        TestNet.release(ueCtx);

        BearerFailure f = await(agw.events.failed);
        assertThat(f.side()).isEqualTo(Side.CORE);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TCP_CONNECT_REFUSED);
        assertThat(f.kind().isTlsEstablishment()).isFalse();
        await(ue.closed);
        await(agw.events.closed);
        assertThat(agw.events.calls).containsExactly("legEstablished access", "failed core TCP_CONNECT_REFUSED",
                "closed");
        agw.assertReleased();
    }

    @Test
    void silentUeHitsTheHandshakeTimeout() {
        setUp(BearerConfig.DEFAULTS.withTls(o.withHandshakeTimeout(Duration.ofMillis(300))));
        BearerRelay relay = openTlsServerTowardCore(new InetSocketAddress("127.0.0.1", 9));
        Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(true, false, true));

        BearerFailure f = await(agw.events.failed);
        assertThat(f.side()).isEqualTo(Side.ACCESS);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TLS_HANDSHAKE_TIMEOUT);
        await(ue.closed);
        await(agw.events.closed);
        agw.assertReleased();
    }

    @Test
    void ueResetClosesTheCore() {
        setUp(BearerConfig.DEFAULTS);
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(true, false, true));
        BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withRemote(coreServer.address()));
        Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(true, false, true));
        ue.send("ping".getBytes());
        Probe core = await(coreServer.accepted());
        await(core.awaitBytes(4));
        Channel ch = ue.channel();
        ch.config().setOption(ChannelOption.SO_LINGER, 0);   // close sends RST
        ch.close();

        BearerFailure f = await(agw.events.failed);
        assertThat(f.side()).isEqualTo(Side.ACCESS);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TCP_RESET);
        await(core.closed);
        await(agw.events.closed);
        agw.assertReleased();
    }
    @Test
    void aUeThatSpeaksNoTlsFailsTheHandshake() {
        setUp(BearerConfig.DEFAULTS);
        BearerRelay relay = agw.open(
                BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of(UE.fingerprint())),
                BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE));
        Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(true, false, true));
        ue.send("MSRP a786hjs2 SEND\r\nTo-Path: msrp://x\r\n\r\n".getBytes());

        BearerFailure f = await(agw.events.failed);
        assertThat(f.side()).isEqualTo(Side.ACCESS);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TLS_HANDSHAKE_FAILED);
        assertThat(f.expected()).isEmpty();
        await(ue.closed);
        await(agw.events.closed);
        agw.assertReleased();
    }

    @Test
    void aCoreThatNeverAnswersTheSynHitsTheConnectTimeout() throws Exception {
        setUp(BearerConfig.DEFAULTS.withConnectTimeout(Duration.ofMillis(300)));
        // a listener that never accepts: once its accept queue is full, Linux drops further SYNs
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                    } catch (IOException expectedOnceFull) {
                        // the queue is full
                    }
                    fillers.add(s);
                }
                BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                        BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE)
                                .withRemote((InetSocketAddress) full.getLocalSocketAddress()));
                Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(true, false, true));

                BearerFailure f = await(agw.events.failed);
                assertThat(f.side()).isEqualTo(Side.CORE);
                assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TCP_CONNECT_TIMEOUT);
                await(ue.closed);
                await(agw.events.closed);
            } finally {
                for (java.net.Socket s : fillers) {
                    s.close();
                }
            }
        }
        agw.assertReleased();
    }
}
