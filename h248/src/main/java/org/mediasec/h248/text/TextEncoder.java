package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextAudit;
import org.mediasec.h248.ContextProperties;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.TopologyTriple;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;

/**
 * The one text encoder: {@link Style#PRETTY} writes long tokens, one item per line and tab
 * indentation (the layout of Erlang's megaco_pretty_text_encoder); {@link Style#COMPACT} writes short
 * tokens and no optional white space. Both decode back to the same model.
 */
final class TextEncoder extends DescriptorEncoder {

    private TextEncoder(Style style) {
        super(style);
    }

    static String encode(H248Message m, Style style) {
        TextEncoder e = new TextEncoder(style);
        e.message(m);
        return e.sb.toString();
    }

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
}
