package org.mediasec.cli.agw;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.cli.NetworkFunctionCommand;

import picocli.CommandLine.Command;

/**
 * {@code mediasec agw --config FILE}: runs the IMS-AGW until SIGINT or SIGTERM, then closes it
 * (relays flushed and closed, H.248 transport and event loops stopped).
 * {@code --print-default-config} writes the commented default file.
 */
@Command(name = "agw", mixinStandardHelpOptions = true,
        description = "Run the IMS-AGW: an H.248-controlled media gateway that terminates the UE's TLS "
                + "(e2ae MSRP/BFCP) or passes it through.")
public final class AgwCommand extends NetworkFunctionCommand<AgwConfig, AgwNode> {
    public AgwCommand() {
        super("agw", "org.mediasec.agw", "org.mediasec.h248.user");
    }

    @Override
    protected String defaultYaml() {
        return AgwConfig.defaultYaml();
    }

    @Override
    protected AgwConfig defaults() {
        return AgwConfig.defaults();
    }

    @Override
    protected AgwConfig load(Path file) throws Exception {
        return AgwConfig.load(file);
    }

    @Override
    protected AgwNode start(AgwConfig config, PrintWriter out) throws Exception {
        return AgwNode.start(config);
    }
}
