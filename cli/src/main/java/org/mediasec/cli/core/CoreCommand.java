package org.mediasec.cli.core;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mediasec.cli.NetworkFunctionRunner;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.core.CoreConfigYaml;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mediasec core --config FILE}: the registrar and S-CSCF routing stand-in, until SIGINT/SIGTERM. */
@Command(name = "core", mixinStandardHelpOptions = true,
        description = "Run the core: a registrar and S-CSCF routing stand-in that connects P-CSCFs "
                + "(REGISTER with Path, INVITE/ACK/BYE/CANCEL/MESSAGE routed between registered users).")
public final class CoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; every key optional (see --print-default-config).")
    Path config;

    @Option(names = "--print-default-config", description = "Print the configuration file with every key and its default, then exit.")
    boolean printDefaults;

    final NetworkFunctionRunner<Core> runner = new NetworkFunctionRunner<>("core");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printDefaults) {
            out.print(CoreConfigYaml.defaultYaml());
            out.flush();
            return 0;
        }
        CoreConfig c;
        try {
            c = config == null ? CoreConfig.defaults() : CoreConfigYaml.load(config);
        } catch (Exception e) {
            err.println("mediasec core: " + config + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        return runner.run(() -> {
            Core core = Core.start(c);
            out.println("mediasec core: registrar for " + c.domain() + " on " + core.localAddress() + " " + c.transports());
            out.flush();
            return core;
        }, err);
    }
}
