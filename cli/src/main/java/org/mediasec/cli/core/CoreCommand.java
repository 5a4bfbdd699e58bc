package org.mediasec.cli.core;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.mediasec.cli.NetworkFunctionCommand;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.core.CoreConfigYaml;

import picocli.CommandLine.Command;

/** {@code mediasec core --config FILE}: the registrar and S-CSCF routing stand-in, until SIGINT/SIGTERM. */
@Command(name = "core", mixinStandardHelpOptions = true,
        description = "Run the core: a registrar and S-CSCF routing stand-in that connects P-CSCFs "
                + "(REGISTER with Path, INVITE/ACK/BYE/CANCEL/MESSAGE routed between registered users).")
public final class CoreCommand extends NetworkFunctionCommand<CoreConfig, Core> {
    public CoreCommand() {
        super("core", "org.mediasec.core");
    }

    @Override
    protected String defaultYaml() {
        return CoreConfigYaml.defaultYaml();
    }

    @Override
    protected CoreConfig defaults() {
        return CoreConfig.defaults();
    }

    @Override
    protected CoreConfig load(Path file) throws Exception {
        return CoreConfigYaml.load(file);
    }

    @Override
    protected Core start(CoreConfig config, PrintWriter out) {
        Core core = Core.start(config);
        out.println("mediasec core: registrar for " + config.domain() + " on " + core.localAddress() + " "
                + config.transports());
        return core;
    }
}
