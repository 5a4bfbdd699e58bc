package org.mediasec.cli.ue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.msrp.transfer.FileTransfers;
import org.mediasec.ue.ReceivedFile;
import org.mediasec.ue.SecurityMode;
import org.mediasec.ue.Ue;
import org.mediasec.ue.UeCall;
import org.mediasec.ue.UeCallListener;
import org.mediasec.ue.UeConfig;
import org.mediasec.ue.UeConfigYaml;
import org.mediasec.ue.UeListener;

import picocli.CommandLine;

class UeCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheDefaultConfig() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new UeCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--print-default-config")).isZero();
        assertThat(out.toString()).isEqualTo(UeConfigYaml.defaultYaml()).contains("securityMode: e2ae");
    }

    @Test
    void badConfigOrScenarioIsExitTwoNamingTheProblem() throws Exception {
        Path f = dir.resolve("ue.yaml");
        Files.writeString(f, "usr: bob\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new UeCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(f + ": unknown key \"usr\"");

        Path s = dir.resolve("bad.scenario");
        Files.writeString(s, "register\ndial bob\n");
        StringWriter err2 = new StringWriter();
        CommandLine cl2 = new CommandLine(new UeCommand());
        cl2.setErr(new PrintWriter(err2));
        assertThat(cl2.execute("--scenario", s.toString())).isEqualTo(2);
        assertThat(err2.toString()).contains(s + ": line 2: unknown step \"dial\"");

        StringWriter err3 = new StringWriter();
        CommandLine cl3 = new CommandLine(new UeCommand());
        cl3.setErr(new PrintWriter(err3));
        assertThat(cl3.execute("--send-text", "hi")).isEqualTo(2);
        assertThat(err3.toString()).contains("--send-text and --send-file need --call");
    }

    @Test
    @Tag("slow")
    void callsSendsTextAndFileWithAProgressBarAndHangsUp() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Path file = dir.resolve("photo.jpg");
        Files.write(file, data);
        CompletableFuture<String> text = new CompletableFuture<>();
        CompletableFuture<ReceivedFile> received = new CompletableFuture<>();
        try (Core core = Core.start(CoreConfig.defaults().withPort(0));
             Ue bob = Ue.start(UeConfig.defaults("bob").withOutboundProxy("127.0.0.1:" + core.port())
                     .withDownloadDirectory(dir.resolve("bob").toString()))) {
            bob.listener(new UeListener() {
                @Override
                public void callEstablished(UeCall call) {
                    call.addListener(new UeCallListener() {
                        @Override
                        public void textReceived(UeCall c, String t) {
                            text.complete(t);
                        }

                        @Override
                        public void fileReceived(UeCall c, ReceivedFile f) {
                            received.complete(f);
                        }
                    });
                }
            });
            bob.register().toCompletableFuture().get(20, TimeUnit.SECONDS);
            Path config = dir.resolve("alice.yaml");
            Files.writeString(config, "user: alice\noutboundProxy: 127.0.0.1:" + core.port() + "\ndownloadDirectory: "
                    + dir.resolve("alice") + "\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new UeCommand());
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int exit = cl.execute("--config", config.toString(), "--call", "bob", "--mode", "e2e",
                    "--send-text", "hello from the command line", "--send-file", file.toString());
            assertThat(exit).as(out + "\n" + err).isZero();
            String sha = FileTransfers.sha256(file);
            assertThat(out.toString()).contains("registered sip:alice@ims.example.net",
                    "call to sip:bob@ims.example.net: e2e, TLSv1.", "peer fingerprint verified",
                    "sent \"hello from the command line\"", "sent " + file + " (300000 octets, sha-256 " + sha + ")",
                    "call ended: hung up by sip:alice@ims.example.net");
            // the end of the call is printed once, by the hang-up, not again by the call listener
            assertThat(out.toString().split("ended: ", -1)).hasSize(2);
            // no record or Optional rendering in what a person reads
            assertThat(out.toString()).contains("e2ae possible for none")
                    .doesNotContain("MediaSecCapabilities", "TlsInfo[", "Optional", "SecurityHeader", "RegistrationInfo");
            assertThat(err.toString()).contains("photo.jpg [##############################] 100%  0.3/0.3 MB");
            assertThat(text.get(20, TimeUnit.SECONDS)).isEqualTo("hello from the command line");
            assertThat(received.get(20, TimeUnit.SECONDS).sha256()).isEqualTo(sha);
            assertThat(SecurityMode.parse("E2E")).isEqualTo(SecurityMode.E2E);
        }
    }

    @Test
    @Tag("slow")
    void consoleLinesAreChatAndTheCalledSideWaitsForCalls() throws Exception {
        try (Core core = Core.start(CoreConfig.defaults().withPort(0))) {
            Path bobConfig = dir.resolve("bob.yaml");
            Files.writeString(bobConfig, "user: bob\noutboundProxy: 127.0.0.1:" + core.port() + "\ndownloadDirectory: "
                    + dir.resolve("bob") + "\n");
            UeCommand bob = new UeCommand();
            bob.in = new java.io.ByteArrayInputStream(new byte[0]);
            StringWriter bobOut = new StringWriter();
            CommandLine bobCl = new CommandLine(bob);
            bobCl.setOut(new PrintWriter(bobOut));
            bobCl.setErr(new PrintWriter(new StringWriter()));
            CompletableFuture<Integer> bobExit = CompletableFuture.supplyAsync(() -> bobCl.execute("--config", bobConfig.toString()));
            Ue bobUe = bob.runner.started.get(30, TimeUnit.SECONDS);
            assertThat(bobUe.registration()).isPresent();

            Path aliceConfig = dir.resolve("alice.yaml");
            Files.writeString(aliceConfig, "user: alice\nsecurityMode: e2e\noutboundProxy: 127.0.0.1:" + core.port()
                    + "\ndownloadDirectory: " + dir.resolve("alice") + "\n");
            UeCommand alice = new UeCommand();
            alice.in = new java.io.ByteArrayInputStream("typed line one\n\ntyped line two\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringWriter aliceOut = new StringWriter();
            StringWriter aliceErr = new StringWriter();
            CommandLine aliceCl = new CommandLine(alice);
            aliceCl.setOut(new PrintWriter(aliceOut));
            aliceCl.setErr(new PrintWriter(aliceErr));
            assertThat(aliceCl.execute("--config", aliceConfig.toString(), "--call", "bob")).as(aliceOut + "\n" + aliceErr).isZero();
            assertThat(aliceOut.toString()).contains("call to sip:bob@ims.example.net: e2e", "call ended: hung up by sip:alice@ims.example.net");

            bob.runner.stop.complete(null);
            assertThat(bobExit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(bobOut.toString()).contains("mediasec ue: registered sip:bob@ims.example.net",
                    "waiting for calls", "call from sip:alice@ims.example.net: e2e, TLSv1.",
                    "[sip:alice@ims.example.net] typed line one\n[sip:alice@ims.example.net] typed line two\n",
                    "call with sip:alice@ims.example.net ended: BYE from sip:alice@ims.example.net");
        }
    }

    @Test
    void progressBarRendering() {
        assertThat(ProgressBar.render("f", 50, 100)).isEqualTo("f [###############               ]  50%  0.0/0.0 MB");
        assertThat(ProgressBar.render("f", 2_500_000, 5_000_000)).endsWith("  50%  2.5/5.0 MB");
    }
}
