package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;

/** How the H.248 layer drives establishment: late pins, explicit Establish, both legs active, close timeout. */
class EstablishmentRelayTest extends RelayTestBase {
    private final TlsOptions o = TlsOptions.DEFAULTS;

    @Test
    void uePinsArrivingInAModifyAreUsedForTheHandshake() {
        setUp(BearerConfig.DEFAULTS);
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(true, false, true));
        BearerLeg access = BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of());
        BearerRelay relay = agw.open(access,
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withRemote(coreServer.address()));
        // terminating case: the port went to the UE in the offer, its fingerprint comes with the answer
        await(relay.update(Side.ACCESS, access.withPeerFingerprints(List.of(UE.fingerprint()))));
        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), o);
        Probe ue = net.client(ueCtx, o, relay.localAddress(Side.ACCESS), new Probe(true, true, true));
        TestNet.release(ueCtx);
        ue.send("hi".getBytes());
        Probe core = await(coreServer.accepted());
        await(core.awaitBytes(2));
        assertThat(await(agw.events.established).access().tls().peerFingerprint()).isEqualTo(UE.fingerprint());
        assertThatThrownBy(() -> await(relay.update(Side.ACCESS, access)))
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> await(relay.update(Side.CORE, BearerLeg.passThrough(agw.coreRealm, TcpSetup.ACTIVE))))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        await(relay.close());
    }

    @Test
    void withoutPinsTheUeIsRefused() {
        setUp(BearerConfig.DEFAULTS);
        BearerRelay relay = agw.open(BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of()),
                BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE));
        SslContext ueCtx = TlsContexts.client(UE, List.of(AGW.fingerprint()), o);
        Probe ue = net.client(ueCtx, o, relay.localAddress(Side.ACCESS), new Probe(true, true, true));
        TestNet.release(ueCtx);
        BearerFailure f = await(agw.events.failed);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.TLS_FINGERPRINT_MISMATCH);
        assertThat(f.detail()).contains("no fingerprint is pinned");
        assertThat(f.expected()).isEmpty();
        assertThat(f.received()).containsExactly(UE.fingerprint());
        await(ue.closed);
        await(agw.events.closed);
        agw.assertReleased();
    }

    @Test
    void establishConnectsToTheUeWithoutWaitingForTheCore() {
        setUp(BearerConfig.DEFAULTS);
        SslContext ueServerCtx = TlsContexts.server(UE, List.of(AGW.fingerprint()), o);
        TestNet.Server ueServer = net.server(ueServerCtx, o, () -> new Probe(true, true, true));
        BearerRelay relay = openTlsClientTowardUe(ueServer.address());
        assertThat(ueServer.accepted()).isNotDone();
        await(relay.establish(Side.ACCESS));            // "Establish (D)TLS session"
        Probe ue = await(ueServer.accepted());
        await(ue.handshake);
        ue.send("from the UE, before the core is there".getBytes());
        assertThatThrownBy(() -> await(relay.establish(Side.CORE))).hasRootCauseInstanceOf(IllegalStateException.class);

        Probe core = net.client(null, null, relay.localAddress(Side.CORE), new Probe(true, false, true));
        await(core.awaitBytes(37));
        assertThat(new String(core.data())).isEqualTo("from the UE, before the core is there");
        assertThat(agw.events.calls).startsWith("legEstablished access", "legEstablished core", "established");
        await(relay.close());
        TestNet.release(ueServerCtx);
    }

    @Test
    void twoActiveLegsConnectAtOnce() {
        setUp(BearerConfig.DEFAULTS);
        TestNet.Server a = net.server(null, null, () -> new Probe(true, false, true));
        TestNet.Server c = net.server(null, null, () -> new Probe(true, false, true));
        BearerRelay relay = agw.open(BearerLeg.passThrough(agw.accessRealm, TcpSetup.ACTIVE).withRemote(a.address()),
                BearerLeg.passThrough(agw.coreRealm, TcpSetup.ACTIVE).withRemote(c.address()));
        Probe ue = await(a.accepted());
        Probe core = await(c.accepted());
        ue.send("up".getBytes());
        core.send("down".getBytes());
        await(core.awaitBytes(2));
        await(ue.awaitBytes(4));
        assertThat(agw.portsInUse()).as("active legs book no port").isZero();
        await(relay.close());
    }

    @Test
    void closeWhileTheCoreIsStalledEndsWithinTheCloseTimeout() throws Exception {
        setUp(BearerConfig.DEFAULTS.withCloseTimeout(Duration.ofMillis(300)));
        // the core never reads and its receive window is fixed at 4 KiB
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(false, false, false), 4096);
        BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withRemote(coreServer.address()));
        Probe ue = net.client(null, null, relay.localAddress(Side.ACCESS), new Probe(false, false, true));
        Probe core = await(coreServer.accepted());
        await(agw.events.established);
        // and the AGW's send buffer toward it too (white box), before any byte flows: the kernel then
        // holds at most ~16 KiB, so once more than the high water mark is pending (the AGW pauses the
        // UE) the pending bytes can never fall below the low water mark: the flush cannot finish
        Channel toCore = relay.leg(Side.CORE).channel;
        toCore.eventLoop().submit(() -> toCore.config().setOption(ChannelOption.SO_SNDBUF, 4096)).syncUninterruptibly();
        ue.stream(Long.MAX_VALUE);
        await(agw.events.accessPaused);

        long start = System.nanoTime();
        RelayStats s = await(relay.close());             // the core never drains: the flush cannot finish
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as("closed by the close timer").isGreaterThanOrEqualTo(250);
        assertThat(s.state()).isEqualTo(BearerRelay.State.CLOSED);
        await(ue.closed);
        core.resumeReading();                            // a peer that never reads never sees the close
        await(core.closed);
        agw.assertReleased();
    }

    @Test
    void openTwiceIsRefused() {
        setUp(BearerConfig.DEFAULTS);
        BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE));
        assertThatThrownBy(() -> relay.open().get()).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
        await(relay.close());
    }
    @Test
    void actpassAnsweredPassiveTurnsTheListeningLegIntoTheTlsClient() {
        setUp(BearerConfig.DEFAULTS);
        BearerLeg offered = BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of());
        BearerRelay relay = agw.open(offered, BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE));
        assertThat(relay.localAddress(Side.ACCESS)).isNotNull();
        assertThat(agw.portsInUse()).isEqualTo(2);
        SslContext ueServerCtx = TlsContexts.server(UE, List.of(AGW.fingerprint()), o);
        TestNet.Server ueServer = net.server(ueServerCtx, o, () -> new Probe(true, true, true));

        // the UE answered a=setup:passive: Modify with its address and fingerprint, and Establish
        await(relay.update(Side.ACCESS, BearerLeg.tls(agw.accessRealm, TcpSetup.ACTIVE, AGW,
                List.of(UE.fingerprint())).withRemote(ueServer.address())));
        await(relay.establish(Side.ACCESS));
        Probe ue = await(ueServer.accepted());
        ue.send("via the AGW as TLS client".getBytes());
        Probe core = net.client(null, null, relay.localAddress(Side.CORE), new Probe(true, false, true));
        await(core.awaitBytes(25));
        assertThat(new String(core.data())).isEqualTo("via the AGW as TLS client");
        RelayStats s = await(agw.events.established);
        assertThat(s.access().transport()).isEqualTo(BearerTransport.TLS_CLIENT);
        assertThat(s.access().setup()).isEqualTo(TcpSetup.ACTIVE);
        assertThat(agw.portsInUse()).as("the access port went back to the realm").isEqualTo(1);
        assertThatThrownBy(() -> await(relay.update(Side.CORE, BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE))))
                .as("the core is connected").hasRootCauseInstanceOf(IllegalStateException.class);
        await(relay.close());
        TestNet.release(ueServerCtx);
    }

    @Test
    void activeCannotTurnPassive() {
        setUp(BearerConfig.DEFAULTS);
        BearerRelay relay = agw.open(BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE));
        assertThatThrownBy(() -> await(relay.update(Side.CORE, BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE))))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        await(relay.close());
    }
}
