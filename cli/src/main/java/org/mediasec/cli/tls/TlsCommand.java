package org.mediasec.cli.tls;

import picocli.CommandLine.Command;

/** {@code mediasec tls ...}: certificate tools. */
@Command(name = "tls", description = "Certificates and fingerprints for TLS/DTLS media (RFC 8122).",
        mixinStandardHelpOptions = true, subcommands = {TlsCertCommand.class, TlsFingerprintCommand.class})
public final class TlsCommand {
}
