package org.mediasec.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs tshark over a capture file as a decoding oracle. */
public final class Tshark {
    /** Display filter matching frames tshark could not dissect cleanly. */
    public static final String MALFORMED = "_ws.malformed || _ws.expert.severity >= \"Error\"";

    private Tshark() {
    }

    /** {@code tshark -r pcap <extra...>}; fails the test on a non-zero exit. Returns stdout. */
    public static String read(Path pcap, String... extra) {
        Path tshark = ExternalTool.require("tshark");
        List<String> cmd = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", pcap.toString()));
        cmd.addAll(Arrays.asList(extra));
        return ExternalTool.run(Duration.ofSeconds(60), null, cmd).requireSuccess().stdout();
    }

    /** The frames matching {@link #MALFORMED}, one summary line each; empty when the capture is clean. */
    public static String malformedFrames(Path pcap, String... decodeAs) {
        List<String> args = new ArrayList<>(Arrays.asList(decodeAs));
        args.add("-Y");
        args.add(MALFORMED);
        return read(pcap, args.toArray(String[]::new)).strip();
    }

    /** Values of one field per frame ({@code -T fields -e field -E occurrence=a}), one line per frame. */
    public static List<String> fields(Path pcap, String displayFilter, String field, String... decodeAs) {
        List<String> args = new ArrayList<>(Arrays.asList(decodeAs));
        args.addAll(List.of("-Y", displayFilter, "-T", "fields", "-e", field, "-E", "occurrence=a", "-E", "aggregator=|"));
        String out = read(pcap, args.toArray(String[]::new));
        return out.isBlank() ? List.of() : out.strip().lines().toList();
    }
}
