package org.mediasec.msrp.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.mediasec.msrp.MsrpUri;

/**
 * One MSRP session (RFC 4975 §5): identified by the local and the remote {@code a=path}, carried
 * over a connection that it shares with other sessions toward the same peer. Thread-safe: calls
 * are handed to the session's own thread.
 */
public interface MsrpSession extends AutoCloseable {

    /** Our URI: the last URI of our {@code a=path}, used as From-Path and matched against To-Path. */
    MsrpUri localUri();

    /** The peer's {@code a=path}, used as To-Path. */
    List<MsrpUri> remotePath();

    /** Completes when the session is bound to a connection; fails with the reason if it never is. */
    CompletableFuture<Void> connected();

    /**
     * Queues a message; it goes out in chunks, interleaved with other queued messages (with the default
     * {@code MsrpSessionConfig.Chunking.STREAMED}, a message above 2048 octets is one interruptible chunk
     * per {@code chunkSize} octets, cut short only when other traffic waits).
     *
     * @return the Message-ID chosen for it
     */
    String send(MsrpPayload payload, SendOptions options);

    /** Sends a UTF-8 text/plain message with the default report options. */
    default String sendText(String text) {
        return send(MsrpPayload.text(text), SendOptions.DEFAULT);
    }

    /**
     * Stops sending a message: a streamed chunk being written ends with {@code #} at once; otherwise, if
     * some of it was sent, the next chunk is an empty one ending in {@code #} (RFC 4975 §7.1.1); if none
     * was sent, it is dropped.
     */
    void abort(String messageId);

    /** Ends the session: timers cancelled, partial incoming bodies deleted, connection released. */
    @Override
    void close();
}
