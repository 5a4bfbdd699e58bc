package org.mediasec.cli.sdp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mediasec.sdp.SdpParseException;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mediasec sdp check FILE}: parses an SDP (RFC 8866), reads every media-security attribute
 * with its RFC syntax, and says per stream what is asked for and what is wrong.
 * Exit code 0 when there is no error (warnings allowed), 1 on errors, 2 when the file is unreadable.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse an SDP offer or answer and report, per media stream, its transport security "
                + "(TLS/DTLS, fingerprints, setup role, 3ge2ae, tls-id, key-mgmt) and any problem.",
                "Exit code: 0 no error, 1 errors found, 2 file unreadable."})
public final class SdpCheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "SDP file (CRLF or LF line endings); - reads standard input")
    Path file;

    @Spec
    CommandSpec spec;

    @Option(names = "--h248", description = "Read it as SDP inside an H.248 Local/Remote descriptor ($ and - values allowed).")
    boolean h248;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = file.toString().equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("mediasec sdp check: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(text, h248 ? SdpParser.Mode.H248 : SdpParser.Mode.STRICT);
        } catch (SdpParseException e) {
            out.println(file + ": not valid SDP: line " + e.lineNumber() + ": " + e.reason());
            out.println("  " + e.line());
            return 1;
        }
        boolean lossless = SdpWriter.write(sdp).equals(text);
        out.println(file + ": " + sdp.media().size() + " media stream(s), parsed as " + (h248 ? "H.248 " : "") + "SDP"
                + (lossless ? ", writes back byte-identical" : ", writes back normalised (CRLF line endings)"));
        SdpSecurityReport report = SdpSecurityReport.of(sdp);
        report.lines().forEach(out::println);
        long errors = report.errors();
        long warnings = report.findings().size() - errors;
        out.println("checks: " + errors + " error(s), " + warnings + " warning(s)");
        report.findings().forEach(f -> out.println("  " + f));
        out.flush();
        return errors == 0 ? 0 : 1;
    }
}
