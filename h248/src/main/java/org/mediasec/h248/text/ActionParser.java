package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextAudit;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ContextProperties;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.TopologyDirection;
import org.mediasec.h248.TopologyTriple;
import org.mediasec.h248.text.TextLexer.ParseError;

/**
 * The action and command level of the text parser: context properties, ContextAudit, Topology,
 * command requests and command replies (H.248.1 Annex B {@code actionRequest}, {@code actionReply}).
 */
final class ActionParser {
    private final TextParser p;
    private final TextLexer lx;
    private final DescriptorParser descriptors;

    ActionParser(TextParser p) {
        this.p = p;
        this.lx = p.lx;
        this.descriptors = p.descriptors;
    }

    private void requireVersion(int min, String what) {
        p.requireVersion(min, what);
    }

    private void open() {
        p.open();
    }

    private void close() {
        p.close();
    }

    private <T> List<T> list(Supplier<T> item) {
        return p.list(item);
    }

    private <T> List<T> optionalList(Supplier<T> item) {
        return p.optionalList(item);
    }

    /** Accumulates context properties while the items of an action are read. */
    private final class ContextBuilder {
        Integer priority;
        Boolean emergency;
        List<TopologyTriple> topology = new ArrayList<>();
        Boolean ieps;
        List<org.mediasec.h248.PropertyParm> attributes = new ArrayList<>();
        ContextAudit audit;
        boolean any;

        /** Reads one context item if the word names one; false otherwise (nothing consumed). */
        boolean item(String k, boolean request) {
            if (k == null) {
                return false;
            }
            int at = lx.pos;
            switch (k) {
                case "Priority" -> {
                    lx.word();
                    lx.expect('=');
                    once(priority, at, "Priority");
                    priority = (int) lx.number("priority", 15);
                }
                case "Emergency" -> {
                    lx.word();
                    once(emergency, at, "Emergency");
                    emergency = true;
                }
                case "EmergencyOff" -> {
                    lx.word();
                    requireVersion(2, "EmergencyOff");
                    once(emergency, at, "Emergency");
                    emergency = false;
                }
                case "Topology" -> {
                    lx.word();
                    if (!topology.isEmpty()) {
                        throw new ParseError("Topology appears twice", at);
                    }
                    topology = topology();
                }
                case "IEPSCall" -> {
                    lx.word();
                    requireVersion(3, "IEPSCall");
                    lx.expect('=');
                    once(ieps, at, "IEPSCall");
                    ieps = descriptors.onOff();
                }
                case "ContextAttr" -> {
                    lx.word();
                    requireVersion(3, "ContextAttr");
                    if (!attributes.isEmpty()) {
                        throw new ParseError("ContextAttr appears twice", at);
                    }
                    attributes = list(descriptors::propertyParm);
                }
                case "ContextAudit" -> {
                    if (!request) {
                        return false;
                    }
                    lx.word();
                    requireVersion(2, "ContextAudit");
                    once(audit, at, "ContextAudit");
                    audit = contextAudit();
                }
                default -> {
                    return false;
                }
            }
            any = true;
            return true;
        }

        ContextProperties properties() {
            if (priority == null && emergency == null && topology.isEmpty() && ieps == null && attributes.isEmpty()) {
                return null;
            }
            return new ContextProperties(priority, emergency, topology, ieps, attributes);
        }
    }

    private static void once(Object seen, int at, String what) {
        if (seen != null) {
            throw new ParseError(what + " appears twice", at);
        }
    }

    ActionRequest actionRequest() {
        p.expectContext();
        ContextId ctx = p.contextId();
        ContextBuilder cb = new ContextBuilder();
        List<CommandRequest> commands = new ArrayList<>();
        open();
        do {
            if (commands.isEmpty() && cb.item(lx.peekKeyword(), true)) {
                continue;
            }
            commands.add(commandRequest());
        } while (lx.accept(','));
        close();
        return new ActionRequest(ctx, cb.properties(), cb.audit, commands);
    }

    ActionReply actionReply() {
        p.expectContext();
        ContextId ctx = p.contextId();
        ContextBuilder cb = new ContextBuilder();
        List<CommandReply> replies = new ArrayList<>();
        ErrorDescriptor error = null;
        open();
        if (lx.peek() != '}') {
            do {
                String k = lx.peekKeyword();
                if ("Error".equals(k)) {
                    lx.word();
                    error = descriptors.errorDescriptor();
                    break; // the error descriptor is last
                }
                if (replies.isEmpty() && cb.item(k, false)) {
                    continue;
                }
                replies.add(commandReply());
            } while (lx.accept(','));
        }
        close();
        return new ActionReply(ctx, cb.properties(), replies, error);
    }

    private List<TopologyTriple> topology() {
        open();
        List<TopologyTriple> out = new ArrayList<>();
        do {
            TerminationId from = p.terminationId();
            lx.expect(',');
            TerminationId to = p.terminationId();
            lx.expect(',');
            int at = lx.pos;
            String d = lx.word("topology direction");
            TopologyDirection dir = TopologyDirection.fromToken(d);
            if (dir == null) {
                throw new ParseError("unknown topology direction \"" + d + "\"", at);
            }
            if (dir == TopologyDirection.ONEWAY_BOTH || dir == TopologyDirection.ONEWAY_EXTERNAL) {
                requireVersion(3, dir.token());
            }
            Integer stream = null;
            if (lx.peek() == ',') {
                int save = lx.pos;
                lx.pos++;
                if ("Stream".equals(lx.peekKeyword())) {
                    requireVersion(2, "Stream in Topology");
                    lx.word();
                    lx.expect('=');
                    stream = (int) lx.number("stream id", 65535);
                } else if (p.version >= 2 && bareStreamId()) {
                    // Erlang megaco writes the stream of a triple as a bare number ("t1, t2, Oneway, 2");
                    // Annex B says "Stream = 2". Accepted when the number cannot start another triple.
                    stream = (int) lx.number("stream id", 65535);
                } else {
                    lx.pos = save;
                }
            }
            out.add(new TopologyTriple(from, to, dir, stream));
        } while (lx.accept(','));
        close();
        return out;
    }

    /** After "direction ,": is the next word a number that is not the first of another triple? */
    private boolean bareStreamId() {
        int save = lx.pos;
        try {
            String w = lx.word();
            if (w.isEmpty() || !w.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (!lx.accept(',')) {
                return true;
            }
            lx.word();
            if (!lx.accept(',')) {
                return true;
            }
            return TopologyDirection.fromToken(lx.word()) == null;
        } finally {
            lx.pos = save;
        }
    }

    private ContextAudit contextAudit() {
        boolean topology = false;
        boolean emergency = false;
        boolean priority = false;
        boolean ieps = false;
        List<String> attrs = new ArrayList<>();
        open();
        do {
            int at = lx.pos;
            String w = lx.word("context audit item");
            String k = Keywords.canonical(w);
            if ("Topology".equals(k)) {
                topology = true;
            } else if ("Emergency".equals(k)) {
                emergency = true;
            } else if ("Priority".equals(k)) {
                priority = true;
            } else if ("IEPSCall".equals(k)) {
                requireVersion(3, "IEPSCall");
                ieps = true;
            } else if (k == null && w.indexOf('/') > 0) {
                requireVersion(3, "ContextAudit property");
                attrs.add(w);
            } else {
                throw new ParseError("unknown context audit item \"" + w + "\"", at);
            }
        } while (lx.accept(','));
        close();
        return new ContextAudit(topology, emergency, priority, ieps, attrs);
    }

    private CommandRequest commandRequest() {
        int at = lx.pos;
        String w = lx.word("command");
        boolean optional = false;
        boolean wildcard = false;
        if (w.length() > 2 && (w.startsWith("O-") || w.startsWith("o-"))) {
            optional = true;
            w = w.substring(2);
        }
        if (w.length() > 2 && (w.startsWith("W-") || w.startsWith("w-"))) {
            wildcard = true;
            w = w.substring(2);
        }
        CommandKind kind = commandKind(w, at);
        lx.expect('=');
        TerminationId tid = p.terminationId();
        List<Descriptor> ds = List.of();
        if (lx.peek() == '{') {
            ds = list(() -> descriptors.descriptor(kind, true));
        }
        if (kind.isAmm()) {
            for (Descriptor d : ds) {
                if (d instanceof org.mediasec.h248.StatisticsDescriptor) {
                    requireVersion(3, "Statistics in " + kind);
                }
            }
        }
        String problem = checkRequest(kind, ds);
        if (problem != null) {
            throw new ParseError(problem, at);
        }
        return new CommandRequest(optional, wildcard, kind, tid, ds);
    }

    private CommandReply commandReply() {
        int at = lx.pos;
        String w = lx.word("command reply");
        CommandKind kind = commandKind(w, at);
        lx.expect('=');
        TerminationId tid = p.terminationId();
        List<Descriptor> ds = List.of();
        if (lx.peek() == '{') {
            ds = optionalList(() -> descriptors.descriptor(kind, false));
        }
        String problem = checkReply(kind, ds);
        if (problem != null) {
            throw new ParseError(problem, at);
        }
        return new CommandReply(kind, tid, ds);
    }

    private static CommandKind commandKind(String w, int at) {
        String k = Keywords.canonical(w);
        if (k != null) {
            for (CommandKind c : CommandKind.values()) {
                if (c.token().equals(k)) {
                    return c;
                }
            }
        }
        throw new ParseError("expected a command but found \"" + w + "\"", at);
    }

    private static String checkRequest(CommandKind kind, List<Descriptor> ds) {
        try {
            new CommandRequest(false, false, kind, TerminationId.ROOT, ds);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String checkReply(CommandKind kind, List<Descriptor> ds) {
        try {
            new CommandReply(kind, TerminationId.ROOT, ds);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
