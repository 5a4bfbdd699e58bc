package org.mediasec.msrp.session;

import java.util.Objects;

import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpStatus;

/**
 * A report about a message this side sent (RFC 4975 §7.1.2): a REPORT request from the peer, or
 * (when {@code local}) a failure this side detected itself, such as a transaction timeout (408).
 *
 * @param messageId the Message-ID reported on
 * @param status    the Status code (200 for a success report)
 * @param range     the Byte-Range reported on
 * @param local     true when generated locally (no REPORT crossed the wire)
 */
public record MsrpReport(String messageId, MsrpStatus status, MsrpHeader.ByteRange range, boolean local) {
    public MsrpReport {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(range, "range");
    }

    public boolean success() {
        return status.isSuccess();
    }
}
