package org.mediasec.agw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.tls.LocalIdentity;

class AgwIdentityTest {
    @TempDir
    Path dir;

    @Test
    void generatesIntoMissingDirectoriesThenReusesTheFiles() throws Exception {
        Path cert = dir.resolve("a/b/agw-cert.pem");
        Path key = dir.resolve("a/b/agw-key.pem");
        AgwConfig.Certificate c = new AgwConfig.Certificate(cert.toString(), key.toString(), "agw.test.invalid", true);

        LocalIdentity first = AgwNode.identity(c);
        assertThat(cert).exists();
        assertThat(key).exists();
        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=agw.test.invalid");

        LocalIdentity again = AgwNode.identity(c);
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(Files.size(cert)).isPositive();
    }
}
