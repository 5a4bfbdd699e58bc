package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.ExternalTool;

/** Our certificates and fingerprints against openssl's view of them, and openssl's files loaded by us. */
@Tag("interop")
class CertificateInteropTest {
    private static final List<String> HASHES = List.of(CertificateFingerprint.SHA_256, CertificateFingerprint.SHA_384,
            CertificateFingerprint.SHA_512, CertificateFingerprint.SHA_1);

    @TempDir
    Path dir;

    @Test
    void ourFingerprintEqualsWhatOpensslPrints() throws Exception {
        Openssl.require();
        LocalIdentity id = LocalIdentity.selfSigned("mediasec.test");
        Path cert = dir.resolve("cert.pem");
        id.writePem(cert, dir.resolve("key.pem"));
        for (String hash : HASHES) {
            assertThat(id.fingerprint(hash)).as(hash).isEqualTo(Openssl.fingerprint(cert, hash));
        }
        // the SDP attribute value, as tooling.md §5 derives it with sed
        assertThat("a=fingerprint:" + id.fingerprint())
                .isEqualTo("a=fingerprint:sha-256 " + Openssl.fingerprint(cert, "sha-256").hex());
    }

    @Test
    void opensslParsesOurCertificateAndKey() throws Exception {
        Path openssl = Openssl.require();
        LocalIdentity id = LocalIdentity.selfSigned("mediasec.test");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        id.writePem(cert, key);

        String text = ExternalTool.run(Openssl.TIMEOUT, openssl.toString(), "x509", "-in", cert.toString(),
                "-noout", "-text").requireSuccess().stdout();
        assertThat(text).contains("Subject: CN = mediasec.test").contains("Issuer: CN = mediasec.test")
                .contains("ecdsa-with-SHA256").contains("NIST CURVE: P-256").contains("Digital Signature");
        // the key is the certificate's: same public key
        String fromKey = ExternalTool.run(Openssl.TIMEOUT, openssl.toString(), "pkey", "-in", key.toString(),
                "-pubout").requireSuccess().stdout();
        String fromCert = ExternalTool.run(Openssl.TIMEOUT, openssl.toString(), "x509", "-in", cert.toString(),
                "-noout", "-pubkey").requireSuccess().stdout();
        assertThat(fromKey).isEqualTo(fromCert);
        // a self-signed certificate verifies against itself
        ExternalTool.run(Openssl.TIMEOUT, openssl.toString(), "verify", "-CAfile", cert.toString(), cert.toString())
                .requireSuccess();
    }

    @Test
    void loadsAnOpensslCertificateAndKey() throws Exception {
        Openssl.Credentials o = Openssl.newCertificate(dir, "openssl.test");
        assertThat(Files.readString(o.key())).startsWith("-----BEGIN PRIVATE KEY-----");
        LocalIdentity id = LocalIdentity.loadPem(o.certificate(), o.key());
        assertThat(id.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=openssl.test");
        for (String hash : HASHES) {
            assertThat(id.fingerprint(hash)).as(hash).isEqualTo(Openssl.fingerprint(o.certificate(), hash));
        }
    }

    @Test
    void loadsAnOpensslTraditionalEcKey() throws Exception {
        Path openssl = Openssl.require();
        Openssl.Credentials o = Openssl.newCertificate(dir, "sec1.test");
        Path sec1 = dir.resolve("sec1.key.pem");
        ExternalTool.run(Openssl.TIMEOUT, openssl.toString(), "ec", "-in", o.key().toString(),
                "-out", sec1.toString()).requireSuccess();
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        LocalIdentity id = LocalIdentity.loadPem(o.certificate(), sec1);
        assertThat(id.fingerprint()).isEqualTo(Openssl.fingerprint(o.certificate(), "sha-256"));
        // and written back as PKCS#8 that openssl reads
        Path back = dir.resolve("back.key.pem");
        id.writePem(dir.resolve("back.crt.pem"), back);
        assertThat(ExternalTool.run(Openssl.TIMEOUT, openssl.toString(), "pkey", "-in", back.toString(), "-noout")
                .exitCode()).isZero();
    }
}
