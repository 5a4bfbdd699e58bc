package org.mediasec.cli.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

import org.mediasec.common.CertificateFingerprint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mediasec tls fingerprint FILE}: the a=fingerprint line of a PEM or DER certificate. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Print the a=fingerprint line (RFC 8122) of a certificate file (PEM or DER).")
public final class TlsFingerprintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Certificate file, PEM or DER; the first certificate is used.")
    Path file;

    @Option(names = "--hash", defaultValue = "sha-256", description = "sha-1, sha-256, sha-384 or sha-512 (default: ${DEFAULT-VALUE}).")
    String hash;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        try {
            byte[] content = Files.readAllBytes(file);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(content));
            w.println("a=fingerprint:" + CertificateFingerprint.of(hash, cert.getEncoded()));
            w.println("subject " + cert.getSubjectX500Principal().getName() + ", expires " + cert.getNotAfter().toInstant());
            w.flush();
            return 0;
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("mediasec tls fingerprint: " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
