package org.mediasec.msrp.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of one MSRP session. Immutable; start from {@link #DEFAULT} and change with {@code withX}.
 *
 * @param chunking            how messages larger than 2048 octets are cut into chunks (RFC 4975 §7.1.1)
 * @param chunkSize           most body octets per SEND chunk; with {@link Chunking#STREAMED} the size at
 *                            which an uninterrupted chunk is ended anyway and the rest continues in a new one
 * @param transactionTimeout  how long a SEND with {@code Failure-Report: yes} waits for its response
 *                            before the sender treats it as failed with 408
 * @param spillThreshold      received messages larger than this (or of unknown size that grow past
 *                            it) are written to a temporary file instead of being held in memory
 * @param spillDirectory      where spilled bodies go
 * @param maxMessageSize      largest message accepted; beyond it the receiver answers 413
 * @param maxInflightBytes    chunk octets written to the connection but not yet flushed; above it
 *                            the sender stops producing whole chunks until writes complete (a streamed
 *                            chunk's body is read only while the connection is writable, so the
 *                            connection's write-buffer water marks bound it instead)
 * @param maxIncomingMessages most messages being reassembled at once on a session; beyond it 413
 */
public record MsrpSessionConfig(Chunking chunking, int chunkSize, Duration transactionTimeout, long spillThreshold, Path spillDirectory,
                                long maxMessageSize, int maxInflightBytes, int maxIncomingMessages) {
    /**
     * The two strategies of RFC 4975 §7.1.1: "The sender is STRONGLY RECOMMENDED to send messages larger
     * than 2048 octets using as few chunks as possible, interrupting chunks (at least 2048 octets long)
     * only when other traffic is waiting to use the same connection. Alternatively, the sender MAY
     * simply send chunks in 2048-octet increments until the final chunk."
     */
    public enum Chunking {
        /**
         * The recommended strategy: a message above 2048 octets goes out as one chunk with range-end
         * {@code *}, its body streamed from the payload as the connection can take it. The connection
         * (shared by every session on it) ends the chunk with {@code +} once it carried at least 2048
         * octets and anything else waits to be sent (a response, a REPORT, another message, another
         * session's chunk), when it reaches {@link #chunkSize()}, or just before a piece of the body that
         * holds {@code -------<transaction-id>} (RFC 4975 §7.1); the rest continues in a new transaction.
         * Messages of at most 2048 octets go out whole with an exact Byte-Range.
         */
        STREAMED,
        /**
         * Whole chunks of {@link #chunkSize()} octets, each written as one request; other traffic waits
         * for the chunk being written. With {@link #RFC4975_CHUNK_SIZE} this is "chunks in 2048-octet
         * increments"; larger chunks get range-end {@code *} but are never cut short.
         */
        FIXED
    }

    /**
     * RFC 4975 §7.1.1: "the sender MAY simply send chunks in 2048-octet increments until the final
     * chunk". Larger chunks are sent with a range-end of {@code *} ("any chunk with a body of greater
     * than 2048 octets will have a "*" character in the range-end field"); other traffic then waits
     * for the chunk being written, never longer.
     */
    public static final int RFC4975_CHUNK_SIZE = 2048;
    /**
     * RFC 4975 §7.1.1: "If a 200 response to the transaction is not received within 30 seconds from
     * the time the last byte of the transaction is sent, or submitted to the operating system for
     * sending, the element MUST inform the user that the request probably failed."
     */
    public static final Duration RFC4975_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Default most body octets of a streamed chunk: 256 KiB. Our receiver holds a chunk body in memory
     * and accepts up to {@code MsrpLimits.DEFAULT.maxChunkSize()} (1 MiB); peers must accept "chunks of
     * any size from zero octets to the maximum number of octets they can receive for a complete message"
     * (RFC 4975 §7.1.1), but a relay may frame less (Kamailio's msrp module: see
     * {@code MsrpEndpoint#open(MsrpSessionSpec, MsrpSessionConfig, MsrpSessionListener)}). 256 KiB was the
     * fastest size in the TLS load run (0.89x socat, against 0.70x with 64 KiB); larger chunks only add
     * receiver memory.
     */
    public static final int DEFAULT_STREAMED_CHUNK_SIZE = 256 << 10;

    /**
     * {@link Chunking#STREAMED} chunks of at most 256 KiB, 30 s timeout, spill above 1 MiB to
     * java.io.tmpdir, 4 GiB max, 256 KiB in flight, 16 messages.
     *
     * <p>Streaming is the default because it is what RFC 4975 §7.1.1 STRONGLY RECOMMENDS and because
     * every 2048-octet increment is a SEND transaction with its own 200 and timer: a 1 GiB file is
     * 524,288 of them, against about 4,096 streamed chunks. Chat messages (at most 2048 octets) go out
     * whole as before; responses and REPORTs still leave at once, since the connection interrupts an
     * open chunk for them. Use {@link #RFC4975_INCREMENTS} for the 2048-octet strategy.
     */
    public static final MsrpSessionConfig DEFAULT = new MsrpSessionConfig(Chunking.STREAMED, DEFAULT_STREAMED_CHUNK_SIZE,
            RFC4975_TRANSACTION_TIMEOUT, 1 << 20, Path.of(System.getProperty("java.io.tmpdir")), 4L << 30, 256 << 10, 16);

    /** {@link #DEFAULT} with RFC 4975 §7.1.1's alternative: "chunks in 2048-octet increments until the final chunk". */
    public static final MsrpSessionConfig RFC4975_INCREMENTS = DEFAULT.withChunking(Chunking.FIXED)
            .withChunkSize(RFC4975_CHUNK_SIZE);

    public MsrpSessionConfig {
        Objects.requireNonNull(chunking, "chunking");
        if (chunkSize < 1 || chunkSize > (1 << 24)) {
            throw new IllegalArgumentException("chunkSize: " + chunkSize + " (expected: 1..16777216)");
        }
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
        if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
            throw new IllegalArgumentException("transactionTimeout: " + transactionTimeout + " (expected: positive)");
        }
        if (spillThreshold < 0 || spillThreshold > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("spillThreshold: " + spillThreshold + " (expected: 0..2^31-17)");
        }
        Objects.requireNonNull(spillDirectory, "spillDirectory");
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 0)");
        }
        if (maxInflightBytes < 1) {
            throw new IllegalArgumentException("maxInflightBytes: " + maxInflightBytes + " (expected: >= 1)");
        }
        if (maxIncomingMessages < 1) {
            throw new IllegalArgumentException("maxIncomingMessages: " + maxIncomingMessages + " (expected: >= 1)");
        }
    }

    public MsrpSessionConfig withChunking(Chunking c) {
        return new MsrpSessionConfig(c, chunkSize, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withChunkSize(int n) {
        return new MsrpSessionConfig(chunking, n, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withTransactionTimeout(Duration d) {
        return new MsrpSessionConfig(chunking, chunkSize, d, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withSpillThreshold(long n) {
        return new MsrpSessionConfig(chunking, chunkSize, transactionTimeout, n, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withSpillDirectory(Path p) {
        return new MsrpSessionConfig(chunking, chunkSize, transactionTimeout, spillThreshold, p, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withMaxMessageSize(long n) {
        return new MsrpSessionConfig(chunking, chunkSize, transactionTimeout, spillThreshold, spillDirectory, n, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withMaxInflightBytes(int n) {
        return new MsrpSessionConfig(chunking, chunkSize, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, n, maxIncomingMessages);
    }

    public MsrpSessionConfig withMaxIncomingMessages(int n) {
        return new MsrpSessionConfig(chunking, chunkSize, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, n);
    }
}
