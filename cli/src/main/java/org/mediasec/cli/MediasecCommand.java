package org.mediasec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mediasec}: the one command of the project; each capability is a subcommand. */
@Command(name = "mediasec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Extended IMS media plane security (3GPP TS 33.328): MSRP, BFCP and T.38 over TLS/DTLS.",
        subcommands = {VersionCommand.class, org.mediasec.cli.sdp.SdpCommand.class,
                org.mediasec.cli.tls.TlsCommand.class, org.mediasec.cli.agw.AgwCommand.class,
                org.mediasec.cli.core.CoreCommand.class, org.mediasec.cli.pcscf.PcscfCommand.class,
                org.mediasec.cli.ue.UeCommand.class, org.mediasec.cli.lab.LabCommand.class})
public final class MediasecCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
