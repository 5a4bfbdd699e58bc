package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Tshark;

/**
 * {@code mediasec lab --pcap}: the capture of both scenarios, decoded by tshark with the recipe the
 * report prints, shows SIP with SDP, MEGACO, plain MSRP in the e2ae core and MSRP decrypted from the
 * TLS legs with the key log, and no malformed frame.
 */
@Tag("slow")
@Tag("interop")
class LabPcapTest {
    @Test
    void tsharkDissectsEveryProtocolOfTheCaptureWithNoMalformedFrame(@TempDir Path dir) throws Exception {
        ExternalTool.require("dumpcap");
        ExternalTool.require("tshark");
        LabOptions o = LabOptions.defaults().withFileSize(200_000).withPcap(dir.resolve("lab.pcapng"))
                .withPorts(LabPorts.freeBlock(30000)).withWorkDir(dir.resolve("work"))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60));

        LabReport r = LabScenariosTest.runLab(dir, o);

        assertThat(r.exitCode()).as(ReportRenderer.render(r)).isZero();
        CaptureReport c = r.capture();
        assertThat(c.ok()).isTrue();
        assertThat(c.packets()).isPositive();
        assertThat(c.dropped()).isZero();
        assertThat(Files.size(c.files().keyLog())).as("key log").isPositive();
        assertThat(Files.readString(c.files().keyLog())).contains("CLIENT_TRAFFIC_SECRET_0");
        TsharkRecipe recipe = c.tshark();
        assertThat(ReportRenderer.render(r)).contains(recipe.toString());
        assertThat(recipe.msrpPorts()).as("plain MSRP ports (e2ae core)").isNotEmpty();
        assertThat(recipe.msrpOverTlsPorts()).as("TLS ports (e2ae access legs, every e2e leg)").hasSizeGreaterThanOrEqualTo(3);

        Path pcap = c.files().pcap();
        String[] decode = decode(recipe);
        assertThat(Tshark.malformedFrames(pcap, decode)).as("malformed frames").isEmpty();
        assertThat(Tshark.fields(pcap, "sip", "sip.Method", decode)).contains("REGISTER", "INVITE", "ACK", "BYE");
        assertThat(String.join("\n", Tshark.fields(pcap, "sdp", "sdp.media_attr", decode)))
                .contains("3ge2ae:requested", "3ge2ae:applied", "fingerprint:sha-256");
        assertThat(Tshark.fields(pcap, "megaco", "megaco.command", decode)).anySatisfy(cmd -> assertThat(cmd).contains("Add"))
                .anySatisfy(cmd -> assertThat(cmd).contains("Subtract"));
        assertThat(Tshark.fields(pcap, "msrp && !tls", "msrp.method", decode)).as("plain MSRP in the e2ae core")
                .contains("SEND");
        assertThat(Tshark.fields(pcap, "msrp && tls", "msrp.method", decode)).as("MSRP decrypted from TLS legs")
                .contains("SEND");
        for (int port : recipe.msrpOverTlsPorts()) {
            assertThat(Tshark.fields(pcap, "msrp && tls && tcp.port==" + port, "msrp.method", decode))
                    .as("decrypted MSRP on TLS port %d", port).isNotEmpty();
        }
    }

    /** The recipe's options for testkit's Tshark (which adds {@code -r} itself). */
    static String[] decode(TsharkRecipe recipe) {
        List<String> args = new ArrayList<>(recipe.luaOptions());
        args.addAll(recipe.decodeOptions());
        return args.toArray(String[]::new);
    }
}
