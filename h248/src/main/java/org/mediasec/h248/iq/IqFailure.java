package org.mediasec.h248.iq;

import java.util.Objects;

/**
 * A bearer failure as the MG reports it in {@code g/cause}: "Notify (D)TLS session establishment
 * Failure Event" (TS 23.334), "Notify TCP connection establishment Failure Event" /
 * "Notify TLS session establishment Failure Event" (TS 23.333), "IP Bearer Released".
 *
 * @param cause        the cause
 * @param generalCause {@code Generalcause}; null when a foreign MG sent none
 * @param detail       human-readable text after the cause token (may be empty); no double quotes
 *                     nor control characters (it travels in a quoted string)
 */
public record IqFailure(FailureCause cause, GeneralCause generalCause, String detail) {
    public IqFailure {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detail, "detail");
        if (!IqException.quotable(detail).equals(detail)) {
            throw new IllegalArgumentException("detail: double quote or control character in \"" + detail + "\"");
        }
    }

    /** A failure with the cause's own {@code Generalcause}; the detail is made quotable. */
    public static IqFailure of(FailureCause cause, String detail) {
        return new IqFailure(cause, cause.generalCause(), IqException.quotable(detail == null ? "" : detail.strip()));
    }

    /** True for a (D)TLS session establishment failure. */
    public boolean isTls() {
        return cause.isTls();
    }

    /**
     * The {@code Failurecause} text: {@code <token>} or {@code <token>: <detail>}; for
     * {@link FailureCause#OTHER} the detail alone (a foreign MG's text as it was).
     */
    public String failureCauseText() {
        if (cause == FailureCause.OTHER && !detail.isEmpty()) {
            return detail;
        }
        return detail.isEmpty() ? cause.token() : cause.token() + ": " + detail;
    }
}
