package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.h248.iq.IqFixtures.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;

/**
 * The examples of {@code docs/iq-profile.md} are what our codec writes: each block after an
 * {@code <!-- iq-example: <name> <style> -->} marker equals the encoding of the fixture of that name,
 * decodes to the same model, and reads back through the profile readers. Run with
 * {@code -Diq.doc.print=true} to write every example to {@code target/iq-doc-examples.md}.
 */
@Tag("proposal-h248-security")
class IqProfileDocTest {
    static final Path DOC = Path.of("../docs/iq-profile.md");
    static final Pattern EXAMPLE = Pattern.compile("<!-- iq-example: (\\S+) (pretty|compact) -->\\s*```text\\n(.*?)\\n```",
            Pattern.DOTALL);

    /** Every example message by name: the e2ae sequence, then one Add/reply per profile row. */
    static Map<String, H248Message> examples() {
        Map<String, H248Message> m = new LinkedHashMap<>(e2aeSequence());
        long tid = 3000;
        for (Map.Entry<String, IqTermination> e : IqFixtures.terminations().entrySet()) {
            m.put("row-" + e.getKey(), request(ALG, tid++, ActionRequest.of(ContextId.CHOOSE, IqCommands.DEFAULT.add(e.getValue()))));
        }
        m.put("row-mrfp-psk", request(ALG, tid++, ActionRequest.of(ContextId.CHOOSE, new IqCommands(PSK_PROFILE).add(mrfpPsk()))));
        m.put("row-reply-t38", reply(AGW, tid++, ActionReply.of(ContextId.of(3), IqReplies.reply(CommandKind.ADD,
                TerminationId.of("access/3"), IqLocal.answer(IqFixtures.terminations().get("t38-access-reserve"),
                        MediaEndpoint.of("203.0.113.5", 40002), List.of(AGW_FP))))));
        for (FailureCause c : List.of(FailureCause.TLS_HANDSHAKE_FAILURE, FailureCause.TLS_HANDSHAKE_TIMEOUT,
                FailureCause.TCP_CONNECT_FAILURE, FailureCause.BEARER_RELEASED)) {
            m.put("notify-" + c.token(), request(AGW, tid++, IqNotify.action(ContextId.of(1), ACCESS, 2001, TIME,
                    IqFailure.of(c, detail(c)))));
        }
        return m;
    }

    static String detail(FailureCause c) {
        return switch (c) {
            case TLS_HANDSHAKE_FAILURE -> "received fatal alert: handshake_failure";
            case TLS_HANDSHAKE_TIMEOUT -> "no Finished within 10 s";
            case TCP_CONNECT_FAILURE -> "connection refused by 192.0.2.10:7394";
            case BEARER_RELEASED -> "peer closed";
            default -> "";
        };
    }

    static String encode(H248Message m, Style style) {
        return H248TextCodec.encodeToString(m, style).stripTrailing();
    }

    @Test
    void everyDocExampleIsOurEncodingAndDecodes() throws IOException {
        Map<String, H248Message> examples = examples();
        if (Boolean.getBoolean("iq.doc.print")) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, H248Message> e : examples.entrySet()) {
                for (Style s : Style.values()) {
                    sb.append("<!-- iq-example: ").append(e.getKey()).append(' ').append(s.name().toLowerCase())
                            .append(" -->\n```text\n").append(encode(e.getValue(), s)).append("\n```\n\n");
                }
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/iq-doc-examples.md"), sb.toString(), StandardCharsets.UTF_8);
        }
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = EXAMPLE.matcher(doc);
        int found = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (m.find()) {
            found++;
            String name = m.group(1);
            Style style = Style.valueOf(m.group(2).toUpperCase());
            String block = m.group(3);
            assertThat(examples).as("doc example %s names a fixture", name).containsKey(name);
            H248Message expected = examples.get(name);
            assertThat(block).as("doc example %s (%s)", name, style).isEqualTo(encode(expected, style));
            assertThat(H248TextCodec.decode(block).orThrow()).as("doc example %s decodes", name).isEqualTo(expected);
            seen.add(name);
        }
        assertThat(found).isGreaterThan(0);
        assertThat(seen).as("the whole e2ae sequence is in the doc").containsAll(e2aeSequence().keySet());
    }

    @Test
    void theSequenceReadsBackThroughTheProfileReaders() {
        Map<String, H248Message> s = e2aeSequence();
        IqTermination access = IqRequests.DEFAULT.termination(IqRoundTripTest.firstCommand(s.get("1-add-access")));
        assertThat(access).isEqualTo(access());
        assertThat(((TlsTermination) access).requestLocalFingerprint()).isTrue();
        assertThat(access.remote().fingerprints()).containsExactly(UE_FP);
        assertThat(IqReplies.localFingerprint(IqRoundTripTest.firstReply(s.get("2-reply-access")))).containsExactly(AGW_FP);
        assertThat(IqReplies.localEndpoint(IqRoundTripTest.firstReply(s.get("4-reply-core"))))
                .isEqualTo(MediaEndpoint.of("198.51.100.1", 40001));
        IqFailure f = IqNotify.read(IqRoundTripTest.firstCommand(s.get("7-notify-failure"))).orElseThrow();
        assertThat(f.cause()).isEqualTo(FailureCause.TLS_FINGERPRINT_MISMATCH);
        assertThat(f.generalCause()).isEqualTo(GeneralCause.FP);
    }
}
