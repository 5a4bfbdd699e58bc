package org.mediasec.agw.bearer;

import java.net.InetSocketAddress;

/**
 * What crossed one leg. "In" is what the AGW received on this leg, "out" what it sent on it.
 * {@code bytes*} count the relayed payload (for a TLS-terminating leg: the plaintext), {@code wire*}
 * what crossed the socket (for TLS: records and handshake); for plain and pass-through legs both are
 * equal.
 *
 * @param side                which leg
 * @param transport           what the leg carries
 * @param setup               who opened the TCP connection
 * @param local               our address (the listener's for a passive leg), or {@code null}
 * @param remote              the peer's address once connected, or {@code null}
 * @param bytesIn             payload bytes read from this leg
 * @param bytesOut            payload bytes written to this leg
 * @param readsIn             frames read from this leg (socket reads, or decrypted TLS chunks)
 * @param writesOut           frames written to this leg
 * @param wireBytesIn         bytes read from the socket
 * @param wireBytesOut        bytes written to the socket
 * @param readPauses          how often reads from this leg were paused because the other leg could
 *                            not take more (backpressure)
 * @param peakPendingOutbound the most bytes ever waiting to be sent on this leg (Netty's pending
 *                            outbound bytes, TLS plaintext queue included)
 * @param tls                 the terminated TLS session, or {@code null} when the AGW decrypted nothing
 *                            on this leg (plain, pass-through, or handshake not completed)
 */
public record LegStats(Side side, BearerTransport transport, TcpSetup setup, InetSocketAddress local,
                       InetSocketAddress remote, long bytesIn, long bytesOut, long readsIn, long writesOut,
                       long wireBytesIn, long wireBytesOut, long readPauses, long peakPendingOutbound,
                       TlsInfo tls) {
    /** Whether the AGW decrypted anything on this leg. */
    public boolean decrypted() {
        return tls != null;
    }

    /** One-line summary for logs. */
    public String summary() {
        return side + " " + transport + "/" + setup + " " + text(local) + "<->" + text(remote)
                + (tls == null ? "" : " [" + tls + "]")
                + " in " + bytesIn + "B/" + readsIn + " out " + bytesOut + "B/" + writesOut
                + " wire " + wireBytesIn + "/" + wireBytesOut + " pauses " + readPauses
                + " peak " + peakPendingOutbound;
    }

    /** {@code host:port} with the numeric address, or {@code -}. */
    static String text(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }
}
