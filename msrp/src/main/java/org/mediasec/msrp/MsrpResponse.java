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
     * The response to {@code request} (RFC 4975 §7.2): same transaction id, the status description as
     * comment, no headers. See {@link #to(MsrpRequest, MsrpStatus, List)}.
     */
    public static MsrpResponse to(MsrpRequest request, MsrpStatus status) {
        return to(request, status, List.of());
    }

    /**
     * The response to {@code request} (RFC 4975 §7.2) with {@code headers}: same transaction id; the
     * To-Path as §7.2 says: "If the request triggering the response was a SEND request, the To-Path
     * header field is formed by copying the first (leftmost) URI in the From-Path header field of the
     * request. [...] For responses to all other request methods, the To-Path header field contains
     * the full path back to the original sender." (as in the RFC 4976 §5.1 401 and 200 to a relayed
     * AUTH); From-Path is this hop, the first To-Path URI of the request.
     */
    public static MsrpResponse to(MsrpRequest request, MsrpStatus status, List<MsrpHeader> headers) {
        String comment = status.description();
        return new MsrpResponse(request.transactionId(), status,
                comment.isEmpty() ? Optional.empty() : Optional.of(comment),
                responseToPath(request.method(), request.fromPath()), List.of(request.toPath().get(0)), headers);
    }

    /**
     * The To-Path of a response to a request with {@code method} and {@code fromPath} (RFC 4975
     * §7.2): the first From-Path URI for SEND, the whole From-Path for every other method.
     */
    public static List<MsrpUri> responseToPath(MsrpMethod method, List<MsrpUri> fromPath) {
        return MsrpMethod.SEND.equals(method) ? List.of(fromPath.get(0)) : List.copyOf(fromPath);
    }
}
