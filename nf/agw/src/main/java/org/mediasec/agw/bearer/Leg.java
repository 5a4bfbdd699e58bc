package org.mediasec.agw.bearer;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * The run-time state of one leg of a {@link BearerRelay}. Confined to the relay's event loop; the
 * counters are volatile (one writer, the loop) so {@link #stats()} can be read from any thread.
 */
final class Leg {
    final BearerRelay relay;
    final Side side;
    final PortAllocator ports;
    volatile BearerLeg spec;

    /** The booked port of a passive leg, or -1. */
    int port = -1;
    /** The caller booked {@link #port} before {@link BearerRelay#open()} and handed it over. */
    boolean portHandedOver;
    /** The listening socket of a passive leg until it accepted its connection. */
    Channel listener;
    /** The connection (accepted, or connecting/connected). */
    Channel channel;
    boolean ready;
    boolean establishRequested;
    boolean paused;
    /** Reads of this leg go by epoll splice to the peer ({@link SplicedLegs}), not through the pipeline. */
    boolean splicing;
    PinCapture pins;
    /** The pin check of a leg whose handler comes from a shared context ({@link LegTlsContexts}). */
    volatile org.mediasec.tls.FingerprintTrustManager trust;
    /** What was read before the other leg was established (the tail of a TLS handshake read). */
    final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    long heldBytes;

    volatile InetSocketAddress local;
    volatile InetSocketAddress remote;
    volatile TlsInfo tls;
    volatile long bytesIn;
    volatile long bytesOut;
    volatile long readsIn;
    volatile long writesOut;
    volatile long wireBytesIn;
    volatile long wireBytesOut;
    volatile long readPauses;
    volatile long peakPendingOutbound;

    Leg(BearerRelay relay, Side side, BearerLeg spec, PortAllocator ports) {
        this.relay = relay;
        this.side = side;
        this.spec = spec;
        this.ports = ports;
    }

    Leg peer() {
        return relay.leg(side.other());
    }

    /** Writes (without flushing) {@code buf} to this leg's connection, counting it. */
    void write(ByteBuf buf) {
        int n = buf.readableBytes();
        bytesOut += n;
        writesOut++;
        channel.write(buf, channel.voidPromise());
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out != null) {
            long pending = out.totalPendingWriteBytes();
            if (pending > peakPendingOutbound) {
                peakPendingOutbound = pending;
            }
        }
    }

    /** {@code n} octets spliced from this leg's socket toward the peer's: one read here, one write there. */
    void spliced(int n) {
        bytesIn += n;
        wireBytesIn += n;
        readsIn++;
        Leg to = peer();
        to.bytesOut += n;
        to.wireBytesOut += n;
        to.writesOut++;
    }

    void releaseHeld() {
        for (ByteBuf b; (b = held.poll()) != null; ) {
            b.release();
        }
        heldBytes = 0;
    }

    LegStats stats() {
        BearerLeg s = spec;
        return new LegStats(side, s.transport(), s.setup(), local, remote, bytesIn, bytesOut, readsIn, writesOut,
                wireBytesIn, wireBytesOut, readPauses, peakPendingOutbound, tls);
    }
}
