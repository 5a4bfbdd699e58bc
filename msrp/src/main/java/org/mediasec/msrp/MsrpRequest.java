package org.mediasec.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.common.Bytes;

/**
 * An MSRP request (RFC 4975 §7.1): SEND, REPORT, AUTH (RFC 4976) or an extension method.
 *
 * <p>Invariant (RFC 4975 §7.1): the body never contains the end-line string
 * {@code -------<transaction-id>} followed by a continuation flag; pick the transaction id with
 * {@link MsrpTransactionIds#chooseFor}.
 *
 * @param content      the body with its MIME headers; empty for a body-less request
 * @param continuation the end-line flag ({@code $} for an unchunked message)
 */
public record MsrpRequest(String transactionId, MsrpMethod method, List<MsrpUri> toPath, List<MsrpUri> fromPath,
                          List<MsrpHeader> headers, Optional<MsrpContent> content, MsrpContinuation continuation)
        implements MsrpMessage {

    public MsrpRequest {
        Objects.requireNonNull(method, "method");
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(continuation, "continuation");
        MsrpMessage.validate(transactionId, toPath, fromPath, headers);
        // RFC 4975 §7.1: "If the request contains a body, the sender MUST ensure that the end-line
        // (seven hyphens, the transaction identifier, and a continuation flag) is not present in the
        // body." Checked for every request, decoded ones included (a record always runs this
        // constructor); the check (MsrpEndLineSearch) probes every seventh octet of the body for a
        // hyphen, so it costs less than copying the body. After MsrpTransactionIds.chooseFor on the
        // same body it is skipped (the pair is already proven).
        if (content.isPresent() && MsrpTransactionIds.endLineOccursIn(transactionId, content.get().data())) {
            throw new IllegalArgumentException("transactionId: \"" + transactionId + "\" forms an end-line inside the body");
        }
    }

    /** A complete SEND ({@code $}) with {@code Message-ID}, {@code Byte-Range: 1-n/n} and the content. */
    public static MsrpRequest send(String transactionId, List<MsrpUri> toPath, List<MsrpUri> fromPath,
                                   String messageId, MsrpContent content) {
        long n = content.data().size();
        return new MsrpRequest(transactionId, MsrpMethod.SEND, toPath, fromPath,
                List.of(new MsrpHeader.MessageId(messageId), MsrpHeader.ByteRange.whole(n)),
                Optional.of(content), MsrpContinuation.COMPLETE);
    }

    /** Body bytes, or {@link Bytes#EMPTY} when there is no body. */
    public Bytes body() {
        return content.map(MsrpContent::data).orElse(Bytes.EMPTY);
    }

    /** Success-Report, defaulting to no (RFC 4975 §7.1.1). */
    public boolean successReport() {
        return header(MsrpHeader.SuccessReport.class).map(MsrpHeader.SuccessReport::yes).orElse(false);
    }

    /** Failure-Report, defaulting to yes (RFC 4975 §7.1.1). */
    public MsrpHeader.FailureReport.Kind failureReport() {
        return header(MsrpHeader.FailureReport.class).map(MsrpHeader.FailureReport::kind)
                .orElse(MsrpHeader.FailureReport.Kind.YES);
    }

    /**
     * Whether a transaction response with {@code status} is sent for this request (RFC 4975 §7.2):
     * never for REPORT; Failure-Report no suppresses all, partial suppresses 200.
     */
    public boolean wantsResponse(MsrpStatus status) {
        if (method.equals(MsrpMethod.REPORT)) {
            return false;
        }
        return switch (failureReport()) {
            case YES -> true;
            case NO -> false;
            case PARTIAL -> !status.isSuccess();
        };
    }

    public MsrpRequest withTransactionId(String newTransactionId) {
        return new MsrpRequest(newTransactionId, method, toPath, fromPath, headers, content, continuation);
    }

    public MsrpRequest withContinuation(MsrpContinuation flag) {
        return new MsrpRequest(transactionId, method, toPath, fromPath, headers, content, flag);
    }

    /** This request with {@code header} replacing the header of the same type, or appended. */
    public MsrpRequest withHeader(MsrpHeader header) {
        List<MsrpHeader> hs = new ArrayList<>(headers);
        boolean replaced = false;
        if (!(header instanceof MsrpHeader.Extension)) {
            for (int i = 0; i < hs.size(); i++) {
                if (hs.get(i).getClass() == header.getClass()) {
                    hs.set(i, header);
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            hs.add(header);
        }
        return new MsrpRequest(transactionId, method, toPath, fromPath, hs, content, continuation);
    }
}
