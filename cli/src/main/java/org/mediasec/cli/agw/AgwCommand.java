package org.mediasec.cli.agw;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.cli.NetworkFunctionRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mediasec agw --config FILE}: runs the IMS-AGW until SIGINT or SIGTERM, then closes it
 * (relays flushed and closed, H.248 transport and event loops stopped).
 * {@code --print-default-config} writes the commented default file.
 */
@Command(name = "agw", mixinStandardHelpOptions = true,
        description = "Run the IMS-AGW: an H.248-controlled media gateway that terminates the UE's TLS "
                + "(e2ae MSRP/BFCP) or passes it through.")
public final class AgwCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see --print-default-config).")
    Path config;

    @Option(names = "--print-default-config", description = "Print the configuration file with every key, its "
            + "default and what it means, then exit.")
    boolean printDefaults;

    /** Runs the node until SIGINT/SIGTERM; its {@code stop} and {@code started} futures are for tests. */
    final NetworkFunctionRunner<AgwNode> runner = new NetworkFunctionRunner<>("agw");

    /**
     * The CLI logs WARN and up by default (tools stay quiet); a network function also says at INFO what
     * it serves and when it registers. {@code MEDIASEC_LOG_LEVEL} still decides when set.
     */
    static void serverLogging() {
        if (System.getenv("MEDIASEC_LOG_LEVEL") != null
                || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
            return;
        }
        for (String name : new String[] {"org.mediasec.agw", "org.mediasec.h248.user"}) {
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
            out.print(AgwConfig.defaultYaml());
            out.flush();
            return 0;
        }
        serverLogging();
        AgwConfig c;
        try {
            c = config == null ? AgwConfig.defaults() : AgwConfig.load(config);
        } catch (Exception e) {
            err.println("mediasec agw: " + (config == null ? "defaults" : config) + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        return runner.run(() -> AgwNode.start(c), err);
    }
}
