package org.mediasec.h248.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.H248Message;

/**
 * The benchmark input: the messages of RFC 3525 Appendix A (A.1.1 steps 1-4, A.1.2 steps 6-22),
 * copied from the h248 test corpus into {@code /h248/rfc3525-appendix-a/} of this jar.
 *
 * <p>27 of the 28 are used: {@value #EXCLUDED} (step 1, the MG's ServiceChange) is left out because
 * the RFC's message has no ServiceChange Reason and Erlang megaco refuses it
 * ({@code missing_required_serviceChangeParm}), so the baseline could not decode it.
 *
 * <p>As in megaco's own {@code megaco_codec_meas} (which decodes the codec's re-encoding of each
 * message), the input octets are canonical: each file is decoded once and re-encoded with our
 * {@link Style#PRETTY} and {@link Style#COMPACT} encoders. (The files as typed carry comments, odd
 * white space and {@code Signals { }}, which megaco's v1 parser also refuses.) {@link #main} writes
 * both forms ({@code <name>.v<V>.pretty|compact}) to a directory so that the Erlang megaco baseline
 * ({@code benchmarks/erlang/megaco_codec_bench.escript}) decodes exactly the same octets.
 */
public final class H248BenchCorpus {
    private static final String DIR = "/h248/rfc3525-appendix-a/";
    /** The one message megaco cannot decode. */
    static final String EXCLUDED = "a.1.1-1";

    /** One message: its name, its protocol version and its octets in both styles. */
    public record Entry(String name, int version, byte[] pretty, byte[] compact) {
        public byte[] wire(Style style) {
            return style == Style.PRETTY ? pretty : compact;
        }
    }

    private H248BenchCorpus() {
    }

    /** The file names used, in RFC order: a.1.1-2..4, a.1.2-01..24. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            names.add("a.1.1-" + i);
        }
        for (int i = 1; i <= 24; i++) {
            names.add(String.format("a.1.2-%02d", i));
        }
        return names;
    }

    public static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        for (String name : names()) {
            H248Message m = H248TextCodec.decode(read(DIR + name + ".h248")).orThrow();
            byte[] pretty = H248TextCodec.encode(m, Style.PRETTY);
            byte[] compact = H248TextCodec.encode(m, Style.COMPACT);
            if (!H248TextCodec.decode(pretty).orThrow().equals(m) || !H248TextCodec.decode(compact).orThrow().equals(m)) {
                throw new IllegalStateException(name + ": a re-encoding does not decode to the same message");
            }
            entries.add(new Entry(name, m.version(), pretty, compact));
        }
        return entries;
    }

    private static byte[] read(String resource) {
        try (InputStream in = H248BenchCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <name>.v<V>.pretty} and {@code <name>.v<V>.compact} for every message into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: H248BenchCorpus <output directory>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        List<Entry> entries = load();
        for (Entry e : entries) {
            Files.write(dir.resolve(e.name() + ".v" + e.version() + ".pretty"), e.pretty());
            Files.write(dir.resolve(e.name() + ".v" + e.version() + ".compact"), e.compact());
        }
        System.out.println("wrote " + 2 * entries.size() + " files to " + dir);
    }
}
