package org.mediasec.h248;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.testkit.ExternalTool;

/**
 * Our decoder against Erlang's on text we did not write: every message of the h248 module's corpus
 * (RFC 3525 Appendix A as typed from the RFC, the OTP documentation example, hand-written ones) is
 * decoded by Erlang/OTP megaco as it is; Erlang's re-encoding must then decode, with our decoder, to
 * the same model as the original did — compared case-insensitively (Erlang lower-cases names),
 * with SDP compared line by line and audit-reply descriptors in any order (Erlang re-orders both).
 */
@Tag("interop")
class H248ErlangCorpusInteropTest {

    static final Path CORPUS = Path.of("..", "h248", "src", "test", "resources", "corpus", "h248");

    /** Corpus messages Erlang megaco 4.4.2 rejects, and why (all are legal Annex B or RFC text). */
    static final Map<String, String> ERLANG_REJECTS = Map.of(
            "a.1.1-1", "the RFC's ServiceChange has no Reason; Erlang requires one",
            "a.1.2-15", "empty \"Signals { }\" (Annex B allows the braces; Erlang only takes a bare Signals)",
            "a.1.2-17", "empty \"Signals { }\", as above",
            "features-v3", "Iteration, X- method, Notify with Error, a transaction after a segment reply",
            "features-v3-pretty", "same message",
            "features-v3-compact", "same message",
            "message-error-mtp", "Erlang cannot encode a 3-octet MTP address",
            "message-error-mtp-pretty", "same message",
            "message-error-mtp-compact", "same message");

    @Test
    void erlangReadsOurCorpusAsWeDo(@TempDir Path dir) throws Exception {
        Path escript = ExternalTool.require("escript");
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".h248")).sorted().toList();
        }
        assertThat(files).as("corpus at %s", CORPUS.toAbsolutePath()).hasSizeGreaterThan(30);
        Map<String, H248Message> ours = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".h248", "");
            if (ERLANG_REJECTS.containsKey(name)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(f);
            H248Message m = H248TextCodec.decode(bytes).orThrow();
            String file = f.getParent().getFileName() + "_" + name + ".v" + m.version() + ".pretty";
            Files.write(dir.resolve(file), bytes);
            ours.put(file, m);
        }
        ExternalTool.Result res = ExternalTool.run(Duration.ofSeconds(60), escript.toString(),
                H248ErlangInteropTest.script().toString(), dir.toString()).requireSuccess();
        assertThat(res.stdout().lines().filter(l -> l.startsWith("ERR ")).toList())
                .as("Erlang megaco rejected corpus messages").isEmpty();
        assertThat(res.stdout()).contains("DONE " + ours.size());

        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, H248Message> e : ours.entrySet()) {
            String erlang = Files.readString(dir.resolve(e.getKey() + ".erl"), StandardCharsets.ISO_8859_1);
            H248Message back = H248TextCodec.decode(erlang).orThrow();
            String a = comparable(e.getValue());
            String b = comparable(back);
            if (!a.equals(b)) {
                mismatches.add(e.getKey() + "\n ours:   " + a + "\n erlang: " + b);
            }
        }
        assertThat(mismatches).as("Erlang read these differently").isEmpty();
    }

    /** Compact text of the model, lower case, SDP as lines, audit-reply descriptors sorted. */
    static String comparable(H248Message m) {
        H248Message n = (H248Message) sortReplies(H248ErlangInteropTest.sdpLines(m));
        return H248TextCodec.encodeToString(n, Style.COMPACT).toLowerCase(Locale.ROOT);
    }

    private static Object sortReplies(Object o) {
        if (o instanceof CommandReply r) {
            List<Descriptor> ds = new ArrayList<>(r.descriptors());
            ds.sort(Comparator.comparing(Descriptor::kind));
            return new CommandReply(r.kind(), r.terminationId(), ds);
        }
        if (o instanceof List<?> list) {
            return list.stream().map(H248ErlangCorpusInteropTest::sortReplies).toList();
        }
        if (o instanceof Record rec && rec.getClass().getPackageName().equals("org.mediasec.h248")) {
            try {
                var cs = rec.getClass().getRecordComponents();
                Object[] args = new Object[cs.length];
                Class<?>[] types = new Class<?>[cs.length];
                for (int i = 0; i < cs.length; i++) {
                    args[i] = sortReplies(cs[i].getAccessor().invoke(rec));
                    types[i] = cs[i].getType();
                }
                return rec.getClass().getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return o;
    }
}
