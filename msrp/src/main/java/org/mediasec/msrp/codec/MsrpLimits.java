package org.mediasec.msrp.codec;

/**
 * Limits applied to wire input, by {@link MsrpCodec#decode(io.netty.buffer.ByteBuf, MsrpLimits)} and
 * by the stream decoder.
 *
 * @param maxLineLength  longest start line or header line, CRLF excluded
 * @param maxHeaderCount most header lines in one message (To-Path and From-Path included)
 * @param maxChunkSize   largest body of one request (one chunk); a peer that needs more must chunk
 */
public record MsrpLimits(int maxLineLength, int maxHeaderCount, int maxChunkSize) {
    /**
     * Defaults: 4096-octet lines, 64 headers, 1 MiB per chunk. RFC 4975 §7.1.1 asks a receiver to take
     * "chunks of any size from zero octets to the maximum number of octets they can receive for a
     * complete message" and lets senders chunk at 2048 octets; 1 MiB leaves room for file-transfer
     * senders that chunk coarsely, while bounding what one connection can make us buffer.
     */
    public static final MsrpLimits DEFAULT = new MsrpLimits(4096, 64, 1 << 20);

    public MsrpLimits {
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength: " + maxLineLength + " (expected: >= 64)");
        }
        if (maxHeaderCount < 2) {
            throw new IllegalArgumentException("maxHeaderCount: " + maxHeaderCount + " (expected: >= 2)");
        }
        if (maxChunkSize < 0) {
            throw new IllegalArgumentException("maxChunkSize: " + maxChunkSize + " (expected: >= 0)");
        }
    }

    public MsrpLimits withMaxLineLength(int n) {
        return new MsrpLimits(n, maxHeaderCount, maxChunkSize);
    }

    public MsrpLimits withMaxHeaderCount(int n) {
        return new MsrpLimits(maxLineLength, n, maxChunkSize);
    }

    public MsrpLimits withMaxChunkSize(int n) {
        return new MsrpLimits(maxLineLength, maxHeaderCount, n);
    }
}
