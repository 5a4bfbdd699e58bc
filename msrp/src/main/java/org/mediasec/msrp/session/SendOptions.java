package org.mediasec.msrp.session;

import java.util.Objects;

import org.mediasec.msrp.MsrpHeader.FailureReport;

/**
 * The report headers a sent message carries (RFC 4975 §7.1.1), the same on every chunk.
 *
 * @param successReport {@code Success-Report: yes} asks the recipient for a success REPORT
 * @param failureReport {@code Failure-Report}: yes (transaction responses and failure REPORTs), partial
 *                      (only negative responses and failure REPORTs) or no (none)
 */
public record SendOptions(boolean successReport, FailureReport.Kind failureReport) {
    /** The RFC 4975 defaults: no success report, failure reports yes (headers not sent). */
    public static final SendOptions DEFAULT = new SendOptions(false, FailureReport.Kind.YES);

    public SendOptions {
        Objects.requireNonNull(failureReport, "failureReport");
    }

    public SendOptions withSuccessReport(boolean yes) {
        return new SendOptions(yes, failureReport);
    }

    public SendOptions withFailureReport(FailureReport.Kind kind) {
        return new SendOptions(successReport, kind);
    }
}
