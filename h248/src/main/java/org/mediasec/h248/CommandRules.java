package org.mediasec.h248;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.mediasec.h248.DescriptorKind.*;

/** Which descriptors each command carries (H.248.1 §7.2 and Annex B {@code ammParameter} etc.). */
final class CommandRules {
    private CommandRules() {
    }

    private static final Set<DescriptorKind> AMM = EnumSet.of(MEDIA, MODEM, MUX, EVENTS, SIGNALS, DIGIT_MAP, AUDIT,
            EVENT_BUFFER, STATISTICS);
    private static final Set<DescriptorKind> AUDIT_RETURN = EnumSet.of(MEDIA, MODEM, MUX, EVENTS, SIGNALS, DIGIT_MAP,
            OBSERVED_EVENTS, EVENT_BUFFER, STATISTICS, PACKAGES, ERROR);

    /** Null when legal, else the reason. */
    static String checkRequest(CommandKind kind, List<Descriptor> ds) {
        for (Descriptor d : ds) {
            if (isEmptyForm(d)) {
                // the bare forms "Media", "Modem", "Mux", "DigitMap", "Statistics", "ObservedEvents" are
                // auditReturnItems of a reply (Annex B); a request has to carry content
                return "empty " + d.kind().token() + " descriptor is only legal in a reply";
            }
        }
        switch (kind) {
            case ADD, MODIFY, MOVE -> {
                return only(kind, ds, AMM, true);
            }
            case SUBTRACT -> {
                String p = only(kind, ds, EnumSet.of(AUDIT), true);
                return p != null ? p : ds.size() > 1 ? kind + ": more than one Audit descriptor" : null;
            }
            case AUDIT_VALUE, AUDIT_CAPABILITIES -> {
                String p = only(kind, ds, EnumSet.of(AUDIT), true);
                return p != null ? p : ds.size() != 1 ? kind + ": exactly one Audit descriptor expected" : null;
            }
            case NOTIFY -> {
                if (ds.isEmpty() || ds.get(0).kind() != OBSERVED_EVENTS) {
                    return "Notify: ObservedEvents descriptor expected first";
                }
                if (ds.size() > 2 || (ds.size() == 2 && ds.get(1).kind() != ERROR)) {
                    return "Notify: only ObservedEvents [, Error] allowed";
                }
                return null;
            }
            case SERVICE_CHANGE -> {
                return ds.size() == 1 && ds.get(0).kind() == SERVICES ? null
                        : "ServiceChange: exactly one Services descriptor expected";
            }
            default -> throw new AssertionError(kind);
        }
    }

    static String checkReply(CommandKind kind, List<Descriptor> ds) {
        switch (kind) {
            case NOTIFY -> {
                return ds.isEmpty() || (ds.size() == 1 && ds.get(0).kind() == ERROR) ? null
                        : "Notify reply: only an Error descriptor allowed";
            }
            case SERVICE_CHANGE -> {
                return ds.isEmpty() || (ds.size() == 1 && (ds.get(0).kind() == ERROR || ds.get(0).kind() == SERVICES))
                        ? null : "ServiceChange reply: one Error or Services descriptor allowed";
            }
            default -> {
                return only(kind, ds, AUDIT_RETURN, true);
            }
        }
    }

    private static String only(CommandKind kind, List<Descriptor> ds, Set<DescriptorKind> allowed, boolean once) {
        EnumSet<DescriptorKind> seen = EnumSet.noneOf(DescriptorKind.class);
        for (Descriptor d : ds) {
            if (!allowed.contains(d.kind())) {
                return d.kind().token() + " descriptor not allowed in " + kind;
            }
            if (once && !seen.add(d.kind())) {
                return d.kind().token() + " descriptor appears twice in " + kind;
            }
        }
        return null;
    }

    static boolean isEmptyForm(Descriptor d) {
        return (d instanceof MediaDescriptor m && m.isEmpty())
                || (d instanceof ModemDescriptor md && md.types().isEmpty())
                || (d instanceof MuxDescriptor mx && mx.type() == null)
                || (d instanceof DigitMapDescriptor dm && dm.isEmpty())
                || (d instanceof StatisticsDescriptor s && s.statistics().isEmpty())
                || (d instanceof ObservedEventsDescriptor oe && oe.requestId() == null)
                || (d instanceof PackagesDescriptor p && p.packages().isEmpty());
    }

    static <T extends Descriptor> T first(List<Descriptor> ds, Class<T> type) {
        for (Descriptor d : ds) {
            if (type.isInstance(d)) {
                return type.cast(d);
            }
        }
        return null;
    }
}
