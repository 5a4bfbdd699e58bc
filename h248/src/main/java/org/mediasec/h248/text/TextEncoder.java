package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextAudit;
import org.mediasec.h248.ContextProperties;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.DescriptorKind;
import org.mediasec.h248.DigitMapDescriptor;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.EventBufferDescriptor;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MId;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.ModemDescriptor;
import org.mediasec.h248.MuxDescriptor;
import org.mediasec.h248.NotifyCompletion;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.PackagesDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.RequestedEvent;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.ServiceChangeDescriptor;
import org.mediasec.h248.Signal;
import org.mediasec.h248.SignalList;
import org.mediasec.h248.SignalRequest;
import org.mediasec.h248.SignalsDescriptor;
import org.mediasec.h248.StatisticsDescriptor;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationStateDescriptor;
import org.mediasec.h248.TopologyTriple;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;

/**
 * The one text encoder: {@link Style#PRETTY} writes long tokens, one item per line and tab
 * indentation (the layout of Erlang's megaco_pretty_text_encoder); {@link Style#COMPACT} writes short
 * tokens and no optional white space. Both decode back to the same model.
 */
final class TextEncoder {
    private final boolean pretty;
    private final StringBuilder sb = new StringBuilder(512);
    private int level;

    private TextEncoder(Style style) {
        this.pretty = style == Style.PRETTY;
    }

    static String encode(H248Message m, Style style) {
        TextEncoder e = new TextEncoder(style);
        e.message(m);
        return e.sb.toString();
    }

    // ---------------------------------------------------------------- layout helpers

    private String tok(String longToken) {
        return pretty ? longToken : Keywords.shortOf(longToken);
    }

    private String eq() {
        return pretty ? " = " : "=";
    }

    private void indent() {
        for (int i = 0; i < level; i++) {
            sb.append('\t');
        }
    }

    /** {@code head { item, item }}; with no items {@code head { }}. */
    private void block(String head, List<Runnable> items) {
        sb.append(head);
        if (items.isEmpty()) {
            sb.append(pretty ? " { }" : "{}");
            return;
        }
        sb.append(pretty ? " {" : "{");
        level++;
        for (int i = 0; i < items.size(); i++) {
            if (pretty) {
                sb.append('\n');
                indent();
            }
            items.get(i).run();
            if (i + 1 < items.size()) {
                sb.append(',');
            }
        }
        level--;
        if (pretty) {
            sb.append('\n');
            indent();
        }
        sb.append('}');
    }

    /** {@code head { a, b }} on one line (short lists of words). */
    private void inlineList(String head, String open, String close, List<String> words) {
        sb.append(head).append(open);
        if (pretty) {
            sb.append(' ');
        }
        sb.append(String.join(pretty ? ", " : ",", words));
        if (pretty) {
            sb.append(' ');
        }
        sb.append(close);
    }

    // ---------------------------------------------------------------- message

    private void message(H248Message m) {
        sb.append(pretty ? "MEGACO/" : "!/").append(m.version()).append(' ');
        mId(m.mId());
        sb.append('\n');
        if (m.body() instanceof ErrorDescriptor e) {
            error(e);
            if (pretty) {
                sb.append('\n');
            }
            return;
        }
        List<Transaction> ts = ((TransactionList) m.body()).transactions();
        for (int i = 0; i < ts.size(); i++) {
            Transaction t = ts.get(i);
            transaction(t);
            boolean last = i + 1 == ts.size();
            if (t instanceof Transaction.SegmentReply) {
                // the segment reply ends in a word, not a brace: the next transaction needs a separator,
                // but nothing may follow the last one (Annex B has no trailing LWSP there)
                if (!last) {
                    sb.append('\n');
                }
            } else if (pretty) {
                sb.append('\n');
            }
        }
    }

    private void mId(MId id) {
        if (id instanceof MId.Ip4 ip) {
            sb.append('[').append(ip.address()).append(']');
            port(ip.port());
        } else if (id instanceof MId.Ip6 ip) {
            sb.append('[').append(ip.address()).append(']');
            port(ip.port());
        } else if (id instanceof MId.Domain d) {
            sb.append('<').append(d.name()).append('>');
            port(d.port());
        } else if (id instanceof MId.Device d) {
            sb.append(d.name());
        } else if (id instanceof MId.Mtp mtp) {
            sb.append("MTP{").append(mtp.hex()).append('}');
        }
    }

    private void port(Integer port) {
        if (port != null) {
            sb.append(':').append(port);
        }
    }

    private void transaction(Transaction t) {
        if (t instanceof Transaction.Request r) {
            List<Runnable> items = new ArrayList<>();
            for (ActionRequest a : r.actions()) {
                items.add(() -> actionRequest(a));
            }
            block(tok("Transaction") + eq() + r.id(), items);
        } else if (t instanceof Transaction.Reply r) {
            List<Runnable> items = new ArrayList<>();
            if (r.immAckRequired()) {
                items.add(() -> sb.append(tok("ImmAckRequired")));
            }
            if (r.error() != null) {
                items.add(() -> error(r.error()));
            }
            for (ActionReply a : r.actions()) {
                items.add(() -> actionReply(a));
            }
            String id = Long.toString(r.id());
            if (r.segmentNumber() != null) {
                id += "/" + r.segmentNumber() + (r.segmentationComplete() ? "/" + tok("END") : "");
            }
            block(tok("Reply") + eq() + id, items);
        } else if (t instanceof Transaction.Pending p) {
            block(tok("Pending") + eq() + p.id(), List.of());
        } else if (t instanceof Transaction.ResponseAck k) {
            List<Runnable> items = new ArrayList<>();
            for (Transaction.AckRange r : k.ranges()) {
                items.add(() -> sb.append(r.first() == r.last() ? Long.toString(r.first()) : r.first() + "-" + r.last()));
            }
            block(tok("TransactionResponseAck"), items);
        } else if (t instanceof Transaction.SegmentReply s) {
            sb.append(tok("Segment")).append(eq()).append(s.id()).append('/').append(s.segmentNumber());
            if (s.segmentationComplete()) {
                sb.append('/').append(tok("END"));
            }
        }
    }

    // ---------------------------------------------------------------- actions

    private void contextItems(List<Runnable> items, ContextProperties c) {
        if (c == null) {
            return;
        }
        if (c.priority() != null) {
            items.add(() -> sb.append(tok("Priority")).append(eq()).append(c.priority()));
        }
        if (c.emergency() != null) {
            items.add(() -> sb.append(tok(c.emergency() ? "Emergency" : "EmergencyOff")));
        }
        if (!c.topology().isEmpty()) {
            items.add(() -> {
                List<Runnable> ts = new ArrayList<>();
                for (TopologyTriple t : c.topology()) {
                    ts.add(() -> {
                        String sep = pretty ? ", " : ",";
                        sb.append(t.from()).append(sep).append(t.to()).append(sep)
                                .append(pretty ? t.direction().token() : t.direction().shortToken());
                        if (t.streamId() != null) {
                            sb.append(sep).append(tok("Stream")).append(eq()).append(t.streamId());
                        }
                    });
                }
                block(tok("Topology"), ts);
            });
        }
        if (c.ieps() != null) {
            items.add(() -> sb.append(tok("IEPSCall")).append(eq()).append(c.ieps() ? "ON" : "OFF"));
        }
        if (!c.attributes().isEmpty()) {
            items.add(() -> block(tok("ContextAttr"), props(c.attributes())));
        }
    }

    private void actionRequest(ActionRequest a) {
        List<Runnable> items = new ArrayList<>();
        contextItems(items, a.contextRequest());
        ContextAudit ca = a.contextAudit();
        if (ca != null) {
            items.add(() -> {
                List<String> words = new ArrayList<>();
                if (ca.topology()) {
                    words.add(tok("Topology"));
                }
                if (ca.emergency()) {
                    words.add(tok("Emergency"));
                }
                if (ca.priority()) {
                    words.add(tok("Priority"));
                }
                if (ca.ieps()) {
                    words.add(tok("IEPSCall"));
                }
                words.addAll(ca.attributes());
                inlineList(tok("ContextAudit"), pretty ? " {" : "{", "}", words);
            });
        }
        for (CommandRequest c : a.commands()) {
            items.add(() -> {
                if (c.optional()) {
                    sb.append("O-");
                }
                if (c.wildcardResponse()) {
                    sb.append("W-");
                }
                command(pretty ? c.kind().token() : c.kind().shortToken(), c.terminationId().text(), c.descriptors());
            });
        }
        block(tok("Context") + eq() + a.contextId(), items);
    }

    private void actionReply(ActionReply a) {
        List<Runnable> items = new ArrayList<>();
        contextItems(items, a.contextReply());
        for (CommandReply c : a.replies()) {
            items.add(() -> command(pretty ? c.kind().token() : c.kind().shortToken(), c.terminationId().text(),
                    c.descriptors()));
        }
        if (a.error() != null) {
            items.add(() -> error(a.error()));
        }
        block(tok("Context") + eq() + a.contextId(), items);
    }

    private void command(String token, String tid, List<Descriptor> ds) {
        if (ds.isEmpty()) {
            sb.append(token).append(eq()).append(tid);
            return;
        }
        List<Runnable> items = new ArrayList<>();
        for (Descriptor d : ds) {
            items.add(() -> descriptor(d));
        }
        block(token + eq() + tid, items);
    }

    // ---------------------------------------------------------------- descriptors

    private String name(DescriptorKind k) {
        return pretty ? k.token() : k.shortToken();
    }

    private void descriptor(Descriptor d) {
        if (d instanceof MediaDescriptor m) {
            media(m);
        } else if (d instanceof EventsDescriptor e) {
            events(e);
        } else if (d instanceof SignalsDescriptor s) {
            signals(s);
        } else if (d instanceof DigitMapDescriptor dm) {
            digitMap(dm);
        } else if (d instanceof AuditDescriptor a) {
            List<String> words = new ArrayList<>();
            for (DescriptorKind k : a.items()) {
                words.add(name(k));
            }
            if (words.isEmpty()) {
                sb.append(name(DescriptorKind.AUDIT)).append(pretty ? " { }" : "{}");
            } else {
                inlineList(name(DescriptorKind.AUDIT), pretty ? " {" : "{", "}", words);
            }
        } else if (d instanceof ObservedEventsDescriptor oe) {
            observedEvents(oe);
        } else if (d instanceof EventBufferDescriptor eb) {
            if (eb.events().isEmpty()) {
                sb.append(name(DescriptorKind.EVENT_BUFFER));
            } else {
                List<Runnable> items = new ArrayList<>();
                for (EventBufferDescriptor.EventSpec s : eb.events()) {
                    items.add(() -> streamOrOther(s.name(), s.streamId(), s.parameters()));
                }
                block(name(DescriptorKind.EVENT_BUFFER), items);
            }
        } else if (d instanceof StatisticsDescriptor s) {
            statistics(s);
        } else if (d instanceof PackagesDescriptor pg) {
            if (pg.packages().isEmpty()) {
                sb.append(name(DescriptorKind.PACKAGES));
            } else {
                List<Runnable> items = new ArrayList<>();
                for (PackagesDescriptor.PackageRef r : pg.packages()) {
                    items.add(() -> sb.append(r.name()).append('-').append(r.version()));
                }
                block(name(DescriptorKind.PACKAGES), items);
            }
        } else if (d instanceof ServiceChangeDescriptor sc) {
            services(sc);
        } else if (d instanceof ErrorDescriptor e) {
            error(e);
        } else if (d instanceof ModemDescriptor md) {
            sb.append(name(DescriptorKind.MODEM));
            if (!md.types().isEmpty()) {
                List<String> types = new ArrayList<>();
                for (String t : md.types()) {
                    String k = Keywords.canonical(t);
                    types.add(k != null && t.equals(k) && !pretty ? Keywords.shortOf(k) : t);
                }
                if (types.size() == 1) {
                    sb.append(eq()).append(types.get(0));
                } else {
                    // Annex B: ModemToken (EQUAL modemType / LSBRKT modemType *(COMMA modemType) RSBRKT): no "=" before "["
                    inlineList(pretty ? " " : "", "[", "]", types);
                }
                if (!md.properties().isEmpty()) {
                    block("", props(md.properties()));
                }
            }
        } else if (d instanceof MuxDescriptor mx) {
            sb.append(name(DescriptorKind.MUX));
            if (mx.type() != null) {
                String k = Keywords.canonical(mx.type());
                String type = k != null && mx.type().equals(k) && !pretty ? Keywords.shortOf(k) : mx.type();
                List<String> tids = new ArrayList<>();
                mx.terminations().forEach(t -> tids.add(t.text()));
                inlineList(eq() + type, pretty ? " {" : "{", "}", tids);
            }
        }
    }

    private void error(ErrorDescriptor e) {
        sb.append(tok("Error")).append(eq()).append(e.code().code());
        if (e.text() == null) {
            sb.append(pretty ? " { }" : "{}");
        } else {
            sb.append(pretty ? " { \"" : "{\"").append(e.text()).append(pretty ? "\" }" : "\"}");
        }
    }

    private List<Runnable> props(List<PropertyParm> ps) {
        List<Runnable> items = new ArrayList<>();
        for (PropertyParm p : ps) {
            items.add(() -> prop(p));
        }
        return items;
    }

    private void prop(PropertyParm p) {
        sb.append(p.name());
        PropertyParm.Value v = p.value();
        if (v instanceof PropertyParm.Value.Relation r) {
            sb.append(r.op().symbol()).append(r.value());
        } else if (v instanceof PropertyParm.Value.AllOf a) {
            sb.append("=[").append(String.join(",", a.values())).append(']');
        } else if (v instanceof PropertyParm.Value.OneOf o) {
            sb.append("={").append(String.join(",", o.values())).append('}');
        } else if (v instanceof PropertyParm.Value.Range r) {
            sb.append("=[").append(r.low()).append(':').append(r.high()).append(']');
        }
    }

    private void media(MediaDescriptor m) {
        if (m.isEmpty()) {
            sb.append(name(DescriptorKind.MEDIA));
            return;
        }
        List<Runnable> items = new ArrayList<>();
        TerminationStateDescriptor ts = m.terminationState();
        if (ts != null) {
            items.add(() -> {
                List<Runnable> ti = new ArrayList<>();
                if (ts.serviceState() != null) {
                    ti.add(() -> sb.append(tok("ServiceStates")).append(eq())
                            .append(pretty ? ts.serviceState().token() : ts.serviceState().shortToken()));
                }
                if (ts.buffer() != null) {
                    ti.add(() -> sb.append(tok("Buffer")).append(eq())
                            .append(pretty ? ts.buffer().token() : ts.buffer().shortToken()));
                }
                ti.addAll(props(ts.properties()));
                block(tok("TerminationState"), ti);
            });
        }
        if (m.defaultStream() != null) {
            streamItems(items, m.defaultStream());
        }
        for (StreamDescriptor s : m.streams()) {
            items.add(() -> {
                List<Runnable> si = new ArrayList<>();
                streamItems(si, s.parms());
                block(tok("Stream") + eq() + s.id(), si);
            });
        }
        block(name(DescriptorKind.MEDIA), items);
    }

    private void streamItems(List<Runnable> items, StreamParms p) {
        LocalControlDescriptor lc = p.localControl();
        if (lc != null) {
            items.add(() -> {
                List<Runnable> li = new ArrayList<>();
                if (lc.mode() != null) {
                    li.add(() -> sb.append(tok("Mode")).append(eq())
                            .append(pretty ? lc.mode().token() : lc.mode().shortToken()));
                }
                if (lc.reserveGroup() != null) {
                    li.add(() -> sb.append(tok("ReservedGroup")).append(eq()).append(lc.reserveGroup() ? "ON" : "OFF"));
                }
                if (lc.reserveValue() != null) {
                    li.add(() -> sb.append(tok("ReservedValue")).append(eq()).append(lc.reserveValue() ? "ON" : "OFF"));
                }
                li.addAll(props(lc.properties()));
                block(tok("LocalControl"), li);
            });
        }
        if (p.local() != null) {
            items.add(() -> sdp(tok("Local"), p.local()));
        }
        if (p.remote() != null) {
            items.add(() -> sdp(tok("Remote"), p.remote()));
        }
        if (p.statistics() != null) {
            items.add(() -> statistics(p.statistics()));
        }
    }

    /** SDP text on its own lines between the braces. */
    private void sdp(String token, SdpBlock sdp) {
        sb.append(token);
        if (sdp.text().isEmpty()) {
            sb.append(pretty ? " { }" : "{}");
            return;
        }
        sb.append(pretty ? " {\n" : "{\n").append(sdp.text()).append('\n');
        if (pretty) {
            // an empty line ends the SDP before the indented brace (as Erlang's pretty encoder does);
            // Wireshark's SDP dissector would otherwise read the indentation as a malformed SDP line
            sb.append('\n');
            indent();
        }
        sb.append('}');
    }

    private void statistics(StatisticsDescriptor s) {
        if (s.statistics().isEmpty()) {
            sb.append(name(DescriptorKind.STATISTICS));
            return;
        }
        List<Runnable> items = new ArrayList<>();
        for (StatisticsDescriptor.Statistic st : s.statistics()) {
            items.add(() -> {
                sb.append(st.name());
                if (st.value() != null) {
                    sb.append('=').append(st.value());
                }
            });
        }
        block(name(DescriptorKind.STATISTICS), items);
    }

    private void events(EventsDescriptor e) {
        if (e.requestId() == null) {
            sb.append(name(DescriptorKind.EVENTS));
            return;
        }
        List<Runnable> items = new ArrayList<>();
        for (RequestedEvent ev : e.events()) {
            items.add(() -> requestedEvent(ev));
        }
        block(name(DescriptorKind.EVENTS) + eq() + e.requestId(), items);
    }

    private void requestedEvent(RequestedEvent ev) {
        List<Runnable> items = new ArrayList<>();
        if (ev.streamId() != null) {
            items.add(() -> sb.append(tok("Stream")).append(eq()).append(ev.streamId()));
        }
        if (ev.keepActive()) {
            items.add(() -> sb.append(tok("KeepActive")));
        }
        if (ev.digitMap() != null) {
            items.add(() -> digitMap(ev.digitMap()));
        }
        if (ev.embed() != null) {
            items.add(() -> {
                List<Runnable> ei = new ArrayList<>();
                if (ev.embed().signals() != null) {
                    ei.add(() -> signals(ev.embed().signals()));
                }
                if (ev.embed().events() != null) {
                    ei.add(() -> events(ev.embed().events()));
                }
                block(tok("Embed"), ei);
            });
        }
        items.addAll(props(ev.parameters()));
        if (items.isEmpty()) {
            sb.append(ev.name());
        } else {
            block(ev.name(), items);
        }
    }

    private void signals(SignalsDescriptor s) {
        if (s.signals().isEmpty()) {
            sb.append(name(DescriptorKind.SIGNALS));
            return;
        }
        List<Runnable> items = new ArrayList<>();
        for (SignalRequest r : s.signals()) {
            if (r instanceof Signal sig) {
                items.add(() -> signal(sig));
            } else if (r instanceof SignalList list) {
                items.add(() -> {
                    List<Runnable> li = new ArrayList<>();
                    for (Signal sig : list.signals()) {
                        li.add(() -> signal(sig));
                    }
                    block(tok("SignalList") + eq() + list.id(), li);
                });
            }
        }
        block(name(DescriptorKind.SIGNALS), items);
    }

    private void signal(Signal s) {
        List<Runnable> items = new ArrayList<>();
        if (s.streamId() != null) {
            items.add(() -> sb.append(tok("Stream")).append(eq()).append(s.streamId()));
        }
        if (s.signalType() != null) {
            items.add(() -> sb.append(tok("SignalType")).append(eq())
                    .append(pretty ? s.signalType().token() : s.signalType().shortToken()));
        }
        if (s.duration() != null) {
            items.add(() -> sb.append(tok("Duration")).append(eq()).append(s.duration()));
        }
        if (!s.notifyCompletion().isEmpty()) {
            items.add(() -> {
                List<String> words = new ArrayList<>();
                for (NotifyCompletion n : s.notifyCompletion()) {
                    words.add(pretty ? n.token() : n.shortToken());
                }
                inlineList(tok("NotifyCompletion") + eq(), "{", "}", words);
            });
        }
        if (s.keepActive()) {
            items.add(() -> sb.append(tok("KeepActive")));
        }
        items.addAll(props(s.parameters()));
        if (items.isEmpty()) {
            sb.append(s.name());
        } else {
            block(s.name(), items);
        }
    }

    private void digitMap(DigitMapDescriptor dm) {
        sb.append(name(DescriptorKind.DIGIT_MAP));
        if (dm.name() != null) {
            sb.append(eq()).append(dm.name());
        } else if (dm.value() != null) {
            sb.append(pretty ? " =" : "=");
        }
        if (dm.value() != null) {
            if (pretty) {
                sb.append(" {\n");
                level++;
                indent();
                level--;
                sb.append(dm.value()).append('\n');
                indent();
                sb.append('}');
            } else {
                sb.append('{').append(dm.value()).append('}');
            }
        }
    }

    private void observedEvents(ObservedEventsDescriptor oe) {
        if (oe.requestId() == null) {
            sb.append(name(DescriptorKind.OBSERVED_EVENTS));
            return;
        }
        List<Runnable> items = new ArrayList<>();
        for (ObservedEvent ev : oe.events()) {
            items.add(() -> {
                String head = ev.timestamp() == null ? ev.name() : ev.timestamp() + ":" + ev.name();
                streamOrOther(head, ev.streamId(), ev.parameters());
            });
        }
        block(name(DescriptorKind.OBSERVED_EVENTS) + eq() + oe.requestId(), items);
    }

    private void streamOrOther(String head, Integer streamId, List<PropertyParm> params) {
        List<Runnable> items = new ArrayList<>();
        if (streamId != null) {
            items.add(() -> sb.append(tok("Stream")).append(eq()).append(streamId));
        }
        items.addAll(props(params));
        if (items.isEmpty()) {
            sb.append(head);
        } else {
            block(head, items);
        }
    }

    private void services(ServiceChangeDescriptor sc) {
        List<Runnable> items = new ArrayList<>();
        if (sc.method() != null) {
            items.add(() -> sb.append(tok("Method")).append(eq())
                    .append(pretty ? sc.method().token() : sc.method().shortToken()));
        }
        if (sc.reason() != null) {
            items.add(() -> sb.append(tok("Reason")).append(eq()).append('"').append(sc.reason()).append('"'));
        }
        if (sc.delay() != null) {
            items.add(() -> sb.append(tok("Delay")).append(eq()).append(sc.delay()));
        }
        if (sc.address() != null) {
            items.add(() -> {
                sb.append(tok("ServiceChangeAddress")).append(eq());
                if (sc.address().port() != null) {
                    sb.append(sc.address().port());
                } else {
                    mId(sc.address().mId());
                }
            });
        }
        if (sc.profile() != null) {
            items.add(() -> sb.append(tok("Profile")).append(eq()).append(sc.profile().name()).append('/')
                    .append(sc.profile().version()));
        }
        if (sc.version() != null) {
            items.add(() -> sb.append(tok("Version")).append(eq()).append(sc.version()));
        }
        if (sc.mgcIdToTry() != null) {
            items.add(() -> {
                sb.append(tok("MgcIdToTry")).append(eq());
                mId(sc.mgcIdToTry());
            });
        }
        if (sc.timestamp() != null) {
            items.add(() -> sb.append(sc.timestamp()));
        }
        items.addAll(props(sc.extensions()));
        if (sc.incomplete()) {
            items.add(() -> sb.append(tok("ServiceChangeInc")));
        }
        block(name(DescriptorKind.SERVICES), items);
    }
}
