package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;

class FingerprintTrustManagerTest {
    private static LocalIdentity peer;
    private static LocalIdentity other;
    private static X509Certificate[] chain;

    @BeforeAll
    static void identities() {
        peer = LocalIdentity.selfSigned("peer");
        other = LocalIdentity.selfSigned("other");
        chain = new X509Certificate[] {peer.certificate()};
    }

    @Test
    void acceptsTheMatchingFingerprintInEveryHash() throws Exception {
        for (String h : List.of("sha-256", "sha-384", "sha-512", "sha-1")) {
            FingerprintTrustManager tm = FingerprintTrustManager.of(peer.fingerprint(h));
            tm.checkServerTrusted(chain, "ECDHE_ECDSA");
            tm.checkClientTrusted(chain, "ECDSA");
            assertThat(tm.check(chain, TlsRole.CLIENT, "x")).isEqualTo(peer.fingerprint(h));
        }
    }

    @Test
    void acceptsWhenAnyOfSeveralPinsMatches() throws Exception {
        // RFC 8122 §5: several a=fingerprint lines, possibly with different hash functions
        FingerprintTrustManager tm = FingerprintTrustManager.of(other.fingerprint(), other.fingerprint("sha-1"),
                peer.fingerprint("sha-512"));
        assertThat(tm.check(chain, TlsRole.SERVER, null)).isEqualTo(peer.fingerprint("sha-512"));
    }

    @Test
    void refusesAMismatchNamingExpectedAndReceived() {
        FingerprintTrustManager tm = FingerprintTrustManager.of(other.fingerprint());
        assertThatThrownBy(() -> tm.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("TLS server ? certificate fingerprint mismatch: expected " + other.fingerprint()
                        + ", received " + peer.fingerprint() + " for CN=peer");
    }

    @Test
    void receivedFingerprintsUseThePinsHashFunctions() {
        FingerprintTrustManager tm = FingerprintTrustManager.of(other.fingerprint("sha-1"), other.fingerprint("sha-384"));
        assertThatThrownBy(() -> tm.check(chain, TlsRole.SERVER, "10.0.0.1:5000"))
                .hasMessageContaining("TLS client 10.0.0.1:5000")
                .hasMessageContaining("expected " + other.fingerprint("sha-1") + " or " + other.fingerprint("sha-384"))
                .hasMessageContaining("received " + peer.fingerprint("sha-1") + " or " + peer.fingerprint("sha-384"));
    }

    @Test
    void emptyPinSetRefusesEverything() {
        FingerprintTrustManager tm = FingerprintTrustManager.of();
        assertThatThrownBy(() -> tm.checkClientTrusted(chain, "ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("no fingerprint is pinned (fail closed)")
                .hasMessageContaining("received " + peer.fingerprint());
    }

    @Test
    void unsupportedHashFunctionsNeverMatch() {
        CertificateFingerprint md2 = new CertificateFingerprint("md2", peer.fingerprint().digest());
        CertificateFingerprint token = new CertificateFingerprint("x-new-hash", Bytes.of((byte) 1));
        FingerprintTrustManager tm = FingerprintTrustManager.of(md2, token);
        assertThatThrownBy(() -> tm.check(chain, TlsRole.CLIENT, null))
                .hasMessageContaining("no supported hash function among the expected fingerprints md2 ");
    }

    @Test
    void refusesAPeerWithoutCertificate() {
        FingerprintTrustManager tm = FingerprintTrustManager.of(peer.fingerprint());
        assertThatThrownBy(() -> tm.checkClientTrusted(new X509Certificate[0], "ECDSA"))
                .hasMessageContaining("presented no certificate");
        assertThatThrownBy(() -> tm.checkClientTrusted(null, "ECDSA"))
                .hasMessageContaining("presented no certificate");
    }

    @Test
    void onlyTheEndEntityCertificateCounts() {
        // a pinned certificate further up the chain does not authenticate the end entity
        FingerprintTrustManager tm = FingerprintTrustManager.of(peer.fingerprint());
        X509Certificate[] wrongLeaf = {other.certificate(), peer.certificate()};
        assertThatThrownBy(() -> tm.check(wrongLeaf, TlsRole.CLIENT, null)).isInstanceOf(CertificateException.class);
    }

    @Test
    void listenerHearsVerdictsAndCannotChangeThem() throws Exception {
        List<String> events = new ArrayList<>();
        PinningListener l = new PinningListener() {
            @Override
            public void verified(TlsRole role, String who, CertificateFingerprint matched) {
                events.add("verified " + role + " " + who + " " + matched.hashFunction());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void refused(TlsRole role, String who, List<CertificateFingerprint> expected,
                                List<CertificateFingerprint> received, String reason) {
                events.add("refused " + role + " " + who + " " + expected.size() + " " + received);
                throw new IllegalStateException("listener bug");
            }
        };
        FingerprintTrustManager ok = new FingerprintTrustManager(List.of(peer.fingerprint()), l);
        ok.check(chain, TlsRole.SERVER, "1.2.3.4:5");
        FingerprintTrustManager bad = ok.withListener(l).withListener(l);
        FingerprintTrustManager refusing = new FingerprintTrustManager(List.of(other.fingerprint()), l);
        assertThatThrownBy(() -> refusing.check(chain, TlsRole.CLIENT, null)).isInstanceOf(CertificateException.class);
        assertThat(bad.pins()).isEqualTo(ok.pins());
        assertThat(events).containsExactly("verified server 1.2.3.4:5 sha-256",
                "refused client ? 1 [" + peer.fingerprint() + "]");
    }

    @Test
    void duplicatePinsAreDroppedAndNoIssuersAreAdvertised() {
        FingerprintTrustManager tm = FingerprintTrustManager.of(peer.fingerprint(), peer.fingerprint());
        assertThat(tm.pins()).containsExactly(peer.fingerprint());
        assertThat(tm.getAcceptedIssuers()).isEmpty();
    }
}
