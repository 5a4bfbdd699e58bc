package org.mediasec.tls;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.mediasec.common.CertificateFingerprint;

/** A {@link PinningListener} that counts verdicts; thread-safe. */
public final class PinningCounters implements PinningListener {
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    @Override
    public void verified(TlsRole localRole, String peer, CertificateFingerprint matched) {
        verified.incrementAndGet();
    }

    @Override
    public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                        List<CertificateFingerprint> received, String reason) {
        refused.incrementAndGet();
    }

    /** Peer certificates accepted so far. */
    public long verified() {
        return verified.get();
    }

    /** Peer certificates refused so far. */
    public long refused() {
        return refused.get();
    }

    @Override
    public String toString() {
        return "PinningCounters[verified=" + verified() + ", refused=" + refused() + "]";
    }
}
