package org.mediasec.msrp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.ReceivedMessage;

/**
 * Reassembly of one incoming message by Message-ID and Byte-Range (RFC 4975 §7.3.1): chunks may
 * arrive in any order and with {@code *} totals; the body is held in memory up to the spill
 * threshold and in a temporary file beyond it, so memory per message stays bounded.
 */
final class IncomingMessage {
    private final String messageId;
    private final MsrpSessionConfig config;
    private final RangeSet ranges = new RangeSet();
    private String contentType;
    /** The total once known (from a Byte-Range total, or the end of the {@code $} chunk); -1 before. */
    private long total = -1;
    private boolean successReport;
    private MsrpHeader.FailureReport.Kind failureReport = MsrpHeader.FailureReport.Kind.YES;
    private byte[] memory = new byte[0];
    private Path file;
    private FileChannel channel;

    IncomingMessage(String messageId, MsrpSessionConfig config) {
        this.messageId = messageId;
        this.config = config;
    }

    String messageId() {
        return messageId;
    }

    long total() {
        return total;
    }

    long received() {
        return ranges.covered();
    }

    boolean successReport() {
        return successReport;
    }

    MsrpHeader.FailureReport.Kind failureReport() {
        return failureReport;
    }

    /**
     * Stores one chunk. Returns 200, 413 (the message is larger than allowed) or 400 (the ranges
     * contradict each other); on anything but 200 the caller discards the message. {@code body}: the
     * chunk's remaining octets (position and limit are left alone); a direct buffer goes to the spill
     * file with no copy of ours or the JDK's.
     */
    MsrpStatus accept(MsrpHeader.ByteRange range, Optional<String> chunkType, ByteBuffer body, MsrpContinuation flag,
                      boolean chunkSuccessReport, MsrpHeader.FailureReport.Kind chunkFailureReport) throws IOException {
        if (contentType == null && chunkType.isPresent()) {
            contentType = chunkType.get();
        }
        successReport |= chunkSuccessReport;
        failureReport = chunkFailureReport;
        long start = range.start();
        long len = body.remaining();
        long end = start + len - 1;
        if (range.totalKnown()) {
            if (total >= 0 && total != range.total()) {
                return MsrpStatus.UNINTELLIGIBLE;
            }
            total = range.total();
        } else if (flag == MsrpContinuation.COMPLETE) {
            // RFC 4975 §7.3.1: "It is worth noting that the chunk that has a termination character of "$"
            // defines the total length of the message."
            if (total >= 0 && total != end) {
                return MsrpStatus.UNINTELLIGIBLE;
            }
            total = end;
        }
        if (total >= 0 && end > total) {
            return MsrpStatus.UNINTELLIGIBLE;
        }
        if (end > config.maxMessageSize() || total > config.maxMessageSize()) {
            return MsrpStatus.STOP_SENDING;
        }
        if (len > 0) {
            // RFC 4975 §7.3.1: overlapping data: "the last chunk received SHOULD take precedence"
            store(start - 1, body);
        }
        ranges.add(start, end);
        return MsrpStatus.OK;
    }

    boolean complete() {
        return total >= 0 && ranges.coversAll(total);
    }

    private void store(long offset, ByteBuffer body) throws IOException {
        long end = offset + body.remaining();
        if (channel == null && (end > config.spillThreshold() || total > config.spillThreshold())) {
            spill();
        }
        if (channel != null) {
            ByteBuffer src = body.duplicate();
            long pos = offset;
            while (src.hasRemaining()) {
                pos += channel.write(src, pos);
            }
            return;
        }
        if (end > memory.length) {
            long want = total >= 0 ? total : Math.max(end, Math.min(config.spillThreshold(), (long) memory.length * 2));
            memory = Arrays.copyOf(memory, (int) want);
        }
        body.duplicate().get(memory, (int) offset, body.remaining());
    }

    private void spill() throws IOException {
        Files.createDirectories(config.spillDirectory());
        file = Files.createTempFile(config.spillDirectory(), "msrp-", ".part");
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (memory.length > 0) {
            ByteBuffer src = ByteBuffer.wrap(memory);
            long pos = 0;
            while (src.hasRemaining()) {
                pos += channel.write(src, pos);
            }
        }
        memory = new byte[0];
    }

    /** The complete message; the spill file (if any) passes to the application. */
    ReceivedMessage finish() throws IOException {
        String type = contentType == null ? "application/octet-stream" : contentType;
        if (channel != null) {
            channel.truncate(total);
            channel.close();
            channel = null;
            return new ReceivedMessage(messageId, type, total, Optional.empty(), Optional.of(file));
        }
        return new ReceivedMessage(messageId, type, total, Optional.of(Bytes.of(memory, 0, (int) total)), Optional.empty());
    }

    /** Drops the partial body (abort, error, session end). */
    void discard() {
        memory = new byte[0];
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
            channel = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is not worth failing for
            }
        }
    }
}
