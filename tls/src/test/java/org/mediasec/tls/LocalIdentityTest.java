package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.CertificateFingerprint;

class LocalIdentityTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedIsEcdsaP256WithTheCommonName() throws Exception {
        LocalIdentity id = LocalIdentity.selfSigned("ue-a.example");
        assertThat(id.chain()).hasSize(1);
        assertThat(id.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=ue-a.example");
        assertThat(id.certificate().getIssuerX500Principal()).isEqualTo(id.certificate().getSubjectX500Principal());
        assertThat(id.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) id.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(id.privateKey().getAlgorithm()).isEqualTo("EC");
        id.certificate().verify(id.certificate().getPublicKey());   // really self-signed
        id.certificate().checkValidity();
        assertThat(id.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
    }

    @Test
    void twoGeneratedIdentitiesDiffer() {
        assertThat(LocalIdentity.selfSigned("a").fingerprint()).isNotEqualTo(LocalIdentity.selfSigned("a").fingerprint());
    }

    @Test
    void fingerprintIsTheDigestOfTheCertificateDerForEveryHash() throws Exception {
        LocalIdentity id = LocalIdentity.selfSigned("fp.test");
        byte[] der = id.certificate().getEncoded();
        for (String[] h : new String[][] {{"sha-256", "SHA-256", "32"}, {"sha-384", "SHA-384", "48"},
                {"sha-512", "SHA-512", "64"}, {"sha-1", "SHA-1", "20"}}) {
            CertificateFingerprint fp = id.fingerprint(h[0]);
            assertThat(fp.hashFunction()).isEqualTo(h[0]);
            assertThat(fp.digest().toByteArray()).isEqualTo(MessageDigest.getInstance(h[1]).digest(der));
            assertThat(fp.digest().size()).isEqualTo(Integer.parseInt(h[2]));
            assertThat(fp.toString()).matches(h[0] + " ([0-9A-F]{2}:)+[0-9A-F]{2}");
            assertThat(CertificateFingerprint.parse(fp.toString())).isEqualTo(fp);
        }
        assertThat(id.fingerprint()).isEqualTo(id.fingerprint("SHA-256"));
        assertThatThrownBy(() -> id.fingerprint("md2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pemRoundTripKeepsCertificateKeyAndFingerprint() throws Exception {
        LocalIdentity id = LocalIdentity.selfSigned("pem.test", Duration.ofDays(30));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        id.writePem(cert, key);

        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");  // PKCS#8
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.list(dir)).hasSize(2);

        LocalIdentity back = LocalIdentity.loadPem(cert, key);
        assertThat(back.certificate()).isEqualTo(id.certificate());
        assertThat(back.privateKey().getEncoded()).isEqualTo(id.privateKey().getEncoded());
        assertThat(back.fingerprint()).isEqualTo(id.fingerprint());
        assertThat(back.certificatePem()).isEqualTo(id.certificatePem());
        assertThat(back.privateKeyPem()).isEqualTo(id.privateKeyPem());
    }

    @Test
    void loadsTraditionalEcPrivateKeyToo() throws Exception {
        LocalIdentity id = LocalIdentity.selfSigned("sec1.test");
        // "EC PRIVATE KEY" (SEC 1), as older openssl versions write it
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(id.privateKey().getEncoded());
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((java.security.interfaces.ECPrivateKey) id.privateKey()).getS(),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
        String pem = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n";
        LocalIdentity back = LocalIdentity.fromPem(id.certificatePem(), pem);
        assertThat(back.fingerprint()).isEqualTo(id.fingerprint());
        assertThat(KeyFactory.getInstance("EC").getAlgorithm()).isEqualTo(back.privateKey().getAlgorithm());
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        LocalIdentity a = LocalIdentity.selfSigned("a");
        LocalIdentity b = LocalIdentity.selfSigned("b");
        assertThatThrownBy(() -> LocalIdentity.fromPem(a.certificatePem(), b.privateKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match the certificate CN=a");
    }

    @Test
    void refusesFilesWithoutTheExpectedBlocks() throws Exception {
        LocalIdentity a = LocalIdentity.selfSigned("a");
        assertThatThrownBy(() -> LocalIdentity.fromPem("", a.privateKeyPem()))
                .hasMessageContaining("no CERTIFICATE block");
        assertThatThrownBy(() -> LocalIdentity.fromPem(a.certificatePem(), ""))
                .hasMessageContaining("no PRIVATE KEY block");
        assertThatThrownBy(() -> LocalIdentity.fromPem(a.privateKeyPem(), a.privateKeyPem()))
                .hasMessageContaining("in the certificate file");
        String twoCerts = a.certificatePem() + LocalIdentity.selfSigned("ca").certificatePem();
        LocalIdentity chained = LocalIdentity.fromPem(twoCerts, a.privateKeyPem());
        assertThat(chained.chain()).hasSize(2);
        assertThat(chained.fingerprint()).as("end-entity first").isEqualTo(a.fingerprint());
    }

    @Test
    void loadOrGenerateKeepsTheIdentityAcrossRestarts() throws Exception {
        Path cert = dir.resolve("nf.crt.pem");
        Path key = dir.resolve("nf.key.pem");
        LocalIdentity first = LocalIdentity.loadOrGenerate(cert, key, "agw.test");
        assertThat(cert).exists();
        assertThat(key).exists();
        LocalIdentity second = LocalIdentity.loadOrGenerate(cert, key, "ignored");
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        Files.delete(key);
        assertThatThrownBy(() -> LocalIdentity.loadOrGenerate(cert, key, "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only one of");
    }

    @Test
    void toStringNeverShowsTheKey() {
        LocalIdentity a = LocalIdentity.selfSigned("a");
        assertThat(a.toString()).contains("CN=a").contains("sha-256 ").doesNotContain("PRIVATE");
    }
}
