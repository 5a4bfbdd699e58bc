package org.mediasec.h248;

import java.util.Objects;

/**
 * Error descriptor (H.248.1 §7.1.19): {@code Error = 400 { "text" }}. Used in command replies,
 * action replies, transaction replies and as the whole body of a message.
 *
 * @param text the quoted text without its quotes; null when absent
 */
public record ErrorDescriptor(ErrorCode code, String text) implements Descriptor, MessageBody {
    public ErrorDescriptor {
        Objects.requireNonNull(code, "code");
        if (text != null && !Names.isQuotedContent(text)) {
            throw new IllegalArgumentException("error text cannot be quoted: \"" + text + "\"");
        }
    }

    public static ErrorDescriptor of(ErrorCode code) {
        return new ErrorDescriptor(code, code.name());
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.ERROR;
    }
}
