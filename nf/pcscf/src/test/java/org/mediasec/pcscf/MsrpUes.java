package org.mediasec.pcscf;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * The MSRP ends of one call on loopback: alice's endpoint (msrps, her own certificate) and bob's (plain msrp,
 * listening at {@link #bobAddress} under {@link #bobUri}).
 */
final class MsrpUes implements AutoCloseable {
    final MsrpEndpoint alice;
    final MsrpEndpoint bob;
    final InetSocketAddress bobAddress;
    final MsrpUri bobUri;

    MsrpUes(Transports transports, LocalIdentity aliceIdentity) throws InterruptedException {
        alice = MsrpEndpoint.tls(transports, aliceIdentity, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        bob = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        try {
            bobAddress = bob.listen(new InetSocketAddress("127.0.0.1", 0));
            bobUri = bob.newLocalUri("127.0.0.1");
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens bob's passive session (his peer's URI {@code bobsPeer}), then alice's, active over TLS to the AGW's
     * port {@code agwPort} pinning {@code agwFingerprint} (her URI {@code aliceUri}, her peer's {@code alicesPeer}),
     * and waits until both are connected.
     */
    MsrpCallSessions connect(MsrpUri aliceUri, MsrpUri alicesPeer, int agwPort, CertificateFingerprint agwFingerprint,
                             MsrpUri bobsPeer, long timeoutSeconds) throws Exception {
        Seen atBob = new Seen();
        MsrpSession sb = bob.open(spec(bobUri, bobsPeer, false, false, bobAddress, List.of()), atBob);
        Seen atAlice = new Seen();
        MsrpSession sa = alice.open(spec(aliceUri, alicesPeer, true, true, new InetSocketAddress("127.0.0.1", agwPort),
                List.of(agwFingerprint)), atAlice);
        sa.connected().get(timeoutSeconds, TimeUnit.SECONDS);
        sb.connected().get(timeoutSeconds, TimeUnit.SECONDS);
        return new MsrpCallSessions(sa, atAlice, sb, atBob, timeoutSeconds);
    }

    private static MsrpSessionSpec spec(MsrpUri local, MsrpUri remote, boolean active, boolean secure,
                                        InetSocketAddress to, List<CertificateFingerprint> pins) {
        return new MsrpSessionSpec(List.of(local), List.of(remote), active, secure, to, pins, false, Optional.empty(),
                Optional.empty(), List.of("*"), Optional.empty(), Optional.empty());
    }

    @Override
    public void close() {
        LoopbackNetwork.closeAll(alice, bob);
    }
}
