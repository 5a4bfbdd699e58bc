package org.mediasec.h248.text;

import org.mediasec.common.Checks;

/**
 * Limits of the text decoder.
 *
 * @param maxMessageSize largest accepted message in octets (H.248.1 Annex D.1: a UDP message fits a datagram)
 * @param maxDepth       deepest accepted brace nesting; a legal message nests about 10 deep
 * @param maxVersion     highest protocol version accepted (a higher one decodes as Malformed with 406)
 */
public record H248CodecConfig(int maxMessageSize, int maxDepth, int maxVersion) {
    public static final H248CodecConfig DEFAULT = new H248CodecConfig(65_535, 32, 3);

    public H248CodecConfig {
        Checks.positive(maxMessageSize, "maxMessageSize");
        Checks.inRange(maxDepth, 4, 1000, "maxDepth");
        Checks.inRange(maxVersion, 1, 3, "maxVersion");
    }

    public H248CodecConfig withMaxMessageSize(int maxMessageSize) {
        return new H248CodecConfig(maxMessageSize, maxDepth, maxVersion);
    }

    public H248CodecConfig withMaxDepth(int maxDepth) {
        return new H248CodecConfig(maxMessageSize, maxDepth, maxVersion);
    }

    public H248CodecConfig withMaxVersion(int maxVersion) {
        return new H248CodecConfig(maxMessageSize, maxDepth, maxVersion);
    }
}
