package org.mediasec.msrp.session;

import java.util.Objects;

import org.mediasec.msrp.MsrpStatus;

/**
 * A message this side was sending has failed; no more of it is sent.
 *
 * @param messageId the Message-ID
 * @param status    408 (no response in time), the peer's error response or failure REPORT status
 *                  (413, 481, ...), or 400 when the payload could not be read
 * @param reason    a human-readable explanation
 */
public record SendFailure(String messageId, MsrpStatus status, String reason) {
    public SendFailure {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
