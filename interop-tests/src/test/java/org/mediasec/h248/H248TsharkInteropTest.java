package org.mediasec.h248;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Text2Pcap;
import org.mediasec.testkit.Tshark;

/**
 * Wireshark's MEGACO dissector as a decoding oracle: the Erlang interop cases, encoded by us in both
 * styles and versions 1 and 3, one UDP datagram each on port 2944, must all be dissected as MEGACO
 * (and their SDP as SDP) with the transaction id we wrote and no malformed or error-severity expert items.
 */
@Tag("interop")
class H248TsharkInteropTest {

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        ExternalTool.require("tshark");
        ExternalTool.require("text2pcap");
    }

    @Test
    void tsharkDissectsEveryMessageWeEncode() {
        List<byte[]> packets = new ArrayList<>();
        List<String> expectedTransIds = new ArrayList<>();
        for (Map.Entry<String, String> c : H248ErlangInteropTest.messages().entrySet()) {
            if (c.getKey().startsWith("v3-segment-")) {
                continue; // Wireshark 4.0's MEGACO dissector does not know the version 3 Segment reply
            }
            H248Message m = H248TextCodec.decode(c.getValue()).orThrow();
            for (Style style : Style.values()) {
                packets.add(H248TextCodec.encode(m, style));
                // Wireshark shows no transaction id for a message-level error
                expectedTransIds.add(m.body() instanceof TransactionList ts
                        ? Long.toString(ts.transactions().get(0).transactionId()) : "");
            }
        }
        Path pcap = Text2Pcap.write(dir, "h248", Text2Pcap.Transport.UDP, 2944, 2944, packets);
        String out = Tshark.read(pcap, "-T", "fields", "-E", "separator=;", "-E", "occurrence=f",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "megaco.transid");
        List<String> lines = out.strip().lines().toList();
        assertThat(lines).as(out).hasSize(packets.size());
        for (int i = 0; i < lines.size(); i++) {
            // messages with Local/Remote show as MEGACO/SDP: Wireshark dissects the SDP inside too
            assertThat(lines.get(i)).as("packet %d", i + 1)
                    .matches((i + 1) + ";MEGACO(/SDP)*;" + expectedTransIds.get(i));
        }
        String expert = Tshark.read(pcap, "-Y", Tshark.MALFORMED, "-T", "fields", "-e", "frame.number",
                "-e", "_ws.expert.message", "-e", "_ws.malformed");
        assertThat(Tshark.malformedFrames(pcap)).as("malformed or error frames:\n%s", expert).isEmpty();
    }

    @Test
    void tsharkDissectsTheGeneratedMessagesWithoutMalformedFrames() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        for (Path f : H248ErlangGeneratedInteropTest.generated()) {
            H248Message m = H248TextCodec.decode(java.nio.file.Files.readAllBytes(f)).orThrow();
            for (Style style : Style.values()) {
                packets.add(H248TextCodec.encode(m, style));
            }
        }
        Path pcap = Text2Pcap.write(dir, "generated", Text2Pcap.Transport.UDP, 2944, 2944, packets);
        List<String> protocols = Tshark.read(pcap, "-T", "fields", "-e", "_ws.col.Protocol").strip().lines().toList();
        assertThat(protocols).hasSize(packets.size()).allMatch(p -> p.startsWith("MEGACO"));
        String expert = Tshark.read(pcap, "-Y", Tshark.MALFORMED, "-T", "fields", "-e", "frame.number",
                "-e", "_ws.expert.message");
        List<Path> files = H248ErlangGeneratedInteropTest.generated();
        java.util.SortedSet<String> flagged = new java.util.TreeSet<>();
        for (String line : expert.strip().lines().toList()) {
            if (!line.isBlank()) {
                int frame = Integer.parseInt(line.split("\t")[0]);
                flagged.add(files.get((frame - 1) / Style.values().length).getFileName().toString());
            }
        }
        java.util.SortedSet<String> expected = new java.util.TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(files.get(0).resolveSibling("tshark-expected-malformed.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line.strip());
            }
        }
        assertThat(flagged).as("files with malformed frames (golden: tshark-expected-malformed.txt):\n%s", expert)
                .isEqualTo(expected);
    }
}
