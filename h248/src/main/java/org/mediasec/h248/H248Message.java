package org.mediasec.h248;

import java.util.Objects;

import org.mediasec.common.Checks;

/**
 * One H.248.1 message (Annex B {@code megacoMessage}): protocol version, the sender's mId and the
 * body, which is either a list of transactions or a message-level error descriptor.
 *
 * <p>The content must exist in the message's version (e.g. no IEPSCall in a version 1 message):
 * the constructor checks it, so every message that can be built encodes to text that decodes back.
 *
 * <p>The optional authentication header (H.248.1 §10.2) is not modelled yet.
 */
public record H248Message(int version, MId mId, MessageBody body) {
    public H248Message {
        Checks.inRange(version, 1, 3, "version");
        Objects.requireNonNull(mId, "mId");
        Objects.requireNonNull(body, "body");
        String newer = VersionRules.firstAbove(version, body);
        if (newer != null) {
            throw new IllegalArgumentException("version " + version + " message contains " + newer);
        }
    }
}
