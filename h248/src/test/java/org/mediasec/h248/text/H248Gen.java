package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.mediasec.h248.*;

/**
 * Seeded generator of random, legal H.248 messages for the property tests. Everything it builds is
 * legal for the message's version (version 2/3 constructs only appear in version 2/3 messages).
 */
final class H248Gen {
    private final SplittableRandom r;
    private final int version;

    H248Gen(SplittableRandom r) {
        this.r = r;
        this.version = 1 + r.nextInt(3);
    }

    static H248Message message(SplittableRandom r) {
        return new H248Gen(r).message();
    }

    private boolean coin() {
        return r.nextBoolean();
    }

    private boolean rarely() {
        return r.nextInt(5) == 0;
    }

    @SafeVarargs
    private <T> T pick(T... xs) {
        return xs[r.nextInt(xs.length)];
    }

    private <T> List<T> some(int min, int max, Supplier<T> g) {
        int n = min + r.nextInt(max - min + 1);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.get());
        }
        return out;
    }

    private long uint32() {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(10);
            case 1 -> 0xFFFF_FFFFL - r.nextInt(3);
            default -> r.nextLong(0, 0x1_0000_0000L);
        };
    }

    H248Message message() {
        MessageBody body = rarely() ? error() : new TransactionList(some(1, 3, this::transaction));
        return new H248Message(version, mId(), body);
    }

    MId mId() {
        Integer port = coin() ? r.nextInt(65536) : null;
        return switch (r.nextInt(5)) {
            case 0 -> new MId.Ip4(r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256), port);
            case 1 -> new MId.Ip6(pick("::1", "2001:db8::10", "fe80::1:2", "::ffff:10.0.0.1"), port);
            case 2 -> new MId.Domain(pick("mgc.example.net", "a", "mg-1.op.example"), port);
            case 3 -> new MId.Device(pick("mg1", "rack/7/mg", "gw_2"));
            default -> new MId.Mtp(pick("0A1B", "12345678", "abcdef"));
        };
    }

    ErrorDescriptor error() {
        ErrorCode code = coin() ? ErrorCode.of(pick(400, 401, 403, 406, 411, 430, 500, 510)) : ErrorCode.of(r.nextInt(1000));
        return new ErrorDescriptor(code, coin() ? null : pick("", "Syntax error", "a {b} ; c", "x=1, y=[2]"));
    }

    Transaction transaction() {
        int k = r.nextInt(version >= 3 ? 6 : 5);
        return switch (k) {
            case 0, 1 -> new Transaction.Request(uint32(), some(1, 2, this::actionRequest));
            case 2 -> reply();
            case 3 -> new Transaction.Pending(uint32());
            case 4 -> new Transaction.ResponseAck(some(1, 3, () -> {
                long a = r.nextInt(1000);
                return coin() ? Transaction.AckRange.of(a) : new Transaction.AckRange(a, a + r.nextInt(100));
            }));
            default -> new Transaction.SegmentReply(uint32(), r.nextInt(65536), coin());
        };
    }

    Transaction reply() {
        Integer seg = version >= 3 && coin() ? r.nextInt(65536) : null;
        boolean complete = seg != null && coin();
        if (rarely()) {
            return new Transaction.Reply(uint32(), coin(), seg, complete, error(), List.of());
        }
        return new Transaction.Reply(uint32(), coin(), seg, complete, null, some(1, 2, this::actionReply));
    }

    ContextId contextId() {
        return switch (r.nextInt(4)) {
            case 0 -> ContextId.NULL;
            case 1 -> ContextId.CHOOSE;
            case 2 -> ContextId.ALL;
            default -> ContextId.of(1 + r.nextLong(0xFFFF_FFFDL));
        };
    }

    TerminationId tid() {
        return TerminationId.of(pick("ROOT", "$", "*", "rtp/*", "A4444", "tdm/1/2", "a*", "ep_1", "rtp/$", "t.1"));
    }

    ContextProperties contextProperties() {
        Integer prio = coin() ? r.nextInt(16) : null;
        Boolean em = coin() ? (version >= 2 ? coin() : Boolean.TRUE) : null;
        List<TopologyTriple> topo = coin() ? some(1, 2, this::triple) : List.of();
        Boolean ieps = version >= 3 && coin() ? coin() : null;
        List<PropertyParm> attrs = version >= 3 && coin() ? some(1, 2, this::property) : List.of();
        if (prio == null && em == null && topo.isEmpty() && ieps == null && attrs.isEmpty()) {
            prio = 0;
        }
        return new ContextProperties(prio, em, topo, ieps, attrs);
    }

    TopologyTriple triple() {
        TopologyDirection d = TopologyDirection.values()[r.nextInt(version >= 3 ? 5 : 3)];
        return new TopologyTriple(tid(), tid(), d, version >= 2 && coin() ? r.nextInt(10) : null);
    }

    ActionRequest actionRequest() {
        ContextProperties cp = rarely() ? contextProperties() : null;
        ContextAudit ca = version >= 2 && rarely()
                ? new ContextAudit(true, coin(), coin(), version >= 3 && coin(), version >= 3 && coin() ? List.of("p/q") : List.of())
                : null;
        List<CommandRequest> cmds = some(cp == null && ca == null ? 1 : 0, 3, this::commandRequest);
        return new ActionRequest(contextId(), cp, ca, cmds);
    }

    ActionReply actionReply() {
        ContextProperties cp = rarely() ? contextProperties() : null;
        List<CommandReply> replies = some(0, 3, this::commandReply);
        ErrorDescriptor error = rarely() ? error() : null;
        if (cp == null && replies.isEmpty() && error == null) {
            replies = List.of(commandReply());
        }
        return new ActionReply(contextId(), cp, replies, error);
    }

    CommandRequest commandRequest() {
        CommandKind kind = pick(CommandKind.values());
        List<Descriptor> ds = new ArrayList<>();
        switch (kind) {
            case ADD, MODIFY, MOVE -> {
                for (DescriptorKind k : EnumSet.of(DescriptorKind.MEDIA, DescriptorKind.MODEM, DescriptorKind.MUX,
                        DescriptorKind.EVENTS, DescriptorKind.SIGNALS, DescriptorKind.DIGIT_MAP, DescriptorKind.AUDIT,
                        DescriptorKind.EVENT_BUFFER, DescriptorKind.STATISTICS)) {
                    if (r.nextInt(4) == 0 && (k != DescriptorKind.STATISTICS || version >= 3)) {
                        Descriptor d;
                        do {
                            d = descriptor(k); // a request carries content: no bare Media, Mux ...
                        } while (CommandRulesView.isEmptyForm(d));
                        ds.add(d);
                    }
                }
            }
            case SUBTRACT -> {
                if (coin()) {
                    ds.add(audit());
                }
            }
            case AUDIT_VALUE, AUDIT_CAPABILITIES -> ds.add(audit());
            case NOTIFY -> {
                ds.add(observedEvents(false));
                if (rarely()) {
                    ds.add(error());
                }
            }
            case SERVICE_CHANGE -> ds.add(services(true));
            default -> throw new AssertionError();
        }
        return new CommandRequest(coin() && coin(), coin() && coin(), kind, tid(), ds);
    }

    CommandReply commandReply() {
        CommandKind kind = pick(CommandKind.values());
        List<Descriptor> ds = new ArrayList<>();
        switch (kind) {
            case NOTIFY -> {
                if (rarely()) {
                    ds.add(error());
                }
            }
            case SERVICE_CHANGE -> {
                if (coin()) {
                    ds.add(coin() ? services(false) : error());
                }
            }
            default -> {
                for (DescriptorKind k : EnumSet.of(DescriptorKind.MEDIA, DescriptorKind.MODEM, DescriptorKind.MUX,
                        DescriptorKind.EVENTS, DescriptorKind.SIGNALS, DescriptorKind.DIGIT_MAP,
                        DescriptorKind.OBSERVED_EVENTS, DescriptorKind.EVENT_BUFFER, DescriptorKind.STATISTICS,
                        DescriptorKind.PACKAGES, DescriptorKind.ERROR)) {
                    if (r.nextInt(5) == 0) {
                        ds.add(k == DescriptorKind.OBSERVED_EVENTS ? observedEvents(true)
                                : k == DescriptorKind.ERROR ? error() : descriptor(k));
                    }
                }
            }
        }
        return new CommandReply(kind, tid(), ds);
    }

    Descriptor descriptor(DescriptorKind k) {
        return switch (k) {
            case MEDIA -> media();
            case MODEM -> coin() ? new ModemDescriptor(List.of(), List.of())
                    : new ModemDescriptor(some(1, 2, () -> pick("V18", "V34", "V22b", "SynchISDN", "X-abc")),
                    coin() ? List.of() : some(1, 2, this::property));
            case MUX -> coin() ? new MuxDescriptor(null, List.of())
                    : new MuxDescriptor(version >= 2 ? pick("H221", "H223", "H226", "V76", "Nx64Kservice")
                    : pick("H221", "H223", "H226", "V76"), some(1, 3, this::tid));
            case EVENTS -> events(true);
            case SIGNALS -> signals();
            case DIGIT_MAP -> rarely() ? DigitMapDescriptor.EMPTY : digitMap();
            case AUDIT -> audit();
            case EVENT_BUFFER -> new EventBufferDescriptor(some(0, 2, () -> new EventBufferDescriptor.EventSpec(
                    eventName(), coin() ? r.nextInt(5) : null, some(0, 2, this::parameter))));
            case STATISTICS -> statistics();
            case PACKAGES -> new PackagesDescriptor(some(0, 3,
                    () -> new PackagesDescriptor.PackageRef(pick("nt", "rtp", "g", "tlsbsc", "al"), r.nextInt(10))));
            default -> throw new AssertionError(k);
        };
    }

    AuditDescriptor audit() {
        List<DescriptorKind> items = new ArrayList<>(AuditDescriptor_ITEMS);
        java.util.Collections.shuffle(items, new java.util.Random(r.nextLong()));
        return new AuditDescriptor(items.subList(0, r.nextInt(4)));
    }

    private static final List<DescriptorKind> AuditDescriptor_ITEMS = List.of(DescriptorKind.MUX, DescriptorKind.MODEM,
            DescriptorKind.MEDIA, DescriptorKind.SIGNALS, DescriptorKind.EVENT_BUFFER, DescriptorKind.DIGIT_MAP,
            DescriptorKind.STATISTICS, DescriptorKind.EVENTS, DescriptorKind.OBSERVED_EVENTS, DescriptorKind.PACKAGES);

    String value() {
        return pick("1", "on", "state", "\"916135551212\"", "\"a b, {c}; d\"", "0.2", "-", "*", "$", "\"\"", "UM");
    }

    String pkgdName() {
        return pick("tdmc/gain", "tdmc/ec", "nt/jit", "x/y", "tlsbsc/abc", "p1/*");
    }

    String eventName() {
        return pick("al/of", "al/on", "dd/ce", "g/cause", "hangterm/thb", "*/*", "x/*");
    }

    PropertyParm property() {
        return new PropertyParm(pkgdName(), parmValue());
    }

    PropertyParm parameter() {
        return new PropertyParm(pick("strict", "init", "ds", "Meth", "Generalcause", "p_2"), parmValue());
    }

    PropertyParm.Value parmValue() {
        return switch (r.nextInt(6)) {
            case 0 -> new PropertyParm.Value.AllOf(some(1, 3, this::value));
            case 1 -> new PropertyParm.Value.OneOf(some(1, 3, this::value));
            case 2 -> new PropertyParm.Value.Range(value(), value());
            case 3 -> new PropertyParm.Value.Relation(pick(PropertyParm.Relation.values()), value());
            default -> new PropertyParm.Value.Relation(PropertyParm.Relation.EQUAL, value());
        };
    }

    SdpBlock sdp() {
        return new SdpBlock(pick("", "v=0", "v=0\nc=IN IP4 $\nm=audio $ RTP/AVP 4\na=ptime:30",
                "v=0\r\nm=message 7394 TCP/TLS/MSRP *\r\na=fingerprint:$", "a=x:\\}y\nb={z\\}", "v=0\n\n\tm=image 5 UDP/DTLS t38"));
    }

    MediaDescriptor media() {
        if (rarely()) {
            return new MediaDescriptor(null, null, List.of());
        }
        TerminationStateDescriptor ts = coin() ? new TerminationStateDescriptor(
                coin() ? pick(ServiceState.values()) : null, coin() ? pick(EventBufferControl.values()) : null,
                some(1, 2, this::property)) : null;
        StreamParms def = rarely() ? streamParms() : null;
        List<StreamDescriptor> streams = def != null ? List.of()
                : some(ts == null ? 1 : 0, 2, () -> new StreamDescriptor(r.nextInt(5), streamParms()));
        return new MediaDescriptor(ts, def, streams);
    }

    StreamParms streamParms() {
        LocalControlDescriptor lc = coin() ? new LocalControlDescriptor(coin() ? pick(StreamMode.values()) : null,
                coin() ? coin() : null, coin() ? coin() : null, some(1, 2, this::property)) : null;
        SdpBlock local = coin() ? sdp() : null;
        SdpBlock remote = coin() ? sdp() : null;
        StatisticsDescriptor st = version >= 3 && rarely() ? statistics() : null;
        if (lc == null && local == null && remote == null && st == null) {
            local = sdp();
        }
        return new StreamParms(lc, local, remote, st);
    }

    StatisticsDescriptor statistics() {
        return new StatisticsDescriptor(some(0, 3, () -> new StatisticsDescriptor.Statistic(
                pick("rtp/ps", "nt/os", "nt/dur", "rtp/pl"), coin() ? pick("1200", "0.2", "\"x\"") : null)));
    }

    EventsDescriptor events(boolean allowEmbed) {
        if (rarely()) {
            return EventsDescriptor.EMPTY;
        }
        return new EventsDescriptor(uint32(), some(1, 3, () -> requestedEvent(allowEmbed)));
    }

    RequestedEvent requestedEvent(boolean allowEmbed) {
        RequestedEvent.Embed embed = null;
        if (allowEmbed && rarely()) {
            SignalsDescriptor s = coin() ? signals() : null;
            EventsDescriptor e = s == null || coin() ? events(false) : null;
            embed = new RequestedEvent.Embed(s, e);
        }
        return new RequestedEvent(eventName(), coin() ? r.nextInt(4) : null, rarely(),
                rarely() ? (coin() ? new DigitMapDescriptor("dialplan0", null)
                        : new DigitMapDescriptor(null, pick("(x.)", "T:10,(0|1x)"))) : null,
                embed, some(0, 2, this::parameter));
    }

    SignalsDescriptor signals() {
        if (rarely()) {
            return SignalsDescriptor.EMPTY;
        }
        return new SignalsDescriptor(some(1, 3, () -> coin() ? signal()
                : new SignalList(r.nextInt(100), some(1, 2, this::signal))));
    }

    Signal signal() {
        List<NotifyCompletion> nc = new ArrayList<>();
        if (coin()) {
            for (NotifyCompletion n : NotifyCompletion.values()) {
                if (coin() && (n != NotifyCompletion.ITERATION || version >= 3)) {
                    nc.add(n);
                }
            }
        }
        return new Signal(pick("cg/rt", "cg/dt", "al/ri", "an/apf"), coin() ? r.nextInt(4) : null,
                coin() ? pick(SignalType.values()) : null, coin() ? (long) r.nextInt(65536) : null, nc, rarely(),
                some(0, 2, this::parameter));
    }

    DigitMapDescriptor digitMap() {
        String value = pick("(0|00|[1-7]xxx|8xxxxxxx|Fxxxxxxx|Exx|91xxxxxxxxxx|9011x.)", "T:10,S:5,L:20,(x.)",
                "( 0 | 1x )");
        return switch (r.nextInt(3)) {
            case 0 -> new DigitMapDescriptor("Dialplan0", null);
            case 1 -> new DigitMapDescriptor(null, value);
            default -> new DigitMapDescriptor("dm_1", value);
        };
    }

    ObservedEventsDescriptor observedEvents(boolean allowEmpty) {
        if (allowEmpty && rarely()) {
            return new ObservedEventsDescriptor(null, List.of());
        }
        return new ObservedEventsDescriptor(uint32(), some(1, 3, () -> new ObservedEvent(
                coin() ? new TimeNotation("19990729", String.format("%08d", r.nextInt(100_000_000))) : null,
                eventName(), coin() ? r.nextInt(4) : null, some(0, 2, this::parameter))));
    }

    ServiceChangeDescriptor services(boolean request) {
        ServiceChangeDescriptor sc;
        do {
            sc = servicesMaybeEmpty(request);
        } while (sc == null);
        return sc;
    }

    /** Null when the random choice left every parameter out (an empty Services is illegal). */
    ServiceChangeDescriptor servicesMaybeEmpty(boolean request) {
        MId mgc = rarely() ? mId() : null;
        ServiceChangeDescriptor.ServiceChangeAddress addr = mgc == null && coin()
                ? (coin() ? ServiceChangeDescriptor.ServiceChangeAddress.port(r.nextInt(65536))
                : new ServiceChangeDescriptor.ServiceChangeAddress(mId(), null)) : null;
        ServiceChangeDescriptor.ServiceChangeProfile profile = coin()
                ? new ServiceChangeDescriptor.ServiceChangeProfile(pick("ResGW", "tgw", "ETSI_TGW"), r.nextInt(10)) : null;
        try {
            return services(request, mgc, addr, profile);
        } catch (IllegalArgumentException empty) {
            return null;
        }
    }

    private ServiceChangeDescriptor services(boolean request, MId mgc, ServiceChangeDescriptor.ServiceChangeAddress addr,
                                             ServiceChangeDescriptor.ServiceChangeProfile profile) {
        return new ServiceChangeDescriptor(
                request && coin() ? pick(ServiceChangeMethod.RESTART, ServiceChangeMethod.GRACEFUL,
                        ServiceChangeMethod.FORCED, ServiceChangeMethod.FAILOVER, ServiceChangeMethod.DISCONNECTED,
                        ServiceChangeMethod.HANDOFF, ServiceChangeMethod.of("X-meth")) : null,
                request && coin() ? pick("901 MG Cold Boot", "900", "") : null,
                request && rarely() ? r.nextInt(10_000) : null,
                addr,
                profile,
                coin() ? 1 + r.nextInt(3) : null,
                mgc,
                rarely() ? new TimeNotation("20260101", "12000000") : null,
                request && rarely() ? List.of(PropertyParm.of("X-Foo", "bar")) : List.of(),
                request && version >= 3 && rarely());
    }
}
