package org.mediasec.cli.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.cli.MediasecCommand;

import picocli.CommandLine;

class SdpCheckCommandTest {
    private static final String FP = "sha-256 78:D0:CC:C2:09:54:14:D5:11:99:BC:F9:DC:05:8B:3A:15:95:56:FF:24:97:A7:4E:3A:97:16:DB:81:9F:81:F5";
    private static final String HEAD = "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run check(String sdp, String... extra) throws IOException {
        Path f = dir.resolve("offer.sdp");
        Files.writeString(f, sdp, StandardCharsets.UTF_8);
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new MediasecCommand());
        cl.setOut(new PrintWriter(sw));
        String[] args = new String[3 + extra.length];
        args[0] = "sdp";
        args[1] = "check";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = f.toString();
        int exit = cl.execute(args);
        return new Run(exit, sw.toString());
    }

    @Test
    void shippedExampleIsCleanAndDescribed() throws IOException {
        String example = Files.readString(Path.of("../examples/e2ae-msrp-offer.sdp"), StandardCharsets.UTF_8);
        Run r = check(example);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("3 media stream(s)", "writes back byte-identical")
                .contains("stream 0  message 40855 TCP/TLS/MSRP  TLS  e2ae requested")
                .contains("stream 2  image 40038 UDP/TLS/UDPTL  DTLS  e2ae requested")
                .contains("checks: 0 error(s), 0 warning(s)");
    }

    @Test
    void tlsStreamWithoutFingerprintIsAnError() throws IOException {
        Run r = check(HEAD + "m=message 9 TCP/TLS/MSRP *\r\na=path:msrps://127.0.0.1:9/abc;tcp\r\na=setup:active\r\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("error: stream 0: TCP/TLS/MSRP without a=fingerprint");
    }

    @Test
    void malformedFingerprintIsAnErrorNamingTheLine() throws IOException {
        Run r = check(HEAD + "m=message 9 TCP/TLS/MSRP *\r\na=path:msrps://127.0.0.1:9/abc;tcp\r\n"
                + "a=setup:active\r\na=fingerprint:sha-256 ZZ:00\r\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("error: stream 0: a=fingerprint:sha-256 ZZ:00");
    }

    @Test
    void warnsAboutDtlsWithoutTlsIdAndE2aeOnPlainProto() throws IOException {
        Run r = check(HEAD + "m=image 9 UDP/TLS/UDPTL t38\r\na=setup:active\r\na=fingerprint:" + FP + "\r\n"
                + "m=message 9 TCP/MSRP *\r\na=path:msrp://127.0.0.1:9/abc;tcp\r\na=setup:active\r\na=3ge2ae:requested\r\n");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("warning: stream 0: UDP/TLS/UDPTL without a=tls-id")
                .contains("warning: stream 1: a=3ge2ae:requested on a non-TLS proto TCP/MSRP");
    }

    @Test
    void unparsableSdpGivesTheLineNumber() throws IOException {
        Run r = check("v=0\r\nthis is not sdp\r\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("not valid SDP: line 2");
    }

    @Test
    void h248FlavourAcceptsChooseValues() throws IOException {
        Run r = check("m=message $ TCP/TLS/MSRP *\r\nc=IN IP4 $\r\na=fingerprint:" + FP + "\r\na=setup:passive\r\n"
                + "a=path:msrps://127.0.0.1:9/abc;tcp\r\n", "--h248");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("parsed as H.248 SDP", "stream 0  message $ TCP/TLS/MSRP  TLS");
    }
}
