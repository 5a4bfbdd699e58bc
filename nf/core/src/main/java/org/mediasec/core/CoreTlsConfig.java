package org.mediasec.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTlsTrust;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsVersion;

/**
 * The {@code tls} block of {@link CoreConfig}, used when {@code transports} has {@code TLS}:
 * <pre>
 * tls:
 *   port: 5061                 # TLS listening port (its own TCP port; 0 picks a free one)
 *   certificate: core-cert.pem # PEM certificate chain, end-entity first; with privateKey. When neither
 *   privateKey: core-key.pem   #   file exists, a self-signed ECDSA P-256 certificate is generated into both
 *   trustedFingerprints: []    # peers accepted by certificate fingerprint, e.g. "sha-256 AB:CD:..."
 *   trustedCas: null           # or: a PEM file of CA certificates peers must chain to (not both)
 *   clientAuth: none           # none | optional | required: whether connecting peers must show a certificate
 *   versions: [TLSv1.2, TLSv1.3]
 *   handshakeTimeoutMillis: 5000
 * </pre>
 * Trust fails closed: with no fingerprint and no CA file, every peer certificate is refused (so
 * only {@code clientAuth: none} lets UEs in, authenticated by digest, and the core cannot open TLS
 * toward anyone). Relative paths are resolved against the working directory.
 *
 * @param port                   TLS port
 * @param certificate            PEM certificate chain file
 * @param privateKey             PEM private key file (unencrypted PKCS#8 or EC)
 * @param trustedFingerprints    accepted peer certificate fingerprints ({@code <hash> <hex>})
 * @param trustedCas             PEM file of accepted CAs, or {@code null}
 * @param clientAuth             {@code none}, {@code optional} or {@code required}
 * @param versions               TLS versions ({@code TLSv1.2}, {@code TLSv1.3})
 * @param handshakeTimeoutMillis bound on connect plus handshake
 */
public record CoreTlsConfig(int port, String certificate, String privateKey, List<String> trustedFingerprints,
                            String trustedCas, String clientAuth, List<String> versions, int handshakeTimeoutMillis) {

    public CoreTlsConfig {
        Checks.inRange(port, 0, 65535, "tls.port");
        Checks.notEmpty(certificate, "tls.certificate");
        Checks.notEmpty(privateKey, "tls.privateKey");
        trustedFingerprints = List.copyOf(Objects.requireNonNull(trustedFingerprints, "tls.trustedFingerprints"));
        for (String f : trustedFingerprints) {
            try {
                CertificateFingerprint.parse(f);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tls.trustedFingerprints: \"" + f + "\": " + e.getMessage(), e);
            }
        }
        if (trustedCas != null && !trustedFingerprints.isEmpty()) {
            throw new IllegalArgumentException("tls: trustedFingerprints and trustedCas are exclusive (give one)");
        }
        clientAuthOf(clientAuth);
        versions = List.copyOf(Objects.requireNonNull(versions, "tls.versions"));
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("tls.versions: empty (expected: TLSv1.2 and/or TLSv1.3)");
        }
        versions.forEach(TlsVersion::ofProtocolName);
        Checks.inRange(handshakeTimeoutMillis, 1, 600_000, "tls.handshakeTimeoutMillis");
    }

    /** Port 5061, core-cert.pem and core-key.pem, no trusted peer, no client certificate asked, TLS 1.2 and 1.3, 5 s. */
    public static CoreTlsConfig defaults() {
        return new CoreTlsConfig(SipTlsConfig.DEFAULT_PORT, "core-cert.pem", "core-key.pem", List.of(), null, "none",
                List.of(TlsVersion.TLS_1_2.protocolName(), TlsVersion.TLS_1_3.protocolName()),
                (int) SipTlsConfig.DEFAULT_HANDSHAKE_TIMEOUT.toMillis());
    }

    public CoreTlsConfig withPort(int newPort) {
        return new CoreTlsConfig(newPort, certificate, privateKey, trustedFingerprints, trustedCas, clientAuth, versions,
                handshakeTimeoutMillis);
    }

    public CoreTlsConfig withFiles(String newCertificate, String newPrivateKey) {
        return new CoreTlsConfig(port, newCertificate, newPrivateKey, trustedFingerprints, trustedCas, clientAuth, versions,
                handshakeTimeoutMillis);
    }

    public CoreTlsConfig withTrustedFingerprints(List<String> fingerprints) {
        return new CoreTlsConfig(port, certificate, privateKey, fingerprints, trustedCas, clientAuth, versions,
                handshakeTimeoutMillis);
    }

    public CoreTlsConfig withClientAuth(String newClientAuth) {
        return new CoreTlsConfig(port, certificate, privateKey, trustedFingerprints, trustedCas, newClientAuth, versions,
                handshakeTimeoutMillis);
    }

    /**
     * The SIP layer's TLS configuration: loads the identity (or generates and writes it, see
     * {@link LocalIdentity#loadOrGenerate}) and the CA file.
     *
     * @param commonName the subject of a generated certificate
     */
    public SipTlsConfig toSipTlsConfig(String commonName) throws IOException {
        LocalIdentity identity = LocalIdentity.loadOrGenerate(Path.of(certificate), Path.of(privateKey), commonName);
        SipTlsTrust trust = trustedCas != null
                ? SipTlsTrust.authoritiesPem(Path.of(trustedCas))
                : SipTlsTrust.pinned(trustedFingerprints.stream().map(CertificateFingerprint::parse).toList());
        Set<TlsVersion> v = EnumSet.noneOf(TlsVersion.class);
        versions.forEach(s -> v.add(TlsVersion.ofProtocolName(s)));
        return new SipTlsConfig(identity, trust, port, clientAuthOf(clientAuth), v, Duration.ofMillis(handshakeTimeoutMillis));
    }

    private static SipTlsConfig.ClientAuth clientAuthOf(String value) {
        Checks.notEmpty(value, "tls.clientAuth");
        try {
            return SipTlsConfig.ClientAuth.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.clientAuth: \"" + value + "\" (expected: none, optional or required)", e);
        }
    }
}
