package org.mediasec.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {

    @Test
    void parsesRfc8122ValueAndWritesUpperCase() {
        CertificateFingerprint fp = CertificateFingerprint.parse(
                "SHA-256 4a:ad:b9:b1:3f:82:18:3b:54:02:12:df:3e:5d:49:6b:19:e5:7c:ab");
        assertThat(fp.hashFunction()).isEqualTo("sha-256");
        assertThat(fp.digest().size()).isEqualTo(20);
        assertThat(fp.toString()).isEqualTo("sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        assertThat(CertificateFingerprint.parse(fp.toString())).isEqualTo(fp);
    }

    @Test
    void computesAndMatchesDigest() {
        byte[] der = "not really a certificate".getBytes(StandardCharsets.US_ASCII);
        CertificateFingerprint fp = CertificateFingerprint.of("sha-256", der);
        assertThat(fp.digest().size()).isEqualTo(32);
        assertThat(fp.matches(der)).isTrue();
        assertThat(fp.matches("other".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(CertificateFingerprint.of("sha-512", der).digest().size()).isEqualTo(64);
    }

    @Test
    void rejectsMalformedValues() {
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 AB:C")).hasMessageContaining("malformed hex");
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 AB-CD")).hasMessageContaining("malformed hex");
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 ZZ:00")).hasMessageContaining("malformed hex");
        assertThatThrownBy(() -> CertificateFingerprint.of("whirlpool", new byte[1])).hasMessageContaining("unsupported");
    }

    @Test
    void unknownHashNeverMatches() {
        CertificateFingerprint fp = CertificateFingerprint.parse("foo-1 AA:BB");
        assertThat(fp.matches(new byte[] {1})).isFalse();
    }
}
