package org.mediasec.interop.pcscf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIP messages of a SIPp message trace ({@code -trace_msg -message_file f}): each entry is a
 * separator line of dashes with a timestamp, a line "UDP message sent (n bytes):" or "UDP message
 * received [n] bytes :" (or TCP), a blank line and the message. Parsed so a test can assert on what SIPp really sent and got.
 */
record SippTrace(List<Message> messages) {
    private static final Pattern ENTRY = Pattern.compile(
            "(?m)^(UDP|TCP) message (sent|received) (?:\\(\\d+ bytes\\):|\\[\\d+] bytes :)\\r?\\n\\r?\\n");
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^-{20,}.*$");

    /** One traced message. {@code sent}: SIPp sent it; else SIPp received it. */
    record Message(boolean sent, String text) {
        String startLine() {
            int eol = text.indexOf('\n');
            return (eol < 0 ? text : text.substring(0, eol)).strip();
        }

        boolean isResponse(int status, String cseqMethod) {
            return startLine().startsWith("SIP/2.0 " + status + " ")
                    && header("CSeq").map(c -> c.toUpperCase(Locale.ROOT).endsWith(" " + cseqMethod)).orElse(false);
        }

        boolean isRequest(String method) {
            return startLine().startsWith(method + " ");
        }

        /** The first value of a header, by full name (case-insensitive). */
        Optional<String> header(String name) {
            for (String line : headerBlock().split("\\r?\\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return Optional.of(line.substring(colon + 1).strip());
                }
            }
            return Optional.empty();
        }

        String headerBlock() {
            int end = bodyStart();
            return end < 0 ? text : text.substring(0, end);
        }

        /** The body (empty if none), its last line ended. */
        String body() {
            int start = bodyStart();
            return start < 0 ? "" : text.substring(start).replaceFirst("^\\r?\\n\\r?\\n", "");
        }

        private int bodyStart() {
            Matcher m = Pattern.compile("\\r?\\n\\r?\\n").matcher(text);
            return m.find() ? m.start() : -1;
        }
    }

    static SippTrace read(Path file) throws IOException {
        String all = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Message> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(all);
        List<int[]> starts = new ArrayList<>();
        List<Boolean> sent = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            sent.add(m.group(2).equals("sent"));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : all.length();
            String chunk = all.substring(starts.get(i)[1], end);
            Matcher sep = SEPARATOR.matcher(chunk);
            if (sep.find()) {
                chunk = chunk.substring(0, sep.start());
            }
            // the trace pads each message with blank lines: strip them, keep one line end after the last line
            out.add(new Message(sent.get(i), chunk.strip() + "\r\n"));
        }
        return new SippTrace(List.copyOf(out));
    }

    Message received(int status, String cseqMethod) {
        return messages.stream().filter(x -> !x.sent() && x.isResponse(status, cseqMethod)).findFirst()
                .orElseThrow(() -> new AssertionError("SIPp received no " + status + " to " + cseqMethod + " in " + startLines()));
    }

    Message receivedRequest(String method) {
        return messages.stream().filter(x -> !x.sent() && x.isRequest(method)).findFirst()
                .orElseThrow(() -> new AssertionError("SIPp received no " + method + " in " + startLines()));
    }

    List<String> startLines() {
        return messages.stream().map(x -> (x.sent() ? "> " : "< ") + x.startLine()).toList();
    }
}
