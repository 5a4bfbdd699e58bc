package org.mediasec.sip;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mediasec.tls.LocalIdentity;

/** A throw-away certificate authority (ECDSA P-256) for the CA-trust tests. */
final class TestAuthority {
    private static final AtomicLong SERIAL = new AtomicLong(1);

    private final KeyPair keys;
    private final X509Certificate certificate;

    TestAuthority(String name) {
        this.keys = ecKeys();
        this.certificate = sign(new X500Name("CN=" + name), keys, true);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** An identity for {@code name} issued by this authority, its chain ending with the CA. */
    LocalIdentity issue(String name) {
        KeyPair leaf = ecKeys();
        return LocalIdentity.of(leaf.getPrivate(), List.of(sign(new X500Name("CN=" + name), leaf, false), certificate));
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, boolean ca) {
        try {
            Instant now = Instant.now();
            X500Name issuer = ca ? subject : new X500Name(certificate.getSubjectX500Principal().getName());
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.getAndIncrement()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
