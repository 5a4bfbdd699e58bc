package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.util.List;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;

/**
 * A core peer that stops reading while the UE pushes 50 MB: the AGW stops reading from the UE, its
 * pending outbound bytes stay near the high water mark, and when the core reads again every byte
 * arrives, in order. Pass-through both ways: the {@code ByteBuf} path (splice off) and, on epoll,
 * the spliced one, where the pipe is the bound (nothing is queued in user space, no pause event).
 */
class BackpressureRelayTest extends RelayTestBase {
    private static final long TOTAL = 50L * 1024 * 1024;
    private static final int HIGH = BearerConfig.DEFAULTS.highWaterMark();
    /** High water mark plus one socket read and a TLS-decoding margin. */
    private static final long BOUND = HIGH + BearerConfig.DEFAULTS.maxReadSize() + 64 * 1024;

    enum Mode { E2AE_TLS, PASS_THROUGH, PASS_THROUGH_SPLICED }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCoreThatStopsReadingPausesTheUeWithBoundedMemory(Mode mode) {
        boolean spliced = mode == Mode.PASS_THROUGH_SPLICED;
        setUp(BearerConfig.DEFAULTS.withSplice(spliced));   // the default is off: both paths explicit
        TestNet.Server coreServer = net.server(null, null, () -> new Probe(false, false, false));
        boolean tls = mode == Mode.E2AE_TLS;
        BearerLeg access = tls
                ? BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of(UE.fingerprint()))
                : BearerLeg.passThrough(agw.accessRealm, TcpSetup.PASSIVE);
        BearerLeg core = (tls ? BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE)
                : BearerLeg.passThrough(agw.coreRealm, TcpSetup.ACTIVE)).withRemote(coreServer.address());
        BearerRelay relay = agw.open(access, core);
        SslContext ueCtx = tls ? TlsContexts.client(UE, List.of(AGW.fingerprint()), TlsOptions.DEFAULTS) : null;
        Probe ue = net.client(ueCtx, TlsOptions.DEFAULTS, relay.localAddress(Side.ACCESS), new Probe(false, tls, true));
        if (ueCtx != null) {
            TestNet.release(ueCtx);
        }
        ue.stream(TOTAL);

        Probe corePeer = await(coreServer.accepted());
        if (!spliced) {
            await(agw.events.accessPaused);             // the AGW stopped reading the UE
        }
        long sentWhenStalled = await(ue.awaitUnwritable());
        RelayStats stalled = relay.stats();
        assertThat(corePeer.received()).as("the core read nothing").isZero();
        assertThat(sentWhenStalled).as("the UE could not push everything").isLessThan(TOTAL);
        if (spliced) {
            assertThat(relay.leg(Side.ACCESS).splicing).as("spliced on epoll")
                    .isEqualTo(transports.kind() == org.mediasec.transport.Transports.Kind.EPOLL);
        } else {
            assertThat(stalled.access().readPauses()).isPositive();
        }
        assertThat(stalled.core().peakPendingOutbound()).as("AGW pending toward the core while stalled")
                .isLessThanOrEqualTo(BOUND);
        assertThat(stalled.access().bytesIn() - stalled.core().bytesOut()).as("nothing held inside the relay")
                .isZero();

        corePeer.resumeReading();
        await(corePeer.awaitBytes(TOTAL));
        assertThat(corePeer.received()).isEqualTo(TOTAL);
        assertThat(corePeer.firstMismatch()).as("first byte out of order").isEqualTo(-1);

        RelayStats s = await(relay.close());
        assertThat(s.access().bytesIn()).isEqualTo(s.core().bytesOut());
        if (tls) {
            assertThat(s.access().bytesIn()).isEqualTo(TOTAL);
        }
        assertThat(s.core().peakPendingOutbound()).as("AGW pending toward the core, whole run")
                .isLessThanOrEqualTo(BOUND);
        System.out.printf("%s: stalled after %d of %d bytes; %d read pauses; peak pending %d (high water mark %d)%n",
                mode, sentWhenStalled, TOTAL, s.access().readPauses(), s.core().peakPendingOutbound(), HIGH);
        agw.assertReleased();
    }
}
