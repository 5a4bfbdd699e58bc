package org.mediasec.msrp.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of one MSRP session. Immutable; start from {@link #DEFAULT} and change with {@code withX}.
 *
 * @param chunkSize           most body octets per SEND chunk
 * @param transactionTimeout  how long a SEND with {@code Failure-Report: yes} waits for its response
 *                            before the sender treats it as failed with 408
 * @param spillThreshold      received messages larger than this (or of unknown size that grow past
 *                            it) are written to a temporary file instead of being held in memory
 * @param spillDirectory      where spilled bodies go
 * @param maxMessageSize      largest message accepted; beyond it the receiver answers 413
 * @param maxInflightBytes    chunk octets written to the connection but not yet flushed; above it
 *                            the sender stops producing chunks until writes complete
 * @param maxIncomingMessages most messages being reassembled at once on a session; beyond it 413
 */
public record MsrpSessionConfig(int chunkSize, Duration transactionTimeout, long spillThreshold, Path spillDirectory,
                                long maxMessageSize, int maxInflightBytes, int maxIncomingMessages) {
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

    /** 2048-octet chunks, 30 s timeout, spill above 1 MiB to java.io.tmpdir, 4 GiB max, 256 KiB in flight, 16 messages. */
    public static final MsrpSessionConfig DEFAULT = new MsrpSessionConfig(RFC4975_CHUNK_SIZE, RFC4975_TRANSACTION_TIMEOUT,
            1 << 20, Path.of(System.getProperty("java.io.tmpdir")), 4L << 30, 256 << 10, 16);

    public MsrpSessionConfig {
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

    public MsrpSessionConfig withChunkSize(int n) {
        return new MsrpSessionConfig(n, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withTransactionTimeout(Duration d) {
        return new MsrpSessionConfig(chunkSize, d, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withSpillThreshold(long n) {
        return new MsrpSessionConfig(chunkSize, transactionTimeout, n, spillDirectory, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withSpillDirectory(Path p) {
        return new MsrpSessionConfig(chunkSize, transactionTimeout, spillThreshold, p, maxMessageSize, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withMaxMessageSize(long n) {
        return new MsrpSessionConfig(chunkSize, transactionTimeout, spillThreshold, spillDirectory, n, maxInflightBytes, maxIncomingMessages);
    }

    public MsrpSessionConfig withMaxInflightBytes(int n) {
        return new MsrpSessionConfig(chunkSize, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, n, maxIncomingMessages);
    }

    public MsrpSessionConfig withMaxIncomingMessages(int n) {
        return new MsrpSessionConfig(chunkSize, transactionTimeout, spillThreshold, spillDirectory, maxMessageSize, maxInflightBytes, n);
    }
}
