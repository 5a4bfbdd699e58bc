package org.mediasec.cli.agw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.agw.AgwNode;
import org.mediasec.cli.MediasecCommand;
import org.mediasec.h248.MId;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.user.H248MediaGatewayController;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.h248.user.MgcConfig;
import org.mediasec.h248.user.MgcUser;
import org.mediasec.transport.Transports;

import picocli.CommandLine;

class AgwCommandTest {
    @TempDir
    Path dir;

    @Test
    void printDefaultConfigIsTheCommentedDefaults() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new MediasecCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("agw", "--print-default-config")).isZero();
        assertThat(out.toString()).contains("mgc-port: 2944", "# Default:", "realms:");
    }

    @Test
    void aBadConfigIsReportedWithItsKey() throws Exception {
        Path f = dir.resolve("agw.yaml");
        Files.writeString(f, "h248:\n  transport: sctp\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MediasecCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("agw", "--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("h248.transport: sctp");
    }

    @Test
    void runsRegistersWithTheMgcAndStopsCleanly() throws Exception {
        try (Transports transports = Transports.create("cli-mgc", 1, Transports.Kind.preferred())) {
            CompletableFuture<MgHandle> registered = new CompletableFuture<>();
            try (H248MediaGatewayController mgc = H248MediaGatewayController.start(transports,
                    MgcConfig.of(new MId.Domain("alg.test", null)),
                    H248TransportConfig.udp(new InetSocketAddress("127.0.0.1", 0)), new MgcUser() {
                        @Override
                        public void mgRegistered(MgHandle mg) {
                            registered.complete(mg);
                        }
                    })) {
                Path f = dir.resolve("agw.yaml");
                Files.writeString(f, """
                        mid: "<agw.cli.test>"
                        h248:
                          mgc-address: 127.0.0.1
                          mgc-port: %d
                          local-address: 127.0.0.1
                          local-port: 0
                        realms:
                          - name: access
                            min-port: 25100
                            max-port: 25109
                          - name: core
                            min-port: 25110
                            max-port: 25119
                        """.formatted(mgc.localAddress().getPort()));
                AgwCommand cmd = new AgwCommand();
                CommandLine cl = new CommandLine(cmd);
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--config", f.toString()));
                AgwNode node = cmd.runner.started.get(10, TimeUnit.SECONDS);
                MgHandle mg = registered.get(10, TimeUnit.SECONDS);
                assertThat(mg.mId()).isEqualTo(new MId.Domain("agw.cli.test", null));
                assertThat(node.relays().allocators()).hasSize(2);
                cmd.runner.stop.complete(null);                  // what SIGTERM's shutdown hook does
                assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
                assertThat(node.relays().relays()).isZero();
            }
        }
    }
}
