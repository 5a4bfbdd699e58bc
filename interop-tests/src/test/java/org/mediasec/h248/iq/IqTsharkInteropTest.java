package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Text2Pcap;
import org.mediasec.testkit.Tshark;

/**
 * Wireshark as a decoding oracle for the Iq profile: every example of {@code docs/iq-profile.md},
 * encoded by us in both styles, one UDP datagram each on port 2944, is dissected as MEGACO with its
 * transaction id, the SDP of every Local and Remote as SDP, and every {@code a=} line we wrote
 * ({@code a=fingerprint}, {@code a=setup}, {@code a=tls-id}) as an SDP media attribute, with no
 * malformed or error-severity frame.
 */
@Tag("interop")
@Tag("proposal-h248-security")
class IqTsharkInteropTest {

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        ExternalTool.require("tshark");
        ExternalTool.require("text2pcap");
    }

    @Test
    void tsharkDissectsOurIqMessagesWithTheirSdpAttributes() {
        List<byte[]> packets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<H248Message> models = new ArrayList<>();
        for (Map.Entry<String, H248Message> e : IqDocExamples.messages().entrySet()) {
            for (Style style : Style.values()) {
                packets.add(H248TextCodec.encode(e.getValue(), style));
                names.add(e.getKey() + " " + style);
                models.add(e.getValue());
            }
        }
        Path pcap = Text2Pcap.write(dir, "iq", Text2Pcap.Transport.UDP, 2944, 2944, packets);
        List<String> lines = Tshark.read(pcap, "-T", "fields", "-E", "separator=;", "-E", "occurrence=a",
                "-E", "aggregator=|", "-e", "_ws.col.Protocol", "-e", "megaco.transid", "-e", "sdp.media_attr")
                .strip().lines().toList();
        assertThat(lines).hasSize(packets.size());
        int withFingerprint = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(";", -1);
            H248Message m = models.get(i);
            List<String> attrs = attributes(m);
            long sdpBlocks = sdpBlocks(m).size();
            assertThat(f[0]).as("%s protocols", names.get(i)).isEqualTo("MEGACO" + "/SDP".repeat((int) sdpBlocks));
            assertThat(f[1]).as("%s transaction id", names.get(i))
                    .isEqualTo(Long.toString(((TransactionList) m.body()).transactions().get(0).transactionId()));
            assertThat(f[2].isEmpty() ? List.of() : List.of(f[2].split("\\|")))
                    .as("%s: the a= lines Wireshark shows are the ones we wrote", names.get(i)).isEqualTo(attrs);
            if (attrs.stream().anyMatch(a -> a.startsWith("fingerprint:sha-256 "))) {
                withFingerprint++;
            }
        }
        assertThat(withFingerprint).as("messages with a real fingerprint shown").isGreaterThan(10);
        assertThat(String.join("\n", lines)).contains("fingerprint:$", "setup:passive", "setup:active",
                "tls-id:dGxzLWlkLWNob3Nlbi1ieS10aGUtQUxH");
        String expert = Tshark.read(pcap, "-Y", Tshark.MALFORMED, "-T", "fields", "-e", "frame.number",
                "-e", "_ws.expert.message");
        assertThat(Tshark.malformedFrames(pcap)).as("malformed or error frames:\n%s", expert).isEmpty();
    }

    /** The SDP of every Local and Remote, in wire order. */
    static List<SdpBlock> sdpBlocks(H248Message m) {
        List<SdpBlock> out = new ArrayList<>();
        for (Transaction t : ((TransactionList) m.body()).transactions()) {
            List<List<Descriptor>> ds = new ArrayList<>();
            if (t instanceof Transaction.Request r) {
                for (ActionRequest a : r.actions()) {
                    for (CommandRequest c : a.commands()) {
                        ds.add(c.descriptors());
                    }
                }
            } else if (t instanceof Transaction.Reply r) {
                for (ActionReply a : r.actions()) {
                    for (CommandReply c : a.replies()) {
                        ds.add(c.descriptors());
                    }
                }
            }
            for (List<Descriptor> list : ds) {
                for (Descriptor d : list) {
                    if (d instanceof MediaDescriptor md) {
                        for (StreamDescriptor s : md.streams()) {
                            if (s.parms().local() != null) {
                                out.add(s.parms().local());
                            }
                            if (s.parms().remote() != null) {
                                out.add(s.parms().remote());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The values of the a= lines, in wire order. */
    static List<String> attributes(H248Message m) {
        List<String> out = new ArrayList<>();
        for (SdpBlock b : sdpBlocks(m)) {
            for (String l : b.lines()) {
                if (l.startsWith("a=")) {
                    out.add(l.substring(2));
                }
            }
        }
        return out;
    }
}
