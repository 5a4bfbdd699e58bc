package org.mediasec.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.ExternalTool;

/** The openssl command line as the independent party of the TLS interop tests. */
final class Openssl {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An openssl-made certificate and its key. */
    record Credentials(Path certificate, Path key) {
    }

    private Openssl() {
    }

    static Path require() {
        return ExternalTool.require("openssl");
    }

    /**
     * A self-signed ECDSA P-256 certificate made by openssl itself
     * ({@code openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes}).
     */
    static Credentials newCertificate(Path dir, String commonName) {
        Path cert = dir.resolve(commonName + ".crt.pem");
        Path key = dir.resolve(commonName + ".key.pem");
        ExternalTool.run(TIMEOUT, require().toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=" + commonName, "-keyout", key.toString(), "-out", cert.toString())
                .requireSuccess();
        return new Credentials(cert, key);
    }

    /**
     * What {@code openssl x509 -noout -fingerprint -<hash>} prints for {@code cert}, as an SDP
     * fingerprint ({@code sha-256 AB:CD:...}).
     */
    static CertificateFingerprint fingerprint(Path cert, String sdpHash) {
        String flag = "-" + sdpHash.replace("-", "");              // sha-256 -> -sha256
        String out = ExternalTool.run(TIMEOUT, require().toString(), "x509", "-in", cert.toString(), "-noout",
                "-fingerprint", flag).requireSuccess().stdout().strip();
        // "sha256 Fingerprint=78:D0:..." (OpenSSL 3) or "SHA256 Fingerprint=..." (1.1)
        int eq = out.indexOf('=');
        if (eq < 0 || !out.toLowerCase(Locale.ROOT).contains("fingerprint")) {
            throw new AssertionError("unexpected openssl x509 output: " + out);
        }
        return CertificateFingerprint.parse(sdpHash + " " + out.substring(eq + 1).strip());
    }

    /** {@code -tls1_2} or {@code -tls1_3}. */
    static String versionFlag(TlsVersion v) {
        return v == TlsVersion.TLS_1_2 ? "-tls1_2" : "-tls1_3";
    }
}
