package org.mediasec.agw.bearer;

import java.util.List;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.tls.PinningListener;
import org.mediasec.tls.TlsRole;

/** Remembers the verdict of one leg's fingerprint check, and passes it on to the configured listener. */
final class PinCapture implements PinningListener {
    private final PinningListener next;
    volatile CertificateFingerprint verified;
    volatile List<CertificateFingerprint> expected;
    volatile List<CertificateFingerprint> received;
    volatile String refusal;

    PinCapture(PinningListener next) {
        this.next = next;
    }

    @Override
    public void verified(TlsRole localRole, String peer, CertificateFingerprint matched) {
        verified = matched;
        next.verified(localRole, peer, matched);
    }

    @Override
    public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                        List<CertificateFingerprint> received, String reason) {
        this.expected = List.copyOf(expected);
        this.received = List.copyOf(received);
        this.refusal = reason;
        next.refused(localRole, peer, expected, received, reason);
    }
}
