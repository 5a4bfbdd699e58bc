package org.mediasec.msrp;

import java.util.List;
import java.util.Optional;

/**
 * An MSRP message (RFC 4975 §7): a request or a response, identified by its transaction id, with
 * the two path headers every message carries and its other headers in order.
 */
public sealed interface MsrpMessage permits MsrpRequest, MsrpResponse {

    /** RFC 4975 §9 {@code transact-id = ident}; it also forms the end-line. */
    String transactionId();

    /** To-Path, first URI = next hop, last = final destination. */
    List<MsrpUri> toPath();

    /** From-Path, first URI = previous hop (the sender), last = the originator. */
    List<MsrpUri> fromPath();

    /** Headers other than To-Path, From-Path and the body's MIME headers, in wire order. */
    List<MsrpHeader> headers();

    /** The first header of the given type, if any. */
    default <H extends MsrpHeader> Optional<H> header(Class<H> type) {
        for (MsrpHeader h : headers()) {
            if (type.isInstance(h)) {
                return Optional.of(type.cast(h));
            }
        }
        return Optional.empty();
    }

    default Optional<MsrpHeader.MessageId> messageId() {
        return header(MsrpHeader.MessageId.class);
    }

    default Optional<MsrpHeader.ByteRange> byteRange() {
        return header(MsrpHeader.ByteRange.class);
    }

    /** The Status header (REPORT requests); not the status code of a response. */
    default Optional<MsrpHeader.Status> statusHeader() {
        return header(MsrpHeader.Status.class);
    }

    /** The end-line without CRLF: {@code -------<transaction-id><flag>}. */
    static String endLine(String transactionId, MsrpContinuation flag) {
        return "-------" + transactionId + flag.flag();
    }

    /** Checks shared by both record kinds. */
    static void validate(String transactionId, List<MsrpUri> toPath, List<MsrpUri> fromPath, List<MsrpHeader> headers) {
        MsrpSyntax.requireIdent(transactionId, "transactionId");
        if (toPath.isEmpty()) {
            throw new IllegalArgumentException("toPath: empty (RFC 4975 §9: To-Path has at least one URI)");
        }
        if (fromPath.isEmpty()) {
            throw new IllegalArgumentException("fromPath: empty (RFC 4975 §9: From-Path has at least one URI)");
        }
        for (int i = 0; i < headers.size(); i++) {
            MsrpHeader h = headers.get(i);
            if (h instanceof MsrpHeader.Extension) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (headers.get(j).getClass() == h.getClass()) {
                    throw new IllegalArgumentException("headers: " + h.name() + " appears twice");
                }
            }
        }
    }
}
