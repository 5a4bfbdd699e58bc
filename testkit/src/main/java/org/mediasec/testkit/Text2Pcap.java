package org.mediasec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps payloads we encoded into a pcap with Wireshark's {@code text2pcap}, one packet per payload,
 * so tshark can dissect them without any traffic on the wire.
 */
public final class Text2Pcap {
    private Text2Pcap() {
    }

    /** Transport header text2pcap puts in front of each payload. */
    public enum Transport {
        UDP("-u"), TCP("-T");

        final String flag;

        Transport(String flag) {
            this.flag = flag;
        }
    }

    /** text2pcap's hex-dump input: one block per packet, offsets restarting at 000000. */
    public static String hexDump(List<byte[]> packets) {
        StringBuilder sb = new StringBuilder();
        for (byte[] p : packets) {
            for (int off = 0; off < p.length; off += 16) {
                sb.append(String.format("%06x", off));
                for (int i = off; i < Math.min(off + 16, p.length); i++) {
                    sb.append(' ').append(String.format("%02x", p[i] & 0xff));
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@code packets} to {@code pcap} over IPv4 loopback with the given ports. */
    public static Path write(Path dir, String name, Transport transport, int srcPort, int dstPort, List<byte[]> packets) {
        Path text2pcap = ExternalTool.require("text2pcap");
        try {
            Path hex = dir.resolve(name + ".hex");
            Path pcap = dir.resolve(name + ".pcap");
            Files.writeString(hex, hexDump(packets), StandardCharsets.US_ASCII);
            List<String> cmd = new ArrayList<>(List.of(text2pcap.toString(), "-q", "-4", "127.0.0.1,127.0.0.1",
                    transport.flag, srcPort + "," + dstPort, hex.toString(), pcap.toString()));
            ExternalTool.run(Duration.ofSeconds(30), null, cmd).requireSuccess();
            return pcap;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
