package org.mediasec.sip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.mediasec.tls.PinningListener;

/**
 * Which peer certificates a SIP TLS hop accepts. There is no trust-all: either the peer's
 * end-entity certificate matches a pinned fingerprint, or its chain leads to one of the given
 * certificate authorities. Both fail closed (an empty set refuses every peer) and log one WARN line
 * naming the fingerprint received.
 */
public sealed interface SipTlsTrust {

    /**
     * Accepts a peer whose end-entity certificate has one of these fingerprints (computed with the
     * pin's hash function; see {@link org.mediasec.tls.FingerprintTrustManager}). Chains, names and
     * validity dates are not checked: the pin is the trust anchor, so peers may use self-signed
     * certificates.
     *
     * @param fingerprints the accepted fingerprints; empty refuses everyone
     * @param listener     told of every verdict ({@link PinningListener#NONE} for none)
     */
    record Pinned(Set<CertificateFingerprint> fingerprints, PinningListener listener) implements SipTlsTrust {
        public Pinned {
            fingerprints = Set.copyOf(Checks.notNull(fingerprints, "fingerprints"));
            Checks.notNull(listener, "listener");
        }

        @Override
        public String toString() {
            return "pinned" + fingerprints;
        }
    }

    /**
     * Accepts a peer whose certificate chain validates (PKIX, with dates) up to one of these
     * certificate authorities. The peer's host name is not checked against its certificate (the
     * stack connects to addresses, not domains; RFC 5922 domain matching is not done), so use CAs
     * that certify only the lab's or operator's SIP nodes.
     *
     * @param authorities the trusted CA certificates; empty refuses everyone
     */
    record Authorities(List<X509Certificate> authorities) implements SipTlsTrust {
        public Authorities {
            authorities = List.copyOf(Checks.notNull(authorities, "authorities"));
        }

        @Override
        public String toString() {
            return "authorities" + authorities.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
        }
    }

    /** Pins these fingerprints, with no listener. */
    static SipTlsTrust pinned(Collection<CertificateFingerprint> fingerprints) {
        return new Pinned(new LinkedHashSet<>(fingerprints), PinningListener.NONE);
    }

    /** Pins these fingerprints, with no listener. */
    static SipTlsTrust pinned(CertificateFingerprint... fingerprints) {
        return pinned(List.of(fingerprints));
    }

    /** Trusts these certificate authorities. */
    static SipTlsTrust authorities(Collection<X509Certificate> authorities) {
        return new Authorities(new ArrayList<>(authorities));
    }

    /**
     * Trusts the certificate authorities of a PEM file (one or more {@code CERTIFICATE} blocks).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no certificate or a malformed one
     */
    static SipTlsTrust authoritiesPem(Path pemFile) throws IOException {
        Checks.notNull(pemFile, "pemFile");
        byte[] pem = Files.readString(pemFile, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII);
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(pemFile + ": no CERTIFICATE block");
            }
            return new Authorities(out);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(pemFile + ": cannot read the certificates: " + e.getMessage(), e);
        }
    }
}
