package org.mediasec.msrp.internal;

import java.util.function.Consumer;

import org.mediasec.msrp.MsrpMessage;

/** The connection a session is bound to, as the state machine sees it. */
public interface MsrpWire {
    /** False while the connection's outbound buffer is above its high-water mark. */
    boolean writable();

    /**
     * Writes and flushes {@code message}; {@code done} is called on the session's thread with
     * {@code null} on success or the cause of failure.
     */
    void write(MsrpMessage message, Consumer<Throwable> done);

    /**
     * Hands a body to the connection to be written as interruptible chunks (RFC 4975 §7.1.1): the
     * connection writes it when no other chunk is open, ends the chunk with {@code +} before anything
     * else goes out on it, and reports each transaction to the stream's listener on the session's
     * thread. The stream is the connection's until a {@link ChunkEnd#released()} report.
     */
    void stream(OutgoingStream stream);

    /** Names the connection in logs. */
    String describe();
}
