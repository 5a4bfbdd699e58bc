package org.mediasec.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.ue.UeConfig;

/**
 * SIP over TLS on the lab's Gm hops (UE-A ↔ P-CSCF A, UE-B ↔ P-CSCF B), which the IMS model assumes protected.
 * Each run makes a self-signed certificate for both P-CSCFs and both UEs (PEM files in the work directory) and
 * pins them crosswise: a UE accepts only its P-CSCF's certificate, a P-CSCF only its UE's. The UE's certificate
 * is also the one its MSRP over TLS presents. The hops toward the core stay SIP over UDP.
 */
final class LabSipTls {
    private final Path dir;
    private final CertificateFingerprint[] pcscf = new CertificateFingerprint[2];
    private final CertificateFingerprint[] ue = new CertificateFingerprint[2];

    private LabSipTls(Path dir) {
        this.dir = dir;
    }

    /** Makes the four certificates in {@code dir}. */
    static LabSipTls create(Path dir) throws IOException {
        Files.createDirectories(dir);
        LabSipTls t = new LabSipTls(dir);
        for (char side : new char[] {'a', 'b'}) {
            t.pcscf[side - 'a'] = make(dir, "pcscf-" + side, "pcscf-" + side + ".mediasec.lab");
            t.ue[side - 'a'] = make(dir, "ue-" + side, "ue-" + side + ".mediasec.lab");
        }
        return t;
    }

    private static CertificateFingerprint make(Path dir, String name, String commonName) throws IOException {
        LocalIdentity id = LocalIdentity.selfSigned(commonName);
        id.writePem(cert(dir, name), key(dir, name));
        return id.fingerprint();
    }

    private static Path cert(Path dir, String name) {
        return dir.resolve(name + ".crt.pem");
    }

    private static Path key(Path dir, String name) {
        return dir.resolve(name + ".key.pem");
    }

    /** P-CSCF {@code side} with UDP (core) and TLS (its UE) on its SIP port, its certificate, its UE pinned. */
    PcscfConfig pcscf(char side, PcscfConfig c) {
        String name = "pcscf-" + side;
        PcscfConfig.Tls tls = new PcscfConfig.Tls(cert(dir, name).toString(), key(dir, name).toString(), "required",
                List.of(ue[side - 'a'].toString()), c.sip().tls().handshakeTimeout());
        return c.withSip(c.sip().withTransports(List.of("udp", "tls")).withTls(tls));
    }

    /** UE {@code side} over TLS to its P-CSCF, with its certificate, the P-CSCF pinned. */
    UeConfig ue(char side, UeConfig c) {
        String name = "ue-" + side;
        return c.withCertificate(cert(dir, name).toString(), key(dir, name).toString())
                .withSipTls(List.of(pcscf[side - 'a'].toString()));
    }

    CertificateFingerprint pcscfFingerprint(char side) {
        return pcscf[side - 'a'];
    }
}
