package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.DigitMapDescriptor;
import org.mediasec.h248.EventBufferDescriptor;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.Names;
import org.mediasec.h248.NotifyCompletion;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.RequestedEvent;
import org.mediasec.h248.Signal;
import org.mediasec.h248.SignalList;
import org.mediasec.h248.SignalRequest;
import org.mediasec.h248.SignalType;
import org.mediasec.h248.SignalsDescriptor;
import org.mediasec.h248.TimeNotation;
import org.mediasec.h248.text.TextLexer.ParseError;

/**
 * The event and signal part of the descriptor parser: Events (with Embed and eventDM), Signals and
 * SignalList, DigitMap, ObservedEvents and EventBuffer (H.248.1 Annex B).
 */
final class EventParser {
    private final TextParser p;
    private final TextLexer lx;
    private final DescriptorParser d;

    EventParser(TextParser p, DescriptorParser d) {
        this.p = p;
        this.lx = p.lx;
        this.d = d;
    }

    EventsDescriptor events(boolean allowEmbed) {
        if (!lx.accept('=')) {
            return EventsDescriptor.EMPTY;
        }
        long rid = lx.number("request id", TextParser.UINT32);
        List<RequestedEvent> evs = p.list(() -> requestedEvent(allowEmbed));
        return new EventsDescriptor(rid, evs);
    }

    RequestedEvent requestedEvent(boolean allowEmbed) {
        int at = lx.pos;
        String name = lx.word("event name");
        if (!Names.isPkgdName(name)) {
            throw new ParseError("\"" + name + "\" is not an event name", at);
        }
        Integer stream = null;
        boolean keepActive = false;
        DigitMapDescriptor dm = null;
        RequestedEvent.Embed embed = null;
        List<PropertyParm> params = new ArrayList<>();
        if (lx.peek() == '{') {
            p.open();
            do {
                int pat = lx.pos;
                String w = lx.word("event parameter");
                String k = Keywords.canonical(w);
                if ("Stream".equals(k)) {
                    DescriptorParser.dup(stream, pat, "Stream");
                    lx.expect('=');
                    stream = (int) lx.number("stream id", 65535);
                } else if ("KeepActive".equals(k)) {
                    keepActive = true;
                } else if ("DigitMap".equals(k)) {
                    DescriptorParser.dup(dm, pat, "DigitMap");
                    dm = digitMap();
                    if (dm.isEmpty()) {
                        throw new ParseError("DigitMap event parameter without a name or value", pat);
                    }
                } else if ("Embed".equals(k) && allowEmbed) {
                    DescriptorParser.dup(embed, pat, "Embed");
                    embed = embed();
                } else {
                    params.add(d.propertyParm(w, pat));
                }
            } while (lx.accept(','));
            p.close();
        }
        return new RequestedEvent(name, stream, keepActive, dm, embed, params);
    }

    RequestedEvent.Embed embed() {
        SignalsDescriptor sg = null;
        EventsDescriptor ev = null;
        p.open();
        do {
            int at = lx.pos;
            String w = lx.word("Signals or Events");
            String k = Keywords.canonical(w);
            if ("Signals".equals(k) && sg == null && ev == null) {
                sg = signals();
            } else if ("Events".equals(k) && ev == null) {
                ev = events(false);
            } else {
                throw new ParseError("unexpected \"" + w + "\" in Embed", at);
            }
        } while (lx.accept(','));
        p.close();
        return new RequestedEvent.Embed(sg, ev);
    }

    SignalsDescriptor signals() {
        if (lx.peek() != '{') {
            return SignalsDescriptor.EMPTY;
        }
        return new SignalsDescriptor(p.optionalList(this::signalRequest));
    }

    SignalRequest signalRequest() {
        int at = lx.pos;
        String w = lx.word("signal");
        if (Keywords.is(w, "SignalList")) {
            lx.expect('=');
            int id = (int) lx.number("signal list id", 65535);
            List<Signal> signals = p.list(() -> {
                int sat = lx.pos;
                return signal(lx.word("signal"), sat);
            });
            return new SignalList(id, signals);
        }
        return signal(w, at);
    }

    Signal signal(String name, int at) {
        if (!Names.isPkgdName(name)) {
            throw new ParseError("\"" + name + "\" is not a signal name", at);
        }
        Integer stream = null;
        SignalType type = null;
        Long duration = null;
        List<NotifyCompletion> nc = List.of();
        boolean keepActive = false;
        List<PropertyParm> params = new ArrayList<>();
        if (lx.peek() == '{') {
            p.open();
            do {
                int pat = lx.pos;
                String w = lx.word("signal parameter");
                String k = Keywords.canonical(w);
                if ("Stream".equals(k)) {
                    DescriptorParser.dup(stream, pat, "Stream");
                    lx.expect('=');
                    stream = (int) lx.number("stream id", 65535);
                } else if ("SignalType".equals(k)) {
                    DescriptorParser.dup(type, pat, "SignalType");
                    lx.expect('=');
                    int vat = lx.pos;
                    String v = lx.word("signal type");
                    type = SignalType.fromToken(v);
                    if (type == null) {
                        throw new ParseError("unknown signal type \"" + v + "\"", vat);
                    }
                } else if ("Duration".equals(k)) {
                    DescriptorParser.dup(duration, pat, "Duration");
                    lx.expect('=');
                    duration = lx.number("duration", 65535);
                } else if ("NotifyCompletion".equals(k)) {
                    if (!nc.isEmpty()) {
                        throw new ParseError("NotifyCompletion appears twice", pat);
                    }
                    lx.expect('=');
                    nc = p.list(() -> {
                        int vat = lx.pos;
                        String v = lx.word("notification reason");
                        NotifyCompletion r = NotifyCompletion.fromToken(v);
                        if (r == null) {
                            throw new ParseError("unknown notification reason \"" + v + "\"", vat);
                        }
                        if (r == NotifyCompletion.ITERATION) {
                            p.requireVersion(3, "Iteration");
                        }
                        return r;
                    });
                } else if ("KeepActive".equals(k)) {
                    keepActive = true;
                } else {
                    params.add(d.propertyParm(w, pat));
                }
            } while (lx.accept(','));
            p.close();
        }
        return new Signal(name, stream, type, duration, nc, keepActive, params);
    }

    /** After the DigitMap token: {@code = name}, {@code = name { value }}, {@code { value }} or nothing. */
    DigitMapDescriptor digitMap() {
        String name = null;
        String value = null;
        // Annex B: DigitMapToken EQUAL ((LBRKT digitMapValue RBRKT) / (digitMapName [LBRKT digitMapValue RBRKT]));
        // "DigitMap { value }" without "=" is accepted too
        if (lx.accept('=') && lx.peek() != '{') {
            name = lx.word("digit map name");
        }
        if (lx.peek() == '{') {
            p.open();
            value = lx.rawUntilClose(false);
            p.depth--;
            if (value.isEmpty()) {
                throw lx.error("empty digit map value");
            }
        }
        return new DigitMapDescriptor(name, value);
    }

    ObservedEventsDescriptor observedEvents() {
        if (!lx.accept('=')) {
            return new ObservedEventsDescriptor(null, List.of());
        }
        long rid = lx.number("request id", TextParser.UINT32);
        return new ObservedEventsDescriptor(rid, p.list(this::observedEvent));
    }

    ObservedEvent observedEvent() {
        int at = lx.pos;
        String w = lx.word("observed event");
        TimeNotation ts = null;
        if (lx.peek() == ':') {
            ts = TimeNotation.parse(w);
            if (ts == null) {
                throw new ParseError("bad time stamp \"" + w + "\"", at);
            }
            lx.pos++;
            at = lx.pos;
            w = lx.word("event name");
        }
        if (!Names.isPkgdName(w)) {
            throw new ParseError("\"" + w + "\" is not an event name", at);
        }
        Integer[] stream = {null};
        List<PropertyParm> params = streamOrOther(stream);
        return new ObservedEvent(ts, w, stream[0], params);
    }

    /** Optional {@code { Stream = n, name = value ... }} (eventStreamOrOther). */
    List<PropertyParm> streamOrOther(Integer[] stream) {
        List<PropertyParm> params = new ArrayList<>();
        if (lx.peek() == '{') {
            p.open();
            do {
                int pat = lx.pos;
                String pw = lx.word("event parameter");
                if (Keywords.is(pw, "Stream")) {
                    DescriptorParser.dup(stream[0], pat, "Stream");
                    lx.expect('=');
                    stream[0] = (int) lx.number("stream id", 65535);
                } else {
                    params.add(d.propertyParm(pw, pat));
                }
            } while (lx.accept(','));
            p.close();
        }
        return params;
    }

    EventBufferDescriptor eventBuffer() {
        if (lx.peek() != '{') {
            return new EventBufferDescriptor(List.of());
        }
        return new EventBufferDescriptor(p.optionalList(() -> {
            int at = lx.pos;
            String w = lx.word("event name");
            if (!Names.isPkgdName(w)) {
                throw new ParseError("\"" + w + "\" is not an event name", at);
            }
            Integer[] stream = {null};
            List<PropertyParm> params = streamOrOther(stream);
            return new EventBufferDescriptor.EventSpec(w, stream[0], params);
        }));
    }
}
