package org.mediasec.msrp.codec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;

/**
 * What the decoder salvaged from a malformed message (the "mini decode"): enough to send the error
 * response RFC 4975 §7.2 asks for.
 *
 * @param transactionId  the transaction id of the start line
 * @param method         the method, if the start line is a request with a syntactically valid method
 * @param responseStatus the status code, if the start line is a response
 * @param toPath         To-Path URIs if that header parsed, else empty
 * @param fromPath       From-Path URIs if that header parsed, else empty
 * @param failureReport  the Failure-Report value if it parsed, else the default (yes)
 */
public record RecoveredHeader(String transactionId, Optional<MsrpMethod> method, Optional<MsrpStatus> responseStatus,
                              List<MsrpUri> toPath, List<MsrpUri> fromPath, MsrpHeader.FailureReport.Kind failureReport) {

    public RecoveredHeader {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(responseStatus, "responseStatus");
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        Objects.requireNonNull(failureReport, "failureReport");
    }

    public boolean isRequest() {
        return responseStatus.isEmpty();
    }

    /** 501 when the method is one we do not implement, else 400 (RFC 4975 §7.2, §10). */
    public MsrpStatus replyStatus() {
        return method.isPresent() && !method.get().isKnown() ? MsrpStatus.METHOD_NOT_UNDERSTOOD : MsrpStatus.UNINTELLIGIBLE;
    }

    /**
     * The error response to send, if one may be sent: only to a request that is not a REPORT, whose
     * paths were readable, and whose Failure-Report is not {@code no} (RFC 4975 §7.2). Its To-Path
     * follows §7.2 ({@link MsrpResponse#responseToPath}): the previous hop for SEND, the whole
     * From-Path for any other method (a start line that did not parse leaves no paths, so no reply).
     */
    public Optional<MsrpResponse> reply() {
        if (!isRequest() || method.map(MsrpMethod.REPORT::equals).orElse(false)
                || toPath.isEmpty() || fromPath.isEmpty() || failureReport == MsrpHeader.FailureReport.Kind.NO) {
            return Optional.empty();
        }
        MsrpStatus s = replyStatus();
        return Optional.of(new MsrpResponse(transactionId, s, Optional.of(s.description()),
                MsrpResponse.responseToPath(method.orElse(MsrpMethod.SEND), fromPath), List.of(toPath.get(0)), List.of()));
    }
}
