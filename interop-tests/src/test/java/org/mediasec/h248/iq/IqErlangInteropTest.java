package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.text.DecodeResult;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.testkit.ExternalTool;

/**
 * Erlang/OTP megaco (tooling.md §2) against the Iq profile: every example of
 * {@code docs/iq-profile.md}, encoded by us in both text styles as versions 1 and 3, is decoded by
 * megaco_pretty_text_encoder / megaco_compact_text_encoder and re-encoded by Erlang (the escript of
 * {@code H248ErlangInteropTest}); our profile readers then read Erlang's text to the same
 * terminations, replies and failures as ours (Erlang lower-cases names outside quoted strings and SDP,
 * and writes SDP with CRLF).
 */
@Tag("interop")
@Tag("proposal-h248-security")
class IqErlangInteropTest {

    @Test
    void erlangDecodesOurIqMessagesAndItsReEncodingReadsTheSame(@TempDir Path dir) throws Exception {
        Path escript = ExternalTool.require("escript");
        Map<String, H248Message> originals = new LinkedHashMap<>();
        for (Map.Entry<String, H248Message> e : IqDocExamples.messages().entrySet()) {
            for (int version : new int[] {1, 3}) {
                H248Message m = new H248Message(version, e.getValue().mId(), e.getValue().body());
                for (Style style : Style.values()) {
                    String file = e.getKey() + ".v" + version + "." + style.name().toLowerCase();
                    Files.write(dir.resolve(file), H248TextCodec.encode(m, style));
                    originals.put(file, m);
                }
            }
        }
        ExternalTool.Result res = ExternalTool.run(Duration.ofSeconds(60), escript.toString(), script().toString(),
                dir.toString()).requireSuccess();
        List<String> rejected = res.stdout().lines().filter(l -> l.startsWith("ERR ")).toList();
        assertThat(rejected).as("Erlang megaco rejected our Iq encodings").isEmpty();
        assertThat(res.stdout()).contains("DONE " + originals.size());

        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, H248Message> e : originals.entrySet()) {
            String erlang = Files.readString(dir.resolve(e.getKey() + ".erl"), StandardCharsets.ISO_8859_1);
            DecodeResult back = H248TextCodec.decode(erlang);
            if (!(back instanceof DecodeResult.Ok ok)) {
                mismatches.add(e.getKey() + ": we cannot decode Erlang's text " + back + "\n" + erlang);
                continue;
            }
            List<Object> ours = IqDocExamples.read(e.getValue());
            List<Object> theirs = IqDocExamples.read(ok.message());
            if (!ours.equals(theirs)) {
                mismatches.add(e.getKey() + ":\n--- Erlang wrote:\n" + erlang + "\n--- read: " + theirs + "\n--- expected: " + ours);
            }
        }
        assertThat(mismatches).as("Erlang's re-encoding reads differently").isEmpty();
        // the readers saw real content: fingerprints, the failure and the PSK went through Erlang
        String all = String.join("\n", originals.keySet());
        assertThat(all).contains("1-add-access.v3.compact", "7-notify-failure.v1.pretty", "row-mrfp-psk.v3.pretty");
    }

    static Path script() throws URISyntaxException, IOException {
        return Path.of(IqErlangInteropTest.class.getResource("/h248/megaco_roundtrip.escript").toURI());
    }
}
