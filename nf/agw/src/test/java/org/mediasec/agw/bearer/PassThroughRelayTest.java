package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.util.List;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningCounters;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;

/**
 * e2e: two TLS endpoints that pin only each other talk through the AGW, which holds no key for them
 * and relays the TLS bytes untouched.
 */
class PassThroughRelayTest extends RelayTestBase {
    private static final LocalIdentity UE_B = LocalIdentity.selfSigned("ue-b.test");

    @Test
    void tlsBetweenTheUesCrossesTheAgwUndecrypted() {
        setUp(BearerConfig.DEFAULTS);
        PinningCounters aPins = new PinningCounters();
        PinningCounters bPins = new PinningCounters();
        TlsOptions oa = TlsOptions.DEFAULTS.withListener(aPins);
        TlsOptions ob = TlsOptions.DEFAULTS.withListener(bPins);
        SslContext bCtx = TlsContexts.server(UE_B, List.of(UE.fingerprint()), ob);
        TestNet.Server ueB = net.server(bCtx, ob, () -> new Probe(true, true, true));
        BearerRelay relay = agw.open(BearerLeg.passThrough(agw.accessRealm, TcpSetup.PASSIVE),
                BearerLeg.passThrough(agw.coreRealm, TcpSetup.ACTIVE).withRemote(ueB.address()));
        SslContext aCtx = TlsContexts.client(UE, List.of(UE_B.fingerprint()), oa);
        Probe ueA = net.client(aCtx, oa, relay.localAddress(Side.ACCESS), new Probe(true, true, true));
        TestNet.release(aCtx);

        byte[] up = random(120_000, 7);
        byte[] down = random(80_000, 8);
        ueA.send(up);
        Probe b = await(ueB.accepted());
        b.send(down);
        await(b.awaitBytes(up.length));
        await(ueA.awaitBytes(down.length));
        assertThat(b.data()).isEqualTo(up);
        assertThat(ueA.data()).isEqualTo(down);
        assertThat(aPins.verified()).as("UE-A verified UE-B, not the AGW").isEqualTo(1);
        assertThat(bPins.verified()).as("UE-B verified UE-A, not the AGW").isEqualTo(1);

        RelayStats s = await(relay.close());
        for (LegStats leg : List.of(s.access(), s.core())) {
            assertThat(leg.transport()).isEqualTo(BearerTransport.PASS_THROUGH);
            assertThat(leg.decrypted()).isFalse();
            assertThat(leg.tls()).isNull();
            assertThat(leg.bytesIn()).as("relayed = on the wire").isEqualTo(leg.wireBytesIn());
            assertThat(leg.bytesOut()).isEqualTo(leg.wireBytesOut());
        }
        // what crossed is the TLS stream (handshake and records), more than the plaintext
        assertThat(s.access().bytesIn()).isGreaterThan(up.length).isEqualTo(s.core().bytesOut());
        assertThat(s.core().bytesIn()).isGreaterThan(down.length).isEqualTo(s.access().bytesOut());
        await(ueA.closed);
        await(b.closed);
        agw.assertReleased();
        TestNet.release(bCtx);
    }
}
