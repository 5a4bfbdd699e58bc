package org.mediasec.msrp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP transaction response (RFC 4975 §7.2): {@code MSRP <tid> <code> [comment]}, path headers,
 * no body, end-line with {@code $}.
 *
 * @param comment the text after the status code, if any (e.g. {@code OK})
 */
public record MsrpResponse(String transactionId, MsrpStatus status, Optional<String> comment, List<MsrpUri> toPath,
                           List<MsrpUri> fromPath, List<MsrpHeader> headers) implements MsrpMessage {

    public MsrpResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(comment, "comment");
        comment.ifPresent(c -> MsrpSyntax.requireText(c, "comment"));
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
        MsrpMessage.validate(transactionId, toPath, fromPath, headers);
    }

    /**
     * The response to {@code request} (RFC 4975 §7.2): same transaction id; To-Path is the previous
     * hop (first From-Path URI of the request), From-Path is this hop (first To-Path URI).
     */
    public static MsrpResponse to(MsrpRequest request, MsrpStatus status) {
        return to(request, status, List.of());
    }

    public static MsrpResponse to(MsrpRequest request, MsrpStatus status, List<MsrpHeader> headers) {
        String comment = status.description();
        return new MsrpResponse(request.transactionId(), status,
                comment.isEmpty() ? Optional.empty() : Optional.of(comment),
                List.of(request.fromPath().get(0)), List.of(request.toPath().get(0)), headers);
    }
}
