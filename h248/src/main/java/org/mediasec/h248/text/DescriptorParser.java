package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.DescriptorKind;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.EventBufferControl;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MId;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.ModemDescriptor;
import org.mediasec.h248.MuxDescriptor;
import org.mediasec.h248.Names;
import org.mediasec.h248.PackagesDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.ServiceChangeDescriptor;
import org.mediasec.h248.ServiceChangeMethod;
import org.mediasec.h248.ServiceState;
import org.mediasec.h248.StatisticsDescriptor;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.TerminationStateDescriptor;
import org.mediasec.h248.TimeNotation;
import org.mediasec.h248.text.TextLexer.ParseError;

/** The descriptor level of the text parser (H.248.1 Annex B {@code ammParameter}, {@code auditReturnParameter} ...). */
final class DescriptorParser {
    private final TextParser p;
    private final TextLexer lx;
    private final EventParser events;

    DescriptorParser(TextParser p) {
        this.p = p;
        this.lx = p.lx;
        this.events = new EventParser(p, this);
    }

    private static DescriptorKind kindOf(String word) {
        String k = Keywords.canonical(word);
        if (k != null) {
            for (DescriptorKind d : DescriptorKind.values()) {
                if (d.token().equals(k)) {
                    return d;
                }
            }
        }
        return null;
    }

    /** One descriptor of a command or command reply. */
    Descriptor descriptor(CommandKind command, boolean request) {
        int at = lx.pos;
        String w = lx.word("descriptor");
        DescriptorKind kind = kindOf(w);
        if (kind == null) {
            throw new ParseError("unknown descriptor \"" + w + "\" in " + command, at);
        }
        return switch (kind) {
            case MEDIA -> media();
            case MODEM -> modem();
            case MUX -> mux();
            case EVENTS -> events.events(true);
            case SIGNALS -> events.signals();
            case DIGIT_MAP -> events.digitMap();
            case AUDIT -> audit();
            case OBSERVED_EVENTS -> events.observedEvents();
            case EVENT_BUFFER -> events.eventBuffer();
            case STATISTICS -> statistics();
            case PACKAGES -> packages();
            case SERVICES -> services(request);
            case ERROR -> errorDescriptor();
        };
    }

    // ---------------------------------------------------------------- Error

    /** After the Error token: {@code = code { ["text"] }}. */
    ErrorDescriptor errorDescriptor() {
        lx.expect('=');
        int code = (int) lx.number("error code", 9999);
        p.open();
        String text = null;
        if (lx.peek() == '"') {
            text = lx.quoted();
        }
        p.close();
        return new ErrorDescriptor(ErrorCode.of(code), text);
    }

    // ---------------------------------------------------------------- values

    boolean onOff() {
        int at = lx.pos;
        String w = lx.word("ON or OFF");
        String k = Keywords.canonical(w);
        if ("ON".equals(k)) {
            return true;
        } else if ("OFF".equals(k)) {
            return false;
        }
        throw new ParseError("expected ON or OFF but found \"" + w + "\"", at);
    }

    /** Annex B VALUE: a quoted string (kept with its quotes) or SafeChars. */
    String value() {
        if (lx.peek() == '"') {
            return '"' + lx.quoted() + '"';
        }
        return lx.word("value");
    }

    /** {@code name parmValue} with the name already read. */
    PropertyParm propertyParm(String name, int at) {
        if (!Names.isPkgdName(name)) {
            throw new ParseError("\"" + name + "\" is not a property or parameter name", at);
        }
        int c = lx.peek();
        switch (c) {
            case '=' -> {
                lx.pos++;
                int d = lx.peek();
                if (d == '[') {
                    lx.pos++;
                    String first = value();
                    if (lx.accept(':')) {
                        String second = value();
                        lx.expect(']');
                        return new PropertyParm(name, new PropertyParm.Value.Range(first, second));
                    }
                    List<String> vs = new ArrayList<>();
                    vs.add(first);
                    while (lx.accept(',')) {
                        vs.add(value());
                    }
                    lx.expect(']');
                    return new PropertyParm(name, new PropertyParm.Value.AllOf(vs));
                }
                if (d == '{') {
                    p.open();
                    List<String> vs = new ArrayList<>();
                    do {
                        vs.add(value());
                    } while (lx.accept(','));
                    p.close();
                    return new PropertyParm(name, new PropertyParm.Value.OneOf(vs));
                }
                return new PropertyParm(name, new PropertyParm.Value.Relation(PropertyParm.Relation.EQUAL, value()));
            }
            case '>', '<', '#' -> {
                lx.pos++;
                PropertyParm.Relation r = c == '>' ? PropertyParm.Relation.GREATER
                        : c == '<' ? PropertyParm.Relation.LESS : PropertyParm.Relation.NOT_EQUAL;
                return new PropertyParm(name, new PropertyParm.Value.Relation(r, value()));
            }
            default -> throw lx.error("expected '=', '>', '<' or '#' after \"" + name + "\"");
        }
    }

    PropertyParm propertyParm() {
        int at = lx.pos;
        return propertyParm(lx.word("property name"), at);
    }

    // ---------------------------------------------------------------- Media

    private final class StreamBuilder {
        LocalControlDescriptor localControl;
        SdpBlock local;
        SdpBlock remote;
        StatisticsDescriptor statistics;

        boolean item(String k, int at) {
            switch (k == null ? "" : k) {
                case "LocalControl" -> {
                    lx.word();
                    dup(localControl, at, "LocalControl");
                    localControl = localControl();
                }
                case "Local" -> {
                    lx.word();
                    dup(local, at, "Local");
                    local = sdp();
                }
                case "Remote" -> {
                    lx.word();
                    dup(remote, at, "Remote");
                    remote = sdp();
                }
                case "Statistics" -> {
                    lx.word();
                    p.requireVersion(3, "Statistics in a stream");
                    dup(statistics, at, "Statistics");
                    statistics = statistics();
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        StreamParms build() {
            if (localControl == null && local == null && remote == null && statistics == null) {
                return null;
            }
            return new StreamParms(localControl, local, remote, statistics);
        }
    }

    static void dup(Object seen, int at, String what) {
        if (seen != null) {
            throw new ParseError(what + " appears twice", at);
        }
    }

    private MediaDescriptor media() {
        if (lx.peek() != '{') {
            return new MediaDescriptor(null, null, List.of());
        }
        TerminationStateDescriptor ts = null;
        StreamBuilder def = new StreamBuilder();
        List<StreamDescriptor> streams = new ArrayList<>();
        p.open();
        if (lx.peek() != '}') {
            do {
                int at = lx.pos;
                String k = lx.peekKeyword();
                if ("TerminationState".equals(k)) {
                    lx.word();
                    dup(ts, at, "TerminationState");
                    ts = terminationState();
                } else if ("Stream".equals(k)) {
                    lx.word();
                    lx.expect('=');
                    int id = (int) lx.number("stream id", 65535);
                    StreamBuilder sb = new StreamBuilder();
                    p.open();
                    do {
                        int iat = lx.pos;
                        if (!sb.item(lx.peekKeyword(), iat)) {
                            throw lx.error("expected LocalControl, Local or Remote but found " + lx.describeNext());
                        }
                    } while (lx.accept(','));
                    p.close();
                    streams.add(new StreamDescriptor(id, sb.build()));
                } else if (!def.item(k, at)) {
                    throw lx.error("unexpected " + lx.describeNext() + " in Media");
                }
            } while (lx.accept(','));
        }
        p.close();
        return new MediaDescriptor(ts, def.build(), streams);
    }

    private SdpBlock sdp() {
        p.open();
        String text = lx.rawUntilClose(true);
        p.depth--;
        return new SdpBlock(text);
    }

    private TerminationStateDescriptor terminationState() {
        ServiceState state = null;
        EventBufferControl buffer = null;
        List<PropertyParm> props = new ArrayList<>();
        p.open();
        do {
            int at = lx.pos;
            String w = lx.word("TerminationState item");
            String k = Keywords.canonical(w);
            if ("ServiceStates".equals(k)) {
                dup(state, at, "ServiceStates");
                lx.expect('=');
                int vat = lx.pos;
                String v = lx.word("service state");
                state = ServiceState.fromToken(v);
                if (state == null) {
                    throw new ParseError("unknown service state \"" + v + "\"", vat);
                }
            } else if ("Buffer".equals(k)) {
                dup(buffer, at, "Buffer");
                lx.expect('=');
                int vat = lx.pos;
                String v = lx.word("buffer control");
                buffer = EventBufferControl.fromToken(v);
                if (buffer == null) {
                    throw new ParseError("unknown buffer control \"" + v + "\"", vat);
                }
            } else {
                props.add(propertyParm(w, at));
            }
        } while (lx.accept(','));
        p.close();
        return new TerminationStateDescriptor(state, buffer, props);
    }

    private LocalControlDescriptor localControl() {
        StreamMode mode = null;
        Boolean group = null;
        Boolean value = null;
        List<PropertyParm> props = new ArrayList<>();
        p.open();
        do {
            int at = lx.pos;
            String w = lx.word("LocalControl item");
            String k = Keywords.canonical(w);
            if ("Mode".equals(k)) {
                dup(mode, at, "Mode");
                lx.expect('=');
                int vat = lx.pos;
                String v = lx.word("mode");
                mode = StreamMode.fromToken(v);
                if (mode == null) {
                    throw new ParseError("unknown mode \"" + v + "\"", vat);
                }
            } else if ("ReservedGroup".equals(k)) {
                dup(group, at, "ReservedGroup");
                lx.expect('=');
                group = onOff();
            } else if ("ReservedValue".equals(k)) {
                dup(value, at, "ReservedValue");
                lx.expect('=');
                value = onOff();
            } else {
                props.add(propertyParm(w, at));
            }
        } while (lx.accept(','));
        p.close();
        return new LocalControlDescriptor(mode, group, value, props);
    }

    // ---------------------------------------------------------------- Modem, Mux

    private ModemDescriptor modem() {
        // Annex B has "Modem = type" and "Modem [type, ...]"; "Modem = [...]" is accepted too
        if (!lx.accept('=') && lx.peek() != '[') {
            return new ModemDescriptor(List.of(), List.of());
        }
        List<String> types = new ArrayList<>();
        if (lx.accept('[')) {
            do {
                types.add(canonicalType(lx.word("modem type")));
            } while (lx.accept(','));
            lx.expect(']');
        } else {
            types.add(canonicalType(lx.word("modem type")));
        }
        List<PropertyParm> props = List.of();
        if (lx.peek() == '{') {
            props = p.list(this::propertyParm);
        }
        return new ModemDescriptor(types, props);
    }

    private static String canonicalType(String w) {
        String k = Keywords.canonical(w);
        return k != null ? k : w;
    }

    private MuxDescriptor mux() {
        if (!lx.accept('=')) {
            return new MuxDescriptor(null, List.of());
        }
        String type = canonicalType(lx.word("mux type"));
        if (type.equals("Nx64Kservice")) {
            p.requireVersion(2, "Nx64Kservice");
        }
        List<TerminationId> tids = p.list(p::terminationId);
        return new MuxDescriptor(type, tids);
    }

    // ---------------------------------------------------------------- Audit, ObservedEvents, EventBuffer ...

    private AuditDescriptor audit() {
        List<DescriptorKind> items = p.optionalList(() -> {
            int at = lx.pos;
            String w = lx.word("audit item");
            DescriptorKind k = kindOf(w);
            if (k == null || k == DescriptorKind.AUDIT || k == DescriptorKind.SERVICES || k == DescriptorKind.ERROR) {
                throw new ParseError("unknown or unsupported audit item \"" + w + "\"", at);
            }
            return k;
        });
        return new AuditDescriptor(items);
    }

    StatisticsDescriptor statistics() {
        if (lx.peek() != '{') {
            return new StatisticsDescriptor(List.of());
        }
        return new StatisticsDescriptor(p.optionalList(() -> {
            int at = lx.pos;
            String w = lx.word("statistic name");
            if (!Names.isPkgdName(w)) {
                throw new ParseError("\"" + w + "\" is not a statistic name", at);
            }
            String v = lx.accept('=') ? value() : null;
            return new StatisticsDescriptor.Statistic(w, v);
        }));
    }

    private PackagesDescriptor packages() {
        if (lx.peek() != '{') {
            return new PackagesDescriptor(List.of());
        }
        return new PackagesDescriptor(p.optionalList(() -> {
            int at = lx.pos;
            String w = lx.word("package");
            int dash = w.lastIndexOf('-');
            if (dash <= 0) {
                throw new ParseError("expected name-version but found \"" + w + "\"", at);
            }
            int v = (int) lx.parseNumber(w.substring(dash + 1), "package version", 99, at);
            return new PackagesDescriptor.PackageRef(w.substring(0, dash), v);
        }));
    }

    // ---------------------------------------------------------------- Services

    private ServiceChangeDescriptor services(boolean request) {
        ServiceChangeMethod method = null;
        String reason = null;
        Integer delay = null;
        ServiceChangeDescriptor.ServiceChangeAddress address = null;
        ServiceChangeDescriptor.ServiceChangeProfile profile = null;
        Integer version = null;
        MId mgc = null;
        TimeNotation ts = null;
        List<PropertyParm> ext = new ArrayList<>();
        boolean incomplete = false;
        p.open();
        if (lx.peek() != '}') do {
            int at = lx.pos;
            String w = lx.word("ServiceChange parameter");
            String k = Keywords.canonical(w);
            switch (k == null ? "" : k) {
                case "Method" -> {
                    dup(method, at, "Method");
                    lx.expect('=');
                    int vat = lx.pos;
                    String v = lx.word("method");
                    method = ServiceChangeMethod.of(v);
                    if (method == null) {
                        throw new ParseError("unknown ServiceChange method \"" + v + "\"", vat);
                    }
                }
                case "Reason" -> {
                    dup(reason, at, "Reason");
                    lx.expect('=');
                    reason = lx.peek() == '"' ? lx.quoted() : lx.word("reason");
                }
                case "Delay" -> {
                    dup(delay, at, "Delay");
                    lx.expect('=');
                    delay = (int) lx.number("delay", Integer.MAX_VALUE);
                }
                case "ServiceChangeAddress" -> {
                    dup(address, at, "ServiceChangeAddress");
                    lx.expect('=');
                    String next = lx.peekWord();
                    if (!next.isEmpty() && next.chars().allMatch(Character::isDigit)) {
                        int vat = lx.pos;
                        address = ServiceChangeDescriptor.ServiceChangeAddress.port(
                                (int) lx.parseNumber(lx.word(), "port", 65535, vat));
                    } else {
                        address = new ServiceChangeDescriptor.ServiceChangeAddress(p.mId(), null);
                    }
                }
                case "Profile" -> {
                    dup(profile, at, "Profile");
                    lx.expect('=');
                    int vat = lx.pos;
                    String v = lx.word("profile");
                    int slash = v.lastIndexOf('/');
                    if (slash <= 0) {
                        throw new ParseError("expected name/version but found \"" + v + "\"", vat);
                    }
                    profile = new ServiceChangeDescriptor.ServiceChangeProfile(v.substring(0, slash),
                            (int) lx.parseNumber(v.substring(slash + 1), "profile version", 99, vat));
                }
                case "Version" -> {
                    dup(version, at, "Version");
                    lx.expect('=');
                    version = (int) lx.number("version", 99);
                }
                case "MgcIdToTry" -> {
                    dup(mgc, at, "MgcIdToTry");
                    lx.expect('=');
                    mgc = p.mId();
                }
                case "ServiceChangeInc" -> {
                    p.requireVersion(3, "ServiceChangeInc");
                    incomplete = true;
                }
                default -> {
                    TimeNotation t = TimeNotation.parse(w);
                    if (t != null) {
                        dup(ts, at, "time stamp");
                        ts = t;
                    } else if (Names.isExtension(w)) {
                        ext.add(propertyParm(w, at));
                    } else {
                        throw new ParseError("unknown ServiceChange parameter \"" + w + "\"", at);
                    }
                }
            }
        } while (lx.accept(','));
        p.close();
        if (address != null && mgc != null) {
            throw new ParseError("ServiceChangeAddress and MgcIdToTry together", lx.pos);
        }
        if (!request && (method != null || reason != null || delay != null || !ext.isEmpty() || incomplete)) {
            throw new ParseError("ServiceChange reply carries request-only parameters", lx.pos);
        }
        return new ServiceChangeDescriptor(method, reason, delay, address, profile, version, mgc, ts, ext, incomplete);
    }
}
