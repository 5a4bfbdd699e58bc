package org.mediasec.h248;

import java.util.List;

/**
 * Which protocol version a construct needs (H.248.1 v2/v3 Annex B additions), so that a message
 * never claims a version its content does not have: the text parser rejects such content, and
 * {@code decode(encode(m)) == m} must hold for every message that can be built.
 */
final class VersionRules {
    private VersionRules() {
    }

    /** Finds a construct needing a version above {@code version}; null if there is none. */
    static String firstAbove(int version, MessageBody body) {
        if (version >= 3) {
            return null;
        }
        if (body instanceof TransactionList tl) {
            for (Transaction t : tl.transactions()) {
                String p = transaction(version, t);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String transaction(int v, Transaction t) {
        if (t instanceof Transaction.SegmentReply) {
            return "Segment reply (version 3)";
        }
        if (t instanceof Transaction.Reply r) {
            if (r.segmentNumber() != null) {
                return "segment number (version 3)";
            }
            for (ActionReply a : r.actions()) {
                String p = context(v, a.contextReply());
                if (p == null) {
                    for (CommandReply c : a.replies()) {
                        p = descriptors(v, c.descriptors());
                        if (p != null) {
                            break;
                        }
                    }
                }
                if (p != null) {
                    return p;
                }
            }
        }
        if (t instanceof Transaction.Request r) {
            for (ActionRequest a : r.actions()) {
                String p = context(v, a.contextRequest());
                if (p == null && a.contextAudit() != null) {
                    ContextAudit ca = a.contextAudit();
                    p = ca.ieps() || !ca.attributes().isEmpty() ? "ContextAudit of IEPS/attributes (version 3)"
                            : v < 2 ? "ContextAudit (version 2)" : null;
                }
                if (p == null) {
                    for (CommandRequest c : a.commands()) {
                        p = descriptors(v, c.descriptors());
                        if (p == null && c.kind().isAmm() && c.descriptor(StatisticsDescriptor.class) != null) {
                            p = "Statistics in " + c.kind() + " (version 3)";
                        }
                        if (p != null) {
                            break;
                        }
                    }
                }
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String context(int v, ContextProperties c) {
        if (c == null) {
            return null;
        }
        if (c.ieps() != null) {
            return "IEPSCall (version 3)";
        }
        if (!c.attributes().isEmpty()) {
            return "ContextAttr (version 3)";
        }
        for (TopologyTriple t : c.topology()) {
            if (t.direction() == TopologyDirection.ONEWAY_BOTH || t.direction() == TopologyDirection.ONEWAY_EXTERNAL) {
                return t.direction().token() + " (version 3)";
            }
            if (t.streamId() != null && v < 2) {
                return "Stream in Topology (version 2)";
            }
        }
        if (Boolean.FALSE.equals(c.emergency()) && v < 2) {
            return "EmergencyOff (version 2)";
        }
        return null;
    }

    private static String descriptors(int v, List<Descriptor> ds) {
        for (Descriptor d : ds) {
            if (d instanceof MediaDescriptor m) {
                if (m.defaultStream() != null && m.defaultStream().statistics() != null) {
                    return "Statistics in a stream (version 3)";
                }
                for (StreamDescriptor s : m.streams()) {
                    if (s.parms().statistics() != null) {
                        return "Statistics in a stream (version 3)";
                    }
                }
            } else if (d instanceof SignalsDescriptor s) {
                String p = signals(s);
                if (p != null) {
                    return p;
                }
            } else if (d instanceof EventsDescriptor e) {
                for (RequestedEvent ev : e.events()) {
                    if (ev.embed() != null && ev.embed().signals() != null) {
                        String p = signals(ev.embed().signals());
                        if (p != null) {
                            return p;
                        }
                    }
                }
            } else if (d instanceof MuxDescriptor mx && "Nx64Kservice".equals(mx.type()) && v < 2) {
                return "Nx64Kservice (version 2)";
            } else if (d instanceof ServiceChangeDescriptor sc && sc.incomplete()) {
                return "ServiceChangeInc (version 3)";
            }
        }
        return null;
    }

    private static String signals(SignalsDescriptor s) {
        for (SignalRequest r : s.signals()) {
            List<Signal> list = r instanceof SignalList sl ? sl.signals() : List.of((Signal) r);
            for (Signal sig : list) {
                if (sig.notifyCompletion().contains(NotifyCompletion.ITERATION)) {
                    return "NotifyCompletion Iteration (version 3)";
                }
            }
        }
        return null;
    }
}
