package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;

/** Explicit teardown mid-transfer releases everything; port allocation skips busy ports. */
class TeardownRelayTest extends RelayTestBase {
    @Test
    void closeMidTransferClosesBothLegsAndReleasesEverything() {
        setUp(BearerConfig.DEFAULTS);
        assertThat(agw.relays.openChannels()).isZero();
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(false, false, true));
        BearerRelay relay = openTlsServerTowardCore(coreServer.address());
        assertThat(agw.relays.openChannels()).as("the access listener").isEqualTo(1);
        assertThat(agw.portsInUse()).isEqualTo(1);
        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), TlsOptions.DEFAULTS);
        Probe ue = net.client(ueCtx, TlsOptions.DEFAULTS, relay.localAddress(Side.ACCESS), new Probe(false, true, true));
        TestNet.release(ueCtx);
        ue.stream(Long.MAX_VALUE);                      // never ends by itself
        Probe core = await(coreServer.accepted());
        await(core.awaitBytes(4 * 1024 * 1024));
        await(agw.events.established);
        assertThat(agw.relays.openChannels()).as("two connections, listener closed").isEqualTo(2);

        RelayStats s = await(relay.close());

        assertThat(s.state()).isEqualTo(BearerRelay.State.CLOSED);
        assertThat(s.failure()).isNull();
        assertThat(s.releasedBy()).isNull();
        assertThat(s.access().bytesIn()).isGreaterThanOrEqualTo(4 * 1024 * 1024);
        assertThat(s.core().bytesOut()).as("every byte read was passed on").isEqualTo(s.access().bytesIn());
        await(ue.closed);
        await(core.closed);
        assertThat(core.firstMismatch()).isEqualTo(-1);
        assertThat(core.received()).isLessThanOrEqualTo(s.core().bytesOut());
        agw.assertReleased();
        assertThat(relay.close()).as("close is idempotent").isCompletedWithValue(s);
        assertThat(agw.events.calls).containsExactly("legEstablished access", "legEstablished core", "established",
                "closed");
    }

    @Test
    void closeBeforeAnyConnectionReleasesTheListener() {
        setUp(BearerConfig.DEFAULTS);
        BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE));
        assertThat(agw.relays.openChannels()).isEqualTo(2);
        assertThat(agw.portsInUse()).isEqualTo(2);
        RelayStats s = await(relay.close());
        assertThat(s.access().local()).isNotNull();
        agw.assertReleased();
    }

    @Test
    void aBusyPortIsSkippedAndANamedPortIsUsed() throws IOException {
        setUp(BearerConfig.DEFAULTS);
        int first = agw.accessRealm.minPort();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(agw.accessRealm.bindAddress(), first));
            BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                    BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE).withPort(agw.coreRealm.minPort() + 7));
            assertThat(relay.localAddress(Side.ACCESS).getPort()).isGreaterThan(first);
            assertThat(relay.localAddress(Side.CORE).getPort()).isEqualTo(agw.coreRealm.minPort() + 7);
            assertThat(agw.portsInUse()).isEqualTo(2);
            await(relay.close());
        }
        agw.assertReleased();
    }

    @Test
    void anActiveLegWaitsForItsRemoteAddress() {
        setUp(BearerConfig.DEFAULTS);
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(true, false, true));
        BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE));
        Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(true, false, true));
        ue.send("early".getBytes());
        await(ue.active);
        assertThat(coreServer.accepted()).isNotDone();
        // the Remote descriptor of the core termination arrives in a Modify
        await(relay.update(Side.CORE, BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withRemote(coreServer.address())));
        Probe core = await(coreServer.accepted());
        await(core.awaitBytes(5));
        assertThat(new String(core.data())).isEqualTo("early");
        await(relay.close());
        agw.assertReleased();
    }
    @Test
    void aListenerMayCloseTheRelayFromItsCallbacks() {
        setUp(BearerConfig.DEFAULTS);
        java.util.concurrent.CompletableFuture<RelayStats> closedByListener = new java.util.concurrent.CompletableFuture<>();
        BearerListener closer = new BearerListener() {
            @Override
            public void legEstablished(BearerRelay relay, LegStats leg) {
                relay.close().thenAccept(closedByListener::complete);
            }
        };
        BearerRelay relay = agw.relays.newRelay("ctx2", BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE), closer);
        await(relay.open());
        Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(true, false, true));
        ue.send("x".getBytes());
        RelayStats s = await(closedByListener);
        assertThat(s.state()).isEqualTo(BearerRelay.State.CLOSED);
        assertThat(s.core().remote()).isNull();
        await(ue.closed);
        agw.assertReleased();
    }
}
