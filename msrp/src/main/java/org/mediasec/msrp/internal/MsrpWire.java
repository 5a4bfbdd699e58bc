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

    /** Names the connection in logs. */
    String describe();
}
