package org.mediasec.h248.iq;

import java.util.List;
import java.util.Optional;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.TimeNotation;

/**
 * The failure Notify: built by the MG, read by the MGC.
 *
 * <pre>
 * Notify = access/1 { ObservedEvents = 2001 {
 *     20261127T09000000:g/cause{Generalcause=FP,Failurecause="tls-fingerprint-mismatch: ..."} } }
 * </pre>
 */
public final class IqNotify {
    /** {@code Generalcause}. */
    public static final String GENERAL_CAUSE = "Generalcause";
    /** {@code Failurecause}. */
    public static final String FAILURE_CAUSE = "Failurecause";

    private IqNotify() {
    }

    /** {@code Notify = <id> { ObservedEvents = <rid> { [time:]g/cause{...} } }}; {@code timestamp} may be null. */
    public static CommandRequest notify(TerminationId id, long requestId, TimeNotation timestamp, IqFailure failure) {
        List<PropertyParm> params = failure.generalCause() == null
                ? List.of(PropertyParm.of(FAILURE_CAUSE, quote(failure.failureCauseText())))
                : List.of(PropertyParm.of(GENERAL_CAUSE, failure.generalCause().name()),
                        PropertyParm.of(FAILURE_CAUSE, quote(failure.failureCauseText())));
        ObservedEvent e = new ObservedEvent(timestamp, IqEvents.FAILURE_EVENT, null, params);
        return CommandRequest.of(CommandKind.NOTIFY, id, ObservedEventsDescriptor.of(requestId, e));
    }

    /** The Notify in its context: {@code Context = <ctx> { Notify = ... }}. */
    public static ActionRequest action(ContextId context, TerminationId id, long requestId, TimeNotation timestamp,
                                       IqFailure failure) {
        return ActionRequest.of(context, notify(id, requestId, timestamp, failure));
    }

    /**
     * The failure a Notify reports, empty when the command is no Notify or observed no {@code g/cause}.
     * A {@code Failurecause} that does not start with one of our tokens reads as
     * {@link FailureCause#OTHER} with the whole text as detail.
     */
    public static Optional<IqFailure> read(CommandRequest c) {
        if (c.kind() != CommandKind.NOTIFY) {
            return Optional.empty();
        }
        ObservedEventsDescriptor oe = c.descriptor(ObservedEventsDescriptor.class);
        if (oe == null) {
            return Optional.empty();
        }
        for (ObservedEvent e : oe.events()) {
            if (e.name().equalsIgnoreCase(IqEvents.FAILURE_EVENT)) {
                return Optional.of(failure(e));
            }
        }
        return Optional.empty();
    }

    private static IqFailure failure(ObservedEvent e) {
        GeneralCause general = null;
        String text = "";
        for (PropertyParm p : e.parameters()) {
            if (!(p.value() instanceof PropertyParm.Value.Relation r)) {
                continue;
            }
            if (p.name().equalsIgnoreCase(GENERAL_CAUSE)) {
                general = GeneralCause.parse(unquote(r.value())).orElse(null);
            } else if (p.name().equalsIgnoreCase(FAILURE_CAUSE)) {
                text = unquote(r.value());
            }
        }
        int colon = text.indexOf(':');
        String token = (colon < 0 ? text : text.substring(0, colon)).strip();
        FailureCause cause = FailureCause.ofToken(token);
        String detail = cause != FailureCause.OTHER ? (colon < 0 ? "" : text.substring(colon + 1).strip())
                : text.equalsIgnoreCase(FailureCause.OTHER.token()) ? "" : text;
        return new IqFailure(cause, general, IqException.quotable(detail));
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
