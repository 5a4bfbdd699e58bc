package org.mediasec.msrp.internal;

import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpStatus;

/**
 * What the connection reports to the owner of an {@link OutgoingStream}: one SEND transaction of the
 * stream ended (its end-line is written to the connection), or the stream was handed back between
 * transactions. With {@code $} or {@code #} the connection is done with the stream.
 *
 * @param transactionId the transaction that ended; null when none was open (the stream was handed back
 *                      between two transactions or before its first, e.g. stopped while waiting its turn)
 * @param start         1-based position of the transaction's first body octet
 * @param octets        body octets the transaction carried, so its range is {@code start-(start+octets-1)}
 * @param flag          the end-line flag: {@code $} the message is complete, {@code +} the stream goes on
 *                      in a new transaction, {@code #} aborted, stopped or failed
 * @param failure       why the stream could not go on (payload read error, connection closed), else null
 * @param reason        what went wrong, for the user; null without a failure
 */
public record ChunkEnd(String transactionId, long start, long octets, MsrpContinuation flag, MsrpStatus failure,
                       String reason) {
    /** The position (0-based) of the next octet to send. */
    public long nextPosition() {
        return start - 1 + octets;
    }

    /** True when the connection is done with the stream ({@code $} or {@code #}). */
    public boolean released() {
        return flag != MsrpContinuation.MORE;
    }
}
