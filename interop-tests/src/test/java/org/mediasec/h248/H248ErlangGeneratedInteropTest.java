package org.mediasec.h248;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URISyntaxException;
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
 * Differential test against Erlang/OTP megaco on 300 generated messages (resources
 * {@code h248/generated}, see its README): each is encoded by us in both styles, decoded and
 * re-encoded by Erlang, and decoded by us again; the result must equal the original model up to the
 * documented ways Erlang writes a message back ({@link #erlangView}).
 */
@Tag("interop")
class H248ErlangGeneratedInteropTest {

    @Test
    void erlangAgreesWithUsOnEveryGeneratedMessage(@TempDir Path dir) throws Exception {
        Path escript = ExternalTool.require("escript");
        Map<String, H248Message> originals = new LinkedHashMap<>();
        for (Path f : generated()) {
            H248Message m = H248TextCodec.decode(Files.readAllBytes(f)).orThrow();
            String name = f.getFileName().toString().replace(".h248", "");
            for (Style style : Style.values()) {
                String file = name + "." + style.name().toLowerCase(Locale.ROOT);
                Files.write(dir.resolve(file), H248TextCodec.encode(m, style));
                originals.put(file, m);
            }
        }
        assertThat(originals).hasSize(600);
        ExternalTool.Result res = ExternalTool.run(Duration.ofSeconds(120), escript.toString(),
                H248ErlangInteropTest.script().toString(), dir.toString()).requireSuccess();
        assertThat(res.stdout().lines().filter(l -> l.startsWith("ERR ")).toList())
                .as("Erlang megaco rejected our encodings").isEmpty();
        assertThat(res.stdout()).contains("DONE " + originals.size());

        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, H248Message> e : originals.entrySet()) {
            String erlang = Files.readString(dir.resolve(e.getKey() + ".erl"), StandardCharsets.ISO_8859_1);
            String ours = erlangView(e.getValue());
            String theirs;
            try {
                theirs = erlangView(H248TextCodec.decode(erlang).orThrow());
            } catch (IllegalStateException ex) {
                theirs = ex.getMessage();
            }
            if (!ours.equals(theirs)) {
                mismatches.add(e.getKey() + "\n ours:   " + ours + "\n erlang: " + theirs);
            }
        }
        assertThat(mismatches).as("Erlang wrote these back differently").isEmpty();
    }

    static List<Path> generated() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(H248ErlangGeneratedInteropTest.class.getResource("/h248/generated").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".h248")).sorted().toList();
        }
    }

    /**
     * The model as Erlang megaco 4.4.2 writes it back, as lower-case compact text. Erlang lower-cases
     * names, re-orders audit return descriptors, writes SDP with CRLF, lays out digit maps its own
     * way, writes IPv6 addresses in another (equivalent) form, writes a one-value list as the value,
     * drops the relation ({@code >}, {@code <}, {@code #}) of event and signal parameters, drops
     * {@code X-} ServiceChange extensions, drops an empty Signals descriptor inside Embed, and drops the
     * Modem descriptor from version 2 on.
     */
    static String erlangView(H248Message m) {
        H248Message n = (H248Message) normalize(m, m.version());
        return H248TextCodec.encodeToString(n, Style.COMPACT).toLowerCase(Locale.ROOT);
    }

    private static Object normalize(Object o, int version) {
        if (o instanceof SdpBlock sdp) {
            return new SdpBlock(String.join("\n", sdp.lines()));
        }
        if (o instanceof DigitMapDescriptor dm && dm.value() != null) {
            return new DigitMapDescriptor(dm.name(), dm.compactValue());
        }
        if (o instanceof MId.Ip6 ip) {
            return new MId.Ip6(canonicalIp6(ip.address()), ip.port());
        }
        if (o instanceof PropertyParm p && (p.value() instanceof PropertyParm.Value.AllOf
                || p.value() instanceof PropertyParm.Value.OneOf)) {
            List<String> vs = p.value() instanceof PropertyParm.Value.AllOf a ? a.values()
                    : ((PropertyParm.Value.OneOf) p.value()).values();
            if (vs.size() == 1) {
                return PropertyParm.of(p.name(), vs.get(0));
            }
        }
        if (o instanceof RequestedEvent ev) {
            RequestedEvent.Embed embed = ev.embed();
            if (embed != null && embed.signals() != null && embed.signals().signals().isEmpty()) {
                embed = embed.events() == null ? null : new RequestedEvent.Embed(null, embed.events());
            }
            return new RequestedEvent(ev.name(), ev.streamId(), ev.keepActive(),
                    ev.digitMap() == null ? null : (DigitMapDescriptor) normalize(ev.digitMap(), version),
                    embed == null ? null : (RequestedEvent.Embed) normalize(embed, version),
                    equalsOnly(ev.parameters(), version));
        }
        if (o instanceof ObservedEvent ev) {
            return new ObservedEvent(ev.timestamp(), ev.name(), ev.streamId(), equalsOnly(ev.parameters(), version));
        }
        if (o instanceof EventBufferDescriptor.EventSpec ev) {
            return new EventBufferDescriptor.EventSpec(ev.name(), ev.streamId(), equalsOnly(ev.parameters(), version));
        }
        if (o instanceof Signal s) {
            return new Signal(s.name(), s.streamId(), s.signalType(), s.duration(), s.notifyCompletion(),
                    s.keepActive(), equalsOnly(s.parameters(), version));
        }
        if (o instanceof ServiceChangeDescriptor sc && !sc.extensions().isEmpty()) {
            return normalize(new ServiceChangeDescriptor(sc.method(), sc.reason(), sc.delay(), sc.address(),
                    sc.profile(), sc.version(), sc.mgcIdToTry(), sc.timestamp(), List.of(), sc.incomplete()), version);
        }
        if (o instanceof CommandRequest c && version >= 2) {
            List<Descriptor> ds = c.descriptors().stream().filter(d -> !(d instanceof ModemDescriptor)).toList();
            return record(new CommandRequest(c.optional(), c.wildcardResponse(), c.kind(), c.terminationId(), ds),
                    version);
        }
        if (o instanceof CommandReply r) {
            List<Descriptor> ds = new ArrayList<>(r.descriptors());
            ds.sort(Comparator.comparing(Descriptor::kind));
            return record(new CommandReply(r.kind(), r.terminationId(), ds), version);
        }
        if (o instanceof List<?> list) {
            return list.stream().map(x -> normalize(x, version)).toList();
        }
        return record(o, version);
    }

    private static List<PropertyParm> equalsOnly(List<PropertyParm> ps, int version) {
        List<PropertyParm> out = new ArrayList<>();
        for (PropertyParm p : ps) {
            PropertyParm n = (PropertyParm) normalize(p, version);
            if (n.value() instanceof PropertyParm.Value.Relation r) {
                n = PropertyParm.of(n.name(), r.value());
            }
            out.add(n);
        }
        return out;
    }

    private static String canonicalIp6(String address) {
        try {
            InetAddress a = InetAddress.getByName(address);
            // Java turns ::ffff:a.b.c.d into an IPv4 address; keep it an IPv6 text
            return a instanceof java.net.Inet4Address ? "::ffff:" + a.getHostAddress() : a.getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** Rebuilds a model record with normalised components. */
    private static Object record(Object o, int version) {
        if (o instanceof Record rec && rec.getClass().getPackageName().equals("org.mediasec.h248")) {
            try {
                var cs = rec.getClass().getRecordComponents();
                Object[] args = new Object[cs.length];
                Class<?>[] types = new Class<?>[cs.length];
                for (int i = 0; i < cs.length; i++) {
                    Object v = cs[i].getAccessor().invoke(rec);
                    args[i] = v == null ? null : normalize(v, version);
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
