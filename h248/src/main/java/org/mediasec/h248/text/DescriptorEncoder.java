package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.DescriptorKind;
import org.mediasec.h248.DigitMapDescriptor;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.EventBufferDescriptor;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.LocalControlDescriptor;
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

/** The descriptor part of the text encoder (H.248.1 Annex B descriptors). */
abstract class DescriptorEncoder extends TextWriter {

    DescriptorEncoder(Style style) {
        super(style);
    }

    final String name(DescriptorKind k) {
        return pretty ? k.token() : k.shortToken();
    }

    final void descriptor(Descriptor d) {
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

    final void error(ErrorDescriptor e) {
        sb.append(tok("Error")).append(eq()).append(e.code().code());
        if (e.text() == null) {
            sb.append(pretty ? " { }" : "{}");
        } else {
            sb.append(pretty ? " { \"" : "{\"").append(e.text()).append(pretty ? "\" }" : "\"}");
        }
    }

    final List<Runnable> props(List<PropertyParm> ps) {
        List<Runnable> items = new ArrayList<>();
        for (PropertyParm p : ps) {
            items.add(() -> prop(p));
        }
        return items;
    }

    final void prop(PropertyParm p) {
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

    final void media(MediaDescriptor m) {
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

    final void streamItems(List<Runnable> items, StreamParms p) {
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
    final void sdp(String token, SdpBlock sdp) {
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

    final void statistics(StatisticsDescriptor s) {
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

    final void events(EventsDescriptor e) {
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

    final void requestedEvent(RequestedEvent ev) {
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

    final void signals(SignalsDescriptor s) {
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

    final void signal(Signal s) {
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

    final void digitMap(DigitMapDescriptor dm) {
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

    final void observedEvents(ObservedEventsDescriptor oe) {
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

    final void streamOrOther(String head, Integer streamId, List<PropertyParm> params) {
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

    final void services(ServiceChangeDescriptor sc) {
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
