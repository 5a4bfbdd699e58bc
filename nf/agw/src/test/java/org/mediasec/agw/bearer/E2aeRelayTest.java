package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsProvider;

/**
 * e2ae: the AGW terminates the UE's TLS on the access leg (as TLS server and as TLS client), pinning
 * the UE's fingerprint, and relays plaintext to a plain core peer; data both ways arrives equal.
 */
class E2aeRelayTest extends RelayTestBase {
    static Stream<TlsProvider> providers() {
        return TlsProvider.available().stream();
    }

    private void setUp(TlsProvider provider) {
        setUp(BearerConfig.DEFAULTS.withTls(TlsOptions.DEFAULTS.withProvider(provider)));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void agwAsTlsServerRelaysPlaintextToTheCore(TlsProvider provider) {
        setUp(provider);
        TlsOptions o = TlsOptions.DEFAULTS.withProvider(provider);
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(true, false, true));
        BearerRelay relay = openTlsServerTowardCore(coreServer.address());
        InetSocketAddress accessPort = relay.localAddress(Side.ACCESS);
        assertThat(accessPort.getPort()).isBetween(agw.accessRealm.minPort(), agw.accessRealm.maxPort());
        assertThat(agw.portsInUse()).isEqualTo(1);
        assertThat(coreServer.accepted()).as("core not connected before the UE").isNotDone();

        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), o);
        Probe ue = net.client(ueCtx, o, accessPort, new Probe(true, true, true));
        TestNet.release(ueCtx);
        byte[] up = random(200_000, 1);
        byte[] down = random(300_000, 2);
        ue.send(up);
        Probe core = await(coreServer.accepted());
        await(core.awaitBytes(up.length));
        core.send(down);
        await(ue.awaitBytes(down.length));

        assertThat(core.data()).isEqualTo(up);
        assertThat(ue.data()).isEqualTo(down);
        RelayStats established = await(agw.events.established);
        LegStats a = established.access();
        assertThat(a.transport()).isEqualTo(BearerTransport.TLS_SERVER);
        assertThat(a.tls().version()).isEqualTo(await(ue.handshake));
        assertThat(a.tls().cipherSuite()).isNotBlank();
        assertThat(a.tls().peerVerified()).isTrue();
        assertThat(a.tls().peerFingerprint()).isEqualTo(UE.fingerprint());

        RelayStats s = await(relay.close());
        assertThat(s.state()).isEqualTo(BearerRelay.State.CLOSED);
        assertThat(s.failure()).isNull();
        assertThat(s.access().bytesIn()).isEqualTo(up.length);
        assertThat(s.core().bytesOut()).isEqualTo(up.length);
        assertThat(s.core().bytesIn()).isEqualTo(down.length);
        assertThat(s.access().bytesOut()).isEqualTo(down.length);
        assertThat(s.access().wireBytesIn()).as("TLS records and handshake").isGreaterThan(up.length);
        assertThat(s.core().wireBytesOut()).isEqualTo(up.length);
        assertThat(s.core().decrypted()).isFalse();
        assertThat(s.access().readsIn()).isPositive();
        assertThat(s.core().writesOut()).isEqualTo(s.access().readsIn());
        await(ue.closed);
        await(core.closed);
        assertThat(agw.events.calls).containsExactly("legEstablished access", "legEstablished core",
                "established", "closed");
        agw.assertReleased();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void agwAsTlsClientConnectsToTheUeWhenTheCoreConnects(TlsProvider provider) {
        setUp(provider);
        TlsOptions o = TlsOptions.DEFAULTS.withProvider(provider);
        SslContext ueServerCtx = TlsContexts.server(UE, List.of(AGW.fingerprint()), o);
        TestNet.Server ueServer = net.server(ueServerCtx, o, () -> new Probe(true, true, true));
        BearerRelay relay = openTlsClientTowardUe(ueServer.address());
        assertThat(ueServer.accepted()).as("UE not connected before the core").isNotDone();
        assertThat(relay.localAddress(Side.ACCESS)).isNull();

        Probe core = net.client(null, null, relay.localAddress(Side.CORE), new Probe(true, false, true));
        byte[] up = random(100_000, 3);
        byte[] down = random(150_000, 4);
        core.send(down);                               // sent before the AGW even reached the UE
        Probe ue = await(ueServer.accepted());
        ue.send(up);
        await(ue.awaitBytes(down.length));
        await(core.awaitBytes(up.length));
        assertThat(ue.data()).isEqualTo(down);
        assertThat(core.data()).isEqualTo(up);

        RelayStats s = await(relay.close());
        assertThat(s.access().transport()).isEqualTo(BearerTransport.TLS_CLIENT);
        assertThat(s.access().tls().peerVerified()).isTrue();
        assertThat(s.access().tls().peerFingerprint()).isEqualTo(UE.fingerprint());
        assertThat(s.access().tls().version()).isEqualTo(await(ue.handshake));
        assertThat(s.access().bytesOut()).isEqualTo(down.length);
        assertThat(s.core().bytesOut()).isEqualTo(up.length);
        assertThat(agw.events.calls).containsExactly("legEstablished core", "legEstablished access",
                "established", "closed");
        TestNet.release(ueServerCtx);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aPeerCloseIsFlushedAndPropagated(TlsProvider provider) {
        setUp(provider);
        TlsOptions o = TlsOptions.DEFAULTS.withProvider(provider);
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(true, false, true));
        BearerRelay relay = openTlsServerTowardCore(coreServer.address());
        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), o);
        Probe ue = net.client(ueCtx, o, relay.localAddress(Side.ACCESS), new Probe(true, true, true));
        TestNet.release(ueCtx);
        ue.send("MSRP a786hjs2 SEND\r\n".getBytes());
        Probe core = await(coreServer.accepted());
        await(core.awaitBytes(20));
        byte[] last = random(500_000, 5);
        core.channel().writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(last))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);   // reply, then hang up

        await(ue.closed);
        assertThat(ue.data()).as("everything sent before the close arrives first").isEqualTo(last);
        RelayStats s = await(agw.events.closed);
        assertThat(s.failure()).isNull();
        assertThat(s.releasedBy()).as("IP bearer released by the core peer").isEqualTo(Side.CORE);
        assertThat(s.access().bytesOut()).isEqualTo(last.length);
        agw.assertReleased();
        assertThat(relay.state()).isEqualTo(BearerRelay.State.CLOSED);
    }
}
