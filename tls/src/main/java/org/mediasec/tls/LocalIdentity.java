package org.mediasec.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;

/**
 * The certificate chain and private key an endpoint presents in TLS, and the fingerprint it puts
 * in its SDP {@code a=fingerprint} (RFC 8122 §5).
 *
 * <p>Either generated ({@link #selfSigned(String)}: ECDSA P-256, SHA256withECDSA, the usual choice
 * for fingerprint-authenticated media, as RFC 8122 §5 lets endpoints use self-signed certificates)
 * or loaded from PEM files ({@link #loadPem(Path, Path)}: certificate chain, end-entity first, and
 * an unencrypted PKCS#8 {@code PRIVATE KEY}; a traditional {@code EC PRIVATE KEY} is accepted too).
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalIdentity {
    /** Validity of a generated certificate when none is given. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    /** Backdating of a generated certificate's notBefore, to tolerate peers with a slow clock. */
    private static final Duration BACKDATE = Duration.ofDays(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private LocalIdentity(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = List.copyOf(chain);
        this.privateKey = Checks.notNull(privateKey, "privateKey");
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty");
        }
    }

    /**
     * An identity from a certificate chain (end-entity first) and its private key.
     *
     * @throws IllegalArgumentException when the key does not belong to the end-entity certificate
     */
    public static LocalIdentity of(PrivateKey privateKey, List<X509Certificate> chain) {
        LocalIdentity id = new LocalIdentity(chain, privateKey);
        id.requireKeyMatchesCertificate();
        return id;
    }

    /** A fresh self-signed ECDSA P-256 certificate valid for {@link #DEFAULT_VALIDITY}. */
    public static LocalIdentity selfSigned(String commonName) {
        return selfSigned(commonName, DEFAULT_VALIDITY);
    }

    /** A fresh self-signed ECDSA P-256 certificate with subject {@code CN=commonName}. */
    public static LocalIdentity selfSigned(String commonName, Duration validity) {
        Checks.notEmpty(commonName, "commonName");
        Checks.notNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity: " + validity + " (expected: positive)");
        }
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair kp = kpg.generateKeyPair();

            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, kp.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new LocalIdentity(List.of(cert), kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed ECDSA P-256 certificate", e);
        }
    }

    /**
     * Loads a PEM certificate file (one or more {@code CERTIFICATE} blocks, end-entity first) and a
     * PEM private key file ({@code PRIVATE KEY}, PKCS#8 unencrypted; or {@code EC PRIVATE KEY}).
     *
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException when the content is not what is expected, or the key does
     *                                  not match the certificate
     */
    public static LocalIdentity loadPem(Path certificateFile, Path privateKeyFile) throws IOException {
        Checks.notNull(certificateFile, "certificateFile");
        Checks.notNull(privateKeyFile, "privateKeyFile");
        return fromPem(Files.readString(certificateFile, StandardCharsets.US_ASCII),
                Files.readString(privateKeyFile, StandardCharsets.US_ASCII), certificateFile + ", " + privateKeyFile);
    }

    /**
     * Loads the identity from the two PEM files when both exist; otherwise generates a self-signed
     * one ({@link #selfSigned(String)}) and writes it there, so that an NF keeps its certificate (and
     * the fingerprint its peers may have cached) across restarts.
     *
     * @throws IllegalStateException when only one of the two files exists
     */
    public static LocalIdentity loadOrGenerate(Path certificateFile, Path privateKeyFile, String commonName)
            throws IOException {
        boolean cert = Files.exists(certificateFile);
        boolean key = Files.exists(privateKeyFile);
        if (cert && key) {
            return loadPem(certificateFile, privateKeyFile);
        }
        if (cert || key) {
            throw new IllegalStateException("only one of " + certificateFile + " and " + privateKeyFile
                    + " exists; remove it or provide both");
        }
        LocalIdentity id = selfSigned(commonName);
        id.writePem(certificateFile, privateKeyFile);
        return id;
    }

    /** Like {@link #loadPem(Path, Path)} over PEM text. */
    public static LocalIdentity fromPem(String certificatePem, String privateKeyPem) {
        return fromPem(certificatePem, privateKeyPem, "PEM text");
    }

    private static LocalIdentity fromPem(String certificatePem, String privateKeyPem, String source) {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(certificatePem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(converter.getCertificate(h));
                } else {
                    throw new IllegalArgumentException(source + ": unexpected " + o.getClass().getSimpleName()
                            + " in the certificate file (expected: CERTIFICATE blocks)");
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": cannot read the certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(source + ": no CERTIFICATE block in the certificate file");
        }
        PrivateKey key = readPrivateKey(new StringReader(privateKeyPem), source);
        LocalIdentity id = new LocalIdentity(chain, key);
        id.requireKeyMatchesCertificate();
        return id;
    }

    private static PrivateKey readPrivateKey(Reader reader, String source) {
        try (PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (!(o instanceof org.bouncycastle.asn1.x9.X9ECParameters)
                        && !(o instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier)) {
                    throw new IllegalArgumentException(source + ": unsupported " + o.getClass().getSimpleName()
                            + " in the key file (expected: an unencrypted PKCS#8 PRIVATE KEY)");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read the private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(source + ": no PRIVATE KEY block in the key file");
    }

    private void requireKeyMatchesCertificate() {
        X509Certificate cert = certificate();
        String alg = switch (privateKey.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return; // nothing we can check cheaply; the TLS handshake will fail if it does not match
        }
        try {
            byte[] probe = new byte[32];
            RANDOM.nextBytes(probe);
            Signature s = Signature.getInstance(alg);
            s.initSign(privateKey);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new IllegalArgumentException("privateKey: does not match the certificate "
                        + cert.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("privateKey: does not match the certificate "
                    + cert.getSubjectX500Principal().getName() + " (" + e.getMessage() + ")", e);
        }
    }

    /** The end-entity certificate: the one whose fingerprint goes in SDP. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The certificate chain, end-entity first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The {@code sha-256} fingerprint of the end-entity certificate. */
    public CertificateFingerprint fingerprint() {
        return fingerprint(CertificateFingerprint.SHA_256);
    }

    /**
     * The fingerprint of the end-entity certificate's DER with the named hash function
     * ({@code sha-256}, {@code sha-384}, {@code sha-512}, {@code sha-1}, ...). Its
     * {@code toString()} is the SDP attribute value.
     */
    public CertificateFingerprint fingerprint(String hashFunction) {
        return CertificateFingerprint.of(hashFunction, der(certificate()));
    }

    /** The chain as PEM {@code CERTIFICATE} blocks, end-entity first. */
    public String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : chain) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The private key as an unencrypted PKCS#8 PEM {@code PRIVATE KEY} block. */
    public String privateKeyPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(privateKey, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes {@link #certificatePem()} and {@link #privateKeyPem()}. The key file is written with
     * owner-only permissions where the file system supports POSIX permissions.
     */
    public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
        Checks.notNull(certificateFile, "certificateFile");
        Checks.notNull(privateKeyFile, "privateKeyFile");
        Files.writeString(certificateFile, certificatePem(), StandardCharsets.US_ASCII);
        Path dir = privateKeyFile.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, privateKeyPem(), StandardCharsets.US_ASCII);
            Files.move(tmp, privateKeyFile, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot DER-encode " + cert.getSubjectX500Principal(), e);
        }
    }

    /** Subject and sha-256 fingerprint; never the key. */
    @Override
    public String toString() {
        return "LocalIdentity[" + certificate().getSubjectX500Principal().getName() + ", " + fingerprint() + "]";
    }
}
