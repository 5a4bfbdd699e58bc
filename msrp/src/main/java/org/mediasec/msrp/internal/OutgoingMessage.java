package org.mediasec.msrp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.SendOptions;

/** One message being sent: its payload, how far it got, and how many chunk transactions are open. */
final class OutgoingMessage {
    final String messageId;
    final MsrpPayload payload;
    final SendOptions options;
    final long total;
    /** Octets handed to chunks so far (0-based position of the next chunk). */
    long position;
    /** Octets whose write completed. */
    long written;
    int openTransactions;
    boolean lastChunkQueued;
    boolean failed;
    boolean abortRequested;
    boolean lastWritten;
    /** While the connection writes the message as a stream: that stream (the connection reads the payload). */
    OutgoingStream stream;

    OutgoingMessage(String messageId, MsrpPayload payload, SendOptions options) {
        this.messageId = messageId;
        this.payload = payload;
        this.options = options;
        this.total = payload.size();
    }

    boolean started() {
        return position > 0 || lastChunkQueued;
    }

    /** Reads the next slice of at most {@code chunkSize} octets. */
    Bytes nextSlice(int chunkSize) throws IOException {
        int len = (int) Math.min(chunkSize, total - position);
        byte[] b = new byte[len];
        ByteBuffer dst = ByteBuffer.wrap(b);
        while (dst.hasRemaining()) {
            int n = payload.read(position + dst.position(), dst);
            if (n <= 0) {
                throw new IOException("payload ended at " + (position + dst.position()) + " of " + total + " octets");
            }
        }
        return Bytes.ownedBy(b); // b was created above and is not kept
    }

    void closePayload() {
        try {
            payload.close();
        } catch (IOException ignored) {
            // nothing more to read from it anyway
        }
    }
}
