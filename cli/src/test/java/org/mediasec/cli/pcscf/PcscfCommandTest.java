package org.mediasec.cli.pcscf;

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
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.pcscf.config.PcscfConfig;

import picocli.CommandLine;

class PcscfCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheDefaultConfig() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new PcscfCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--print-default-config")).isZero();
        assertThat(out.toString()).isEqualTo(PcscfConfig.defaultYaml()).contains("require-security-verify: true");
    }

    @Test
    void badConfigIsExitTwoNamingTheKey() throws Exception {
        Path f = dir.resolve("pcscf.yaml");
        Files.writeString(f, "sip:\n  prot: 1\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new PcscfCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("prot");
    }

    @Test
    void runsFromConfigAnswersSipAndStops() throws Exception {
        Path f = dir.resolve("pcscf.yaml");
        Files.writeString(f, "sip:\n  port: 0\n  transports: [udp]\n  domain: lab.example\nh248:\n  port: 0\n");
        PcscfCommand cmd = new PcscfCommand();
        CommandLine cl = new CommandLine(cmd);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--config", f.toString()));
        PcscfNode node = cmd.runner.started.get(30, TimeUnit.SECONDS);
        assertThat(node.config().sip().domain()).isEqualTo("lab.example");
        assertThat(node.mgcAddress().getPort()).isPositive();

        // a request with Max-Forwards 0 is answered by the running proxy itself (RFC 3261 §16.3: 483)
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(10_000);
            String options = "OPTIONS sip:someone@lab.example SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-cli-pcscf-1\r\n"
                    + "Max-Forwards: 0\r\nFrom: <sip:probe@lab.example>;tag=1\r\nTo: <sip:someone@lab.example>\r\n"
                    + "Call-ID: cli-pcscf-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, node.sipAddress()));
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            s.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).startsWith("SIP/2.0 483");
        }
        cmd.runner.stop.complete(null);
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        // what a person reads: tokens, no Java list or record rendering
        assertThat(out.toString()).contains("mediasec pcscf: SIP on 127.0.0.1:", "(udp), core ", " over udp",
                        "IMS-AGWs register at 127.0.0.1:")
                .doesNotContain("[", "]", "Optional", "Config", "/127.0.0.1");
    }
}
