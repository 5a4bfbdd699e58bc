package org.mediasec.cli.sdp;

import picocli.CommandLine.Command;

/** {@code mediasec sdp ...}: SDP tools. */
@Command(name = "sdp", description = "SDP tools: check what an offer or answer asks for.",
        mixinStandardHelpOptions = true, subcommands = {SdpCheckCommand.class})
public final class SdpCommand {
}
