package org.mediasec.cli.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.cli.MediasecCommand;

import picocli.CommandLine;

class TlsCommandTest {
    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MediasecCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).as("stdout: %s%nstderr: %s", out, err).isEqualTo(expectedExit);
        return out + err.toString();
    }

    @Test
    void certWritesPemWhoseFingerprintCommandAgrees() throws Exception {
        String base = dir.resolve("ue").toString();
        String out = run(0, "tls", "cert", "--cn", "ue-a", "--out", base);
        assertThat(Files.readString(Path.of(base + ".crt.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(Path.of(base + ".key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        String fpLine = out.lines().filter(l -> l.startsWith("a=fingerprint:sha-256 ")).findFirst().orElseThrow();

        String again = run(0, "tls", "fingerprint", base + ".crt.pem");
        assertThat(again).contains(fpLine).contains("CN=ue-a");
        assertThat(run(0, "tls", "fingerprint", "--hash", "sha-512", base + ".crt.pem"))
                .containsPattern("a=fingerprint:sha-512 ([0-9A-F]{2}:){63}[0-9A-F]{2}");
    }

    @Test
    void certRefusesToOverwrite() {
        String base = dir.resolve("x").toString();
        run(0, "tls", "cert", "--out", base);
        assertThat(run(1, "tls", "cert", "--out", base)).contains("not overwriting");
    }

    @Test
    void fingerprintOfGarbageIsAClearError() throws Exception {
        Path f = dir.resolve("junk.pem");
        Files.writeString(f, "not a certificate");
        assertThat(run(1, "tls", "fingerprint", f.toString())).contains("mediasec tls fingerprint: " + f);
    }
}
