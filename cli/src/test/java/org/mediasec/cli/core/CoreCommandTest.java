package org.mediasec.cli.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.core.CoreConfigYaml;

import picocli.CommandLine;

class CoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheDefaultConfig() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new CoreCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--print-default-config")).isZero();
        assertThat(out.toString()).isEqualTo(CoreConfigYaml.defaultYaml()).contains("domain: ims.example.net");
    }

    @Test
    void badConfigIsExitTwoNamingTheKey() throws Exception {
        Path f = dir.resolve("core.yaml");
        Files.writeString(f, "prot: 1\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CoreCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key \"prot\"");
    }

    @Test
    void runsFromConfigAnswersOptionsAndStops() throws Exception {
        Path f = dir.resolve("core.yaml");
        Files.writeString(f, "port: 0\ntransports: [UDP]\ndomain: lab.example\n");
        CoreCommand cmd = new CoreCommand();
        CommandLine cl = new CommandLine(cmd);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--config", f.toString()));
        Core core = cmd.runner.started.get(30, TimeUnit.SECONDS);
        CoreConfig c = core.config();
        assertThat(c.domain()).isEqualTo("lab.example");

        // A real SIP request over UDP gets a response from the running core.
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(10_000);
            String options = "OPTIONS sip:lab.example SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-cli-1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@lab.example>;tag=1\r\nTo: <sip:lab.example>\r\n"
                    + "Call-ID: cli-core-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, core.localAddress()));
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            s.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).startsWith("SIP/2.0 200");
        }
        cmd.runner.stop.complete(null);
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("registrar for lab.example on");
    }
}
