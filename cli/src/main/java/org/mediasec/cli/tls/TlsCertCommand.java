package org.mediasec.cli.tls;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.mediasec.tls.LocalIdentity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mediasec tls cert}: a self-signed ECDSA P-256 certificate and key, and its SDP fingerprint. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Generate a self-signed ECDSA P-256 certificate and PKCS#8 key (PEM) and print its a=fingerprint line.")
public final class TlsCertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cn", defaultValue = "mediasec", description = "Subject common name (default: ${DEFAULT-VALUE}).")
    String commonName;

    @Option(names = "--days", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--out", defaultValue = "mediasec", description = "Writes <out>.crt.pem and <out>.key.pem (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--hash", defaultValue = "sha-256", description = "Fingerprint hash: sha-1, sha-256, sha-384, sha-512 (default: ${DEFAULT-VALUE}).")
    String hash;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Path cert = Path.of(out + ".crt.pem");
        Path key = Path.of(out + ".key.pem");
        if (Files.exists(cert) || Files.exists(key)) {
            spec.commandLine().getErr().println("mediasec tls cert: " + cert + " or " + key + " exists; not overwriting");
            return 1;
        }
        LocalIdentity id = LocalIdentity.selfSigned(commonName, Duration.ofDays(days));
        id.writePem(cert, key);
        w.println("certificate " + cert);
        w.println("private key " + key + " (unencrypted PKCS#8; keep it private)");
        w.println("a=fingerprint:" + id.fingerprint(hash));
        w.flush();
        return 0;
    }
}
