package org.mediasec.cli.pcscf;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mediasec.cli.NetworkFunctionRunner;
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.pcscf.config.PcscfConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mediasec pcscf --config FILE}: the P-CSCF / IMS-ALG, until SIGINT/SIGTERM. */
@Command(name = "pcscf", mixinStandardHelpOptions = true,
        description = "Run the P-CSCF / IMS-ALG: the UEs' SIP proxy toward the core, which records their media-plane "
                + "security (Security-Client ;mediasec), rewrites SDP per stream (e2ae or pass-through) and drives "
                + "its IMS-AGWs over H.248.")
public final class PcscfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; every key optional (see --print-default-config).")
    Path config;

    @Option(names = "--print-default-config", description = "Print the configuration file with every key, its "
            + "default and what it means, then exit.")
    boolean printDefaults;

    /** Runs the node until SIGINT/SIGTERM; its {@code stop} and {@code started} futures are for tests. */
    final NetworkFunctionRunner<PcscfNode> runner = new NetworkFunctionRunner<>("pcscf");

    /**
     * The CLI logs WARN and up by default (tools stay quiet); a network function also says at INFO what it
     * serves, each registration and each session set-up and tear-down. {@code MEDIASEC_LOG_LEVEL} still decides when set.
     */
    static void serverLogging() {
        if (System.getenv("MEDIASEC_LOG_LEVEL") != null
                || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
            return;
        }
        for (String name : new String[] {"org.mediasec.pcscf", "org.mediasec.h248.user"}) {
            ch.qos.logback.classic.Logger l = ctx.getLogger(name);
            if (l.getLevel() == null) {
                l.setLevel(ch.qos.logback.classic.Level.INFO);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printDefaults) {
            out.print(PcscfConfig.defaultYaml());
            out.flush();
            return 0;
        }
        serverLogging();
        PcscfConfig c;
        try {
            c = config == null ? PcscfConfig.defaults() : PcscfConfig.load(config);
        } catch (Exception e) {
            err.println("mediasec pcscf: " + (config == null ? "defaults" : config) + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        return runner.run(() -> {
            PcscfNode node = PcscfNode.start(c);
            out.println("mediasec pcscf: SIP on " + hostPort(node.sipAddress()) + " (" + String.join(", ", c.sip().transports()) + "), core "
                    + c.core().uri() + ", IMS-AGWs register at " + hostPort(node.mgcAddress()) + " over " + c.h248().transport()
                    + node.sipTlsFingerprint().map(f -> "; SIP over TLS certificate " + f + " (UEs pin it)").orElse(""));
            out.flush();
            return node;
        }, err);
    }

    /** {@code 127.0.0.1:5062} (an InetSocketAddress prints {@code /127.0.0.1:5062}). */
    static String hostPort(java.net.InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
