package org.mediasec.agw.context;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

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
 * The MSRP ends around the AGW: UE A's endpoint (msrps, its own certificate) on the access side and peer B's
 * (plain msrp, listening at {@link #bAddress} under {@link #bUri}) on the core side.
 */
final class MsrpPeerEndpoints implements AutoCloseable {
    final MsrpEndpoint ueA;
    final MsrpEndpoint b;
    final InetSocketAddress bAddress;
    final MsrpUri bUri;

    MsrpPeerEndpoints(Transports transports, LocalIdentity ueIdentity) throws InterruptedException {
        ueA = MsrpEndpoint.tls(transports, ueIdentity, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
        b = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT);
        try {
            bAddress = b.listen(new InetSocketAddress("127.0.0.1", 0));
            bUri = b.newLocalUri("127.0.0.1");
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens B's passive session (its peer's URI {@code bPeer}), then A's, active over TLS to the AGW's access
     * side {@code agwAccess} pinning {@code agwFingerprint} (A's URI {@code aUri}, its peer's {@code aPeer});
     * does not wait for them to connect.
     */
    MsrpPeerSessions open(MsrpUri aUri, MsrpUri aPeer, InetSocketAddress agwAccess, CertificateFingerprint agwFingerprint,
                          MsrpUri bPeer, long timeoutSeconds) {
        Seen atB = new Seen();
        MsrpSession sb = b.open(spec(bUri, bPeer, false, false, bAddress, List.of()), atB);
        Seen atA = new Seen();
        MsrpSession sa = ueA.open(spec(aUri, aPeer, true, true, agwAccess, List.of(agwFingerprint)), atA);
        return new MsrpPeerSessions(sa, atA, sb, atB, timeoutSeconds);
    }

    private static MsrpSessionSpec spec(MsrpUri local, MsrpUri remote, boolean active, boolean secure,
                                        InetSocketAddress to, List<CertificateFingerprint> pins) {
        return new MsrpSessionSpec(List.of(local), List.of(remote), active, secure, to, pins, false, Optional.empty(),
                Optional.empty(), List.of("*"), Optional.empty(), Optional.empty());
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            ueA.close();
        }
    }
}
