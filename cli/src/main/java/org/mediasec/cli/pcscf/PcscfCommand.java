package org.mediasec.cli.pcscf;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.mediasec.cli.NetworkFunctionCommand;
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.pcscf.config.PcscfConfig;

import picocli.CommandLine.Command;

/** {@code mediasec pcscf --config FILE}: the P-CSCF / IMS-ALG, until SIGINT/SIGTERM. */
@Command(name = "pcscf", mixinStandardHelpOptions = true,
        description = "Run the P-CSCF / IMS-ALG: the UEs' SIP proxy toward the core, which records their media-plane "
                + "security (Security-Client ;mediasec), rewrites SDP per stream (e2ae or pass-through) and drives "
                + "its IMS-AGWs over H.248.")
public final class PcscfCommand extends NetworkFunctionCommand<PcscfConfig, PcscfNode> {
    public PcscfCommand() {
        super("pcscf", "org.mediasec.pcscf", "org.mediasec.h248.user");
    }

    @Override
    protected String defaultYaml() {
        return PcscfConfig.defaultYaml();
    }

    @Override
    protected PcscfConfig defaults() {
        return PcscfConfig.defaults();
    }

    @Override
    protected PcscfConfig load(Path file) throws Exception {
        return PcscfConfig.load(file);
    }

    @Override
    protected PcscfNode start(PcscfConfig c, PrintWriter out) throws Exception {
        PcscfNode node = PcscfNode.start(c);
        out.println("mediasec pcscf: SIP on " + hostPort(node.sipAddress()) + " (" + String.join(", ", c.sip().transports())
                + "), core " + c.core().uri() + ", IMS-AGWs register at " + hostPort(node.mgcAddress()) + " over "
                + c.h248().transport()
                + node.sipTlsFingerprint().map(f -> "; SIP over TLS certificate " + f + " (UEs pin it)").orElse(""));
        return node;
    }

    /** {@code 127.0.0.1:5062} (an InetSocketAddress prints {@code /127.0.0.1:5062}). */
    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
