package org.mediasec.msrp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.session.MsrpPayload;

/**
 * A message body handed to the connection to be written as interruptible SEND chunks (RFC 4975
 * §7.1.1): the fields of every chunk's head, the payload read from {@link #position()} on, and the
 * largest body of one chunk. While submitted ({@link MsrpWire#stream}) the connection alone reads the
 * payload and moves the position, on its own thread; it reports every transaction it ends to
 * its listener (see {@link #report}) and finally hands the stream back ({@link ChunkEnd#released()}). The owner may
 * only {@link #stop} it meanwhile.
 */
public final class OutgoingStream {
    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;
    private final String messageId;
    private final List<MsrpHeader> headers;
    private final MsrpContent contentHead;
    private final MsrpPayload payload;
    private final long total;
    private final int maxBody;
    private final Consumer<ChunkEnd> listener;
    private long position;
    private volatile MsrpContinuation endRequested;
    private volatile Executor executor;

    /**
     * @param headers  the headers after Message-ID and Byte-Range (Success-Report, Failure-Report)
     * @param position 0-based position of the first octet to send
     * @param maxBody  most body octets of one chunk
     * @param listener called on the connection's thread for every transaction and the hand-back
     */
    public OutgoingStream(List<MsrpUri> toPath, List<MsrpUri> fromPath, String messageId, List<MsrpHeader> headers,
                          MsrpPayload payload, long position, int maxBody, Consumer<ChunkEnd> listener) {
        this.toPath = List.copyOf(toPath);
        this.fromPath = List.copyOf(fromPath);
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.headers = List.copyOf(headers);
        this.payload = Objects.requireNonNull(payload, "payload");
        this.contentHead = new MsrpContent(payload.contentType(), payload.mimeHeaders(), Bytes.EMPTY);
        this.total = payload.size();
        if (position < 0 || position >= total) {
            throw new IllegalArgumentException("position: " + position + " (expected: 0.." + (total - 1) + ")");
        }
        if (maxBody < 1) {
            throw new IllegalArgumentException("maxBody: " + maxBody + " (expected: >= 1)");
        }
        this.position = position;
        this.maxBody = maxBody;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Makes {@link #report} run the listener through {@code executor} (the session's thread). Before submitting. */
    public void reportVia(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Tells the owner; called by the connection. */
    public void report(ChunkEnd end) {
        Executor e = executor;
        if (e == null) {
            listener.accept(end);
        } else {
            e.execute(() -> listener.accept(end));
        }
    }

    public String messageId() {
        return messageId;
    }

    public long total() {
        return total;
    }

    public int maxBody() {
        return maxBody;
    }

    /** 0-based position of the next octet to send. */
    public long position() {
        return position;
    }

    /** Octets left to send. */
    public long remaining() {
        return total - position;
    }

    /**
     * The head of a chunk whose first body octet is at 1-based {@code start}: start line, To-Path, From-Path, Message-ID,
     * {@code Byte-Range: start-* /total}, the other headers and Content-Type. Encode it with
     * {@code MsrpCodec.encodeHead}. The empty body stands for the streamed one.
     */
    public MsrpRequest head(String transactionId, long start) {
        List<MsrpHeader> hs = new java.util.ArrayList<>(headers.size() + 2);
        hs.add(new MsrpHeader.MessageId(messageId));
        hs.add(new MsrpHeader.ByteRange(start, MsrpHeader.ByteRange.UNKNOWN, total));
        hs.addAll(headers);
        return new MsrpRequest(transactionId, MsrpMethod.SEND, toPath, fromPath, hs, Optional.of(contentHead),
                MsrpContinuation.MORE);
    }

    /**
     * Fills {@code dst} from the payload at the current position (the caller sized it to at most
     * {@link #remaining()}) and advances the position.
     */
    public void read(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = payload.read(position, dst);
            if (n <= 0) {
                throw new IOException("payload ended at " + position + " of " + total + " octets");
            }
            position += n;
        }
    }

    /**
     * Asks the connection to end the open chunk with {@code #} at the next piece boundary and hand the
     * stream back: the message is aborted (RFC 4975 §7.1: "If the sender is aborting an incomplete
     * message, and intends to send no further chunks in that message, the flag MUST be a "#".") or must
     * stop (§10.5: "If the sender receives the 413 while in the process of sending a chunk, and the chunk
     * is interruptible, the sender MUST interrupt it."). Any thread.
     */
    public void stop() {
        endRequested = MsrpContinuation.ABORT;
    }

    /** Non-null once {@link #stop} was called: the flag to end the open chunk with. */
    public MsrpContinuation endRequested() {
        return endRequested;
    }
}
