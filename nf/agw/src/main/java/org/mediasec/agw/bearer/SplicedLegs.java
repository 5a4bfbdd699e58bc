package org.mediasec.agw.bearer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Pass-through by epoll {@code splice(2)}: the octets of two pass-through legs go from one socket
 * through a kernel pipe into the other without being copied into user space (Netty's
 * {@code AbstractEpollStreamChannel.spliceTo}). Used only when both legs carry bytes untouched
 * (no TLS termination, no MSRP awareness) and both channels are epoll channels; otherwise the relay
 * keeps its {@code ByteBuf} path.
 *
 * <p><b>Backpressure</b> is Netty's: a splice moves at most one pipe's worth (64 KiB) and, while that
 * waits for the other socket to take it, the source stops reading; nothing is queued in user space.
 *
 * <p><b>The end of the stream.</b> When the sender closes (EPOLLRDHUP), Netty's splice path shuts the
 * input down after one splice, which can leave octets in the socket's receive buffer (a pipe holds
 * 64 KiB, the buffer several MiB); closing the channel then would lose them. The legs therefore allow
 * half-closure while splicing: the input shutdown only stops reading (the queued octets stay readable,
 * TCP delivered the FIN after them), and {@link #drain} reads what is left into buffers written after
 * the splices already queued toward the other leg, so the other leg gets every octet, in order,
 * before the relay flushes and closes it.
 *
 * <p><b>Counting.</b> Spliced octets are counted through the read handle
 * ({@link CountingReadHandle}), the drained ones as ordinary reads: the statistics stay exact.
 */
final class SplicedLegs {
    private SplicedLegs() {
    }

    /** Whether the legs can be spliced: both pass bytes untouched and both are epoll stream channels. */
    static boolean possible(Leg a, Leg b) {
        return untouched(a) && untouched(b) && a.channel instanceof AbstractEpollStreamChannel
                && b.channel instanceof AbstractEpollStreamChannel;
    }

    private static boolean untouched(Leg leg) {
        BearerTransport t = leg.spec.transport();
        return (t == BearerTransport.PASS_THROUGH || t == BearerTransport.PLAIN_TCP) && leg.spec.msrp() == null;
    }

    /**
     * Starts splicing {@code from} into its peer, until the relay ends; {@code failed} hears of a
     * splice failure (not of the cancellation when the relay closes the channels).
     */
    static void start(Leg from, GenericFutureListener<Future<? super Void>> failed) {
        Channel in = from.channel;
        Channel out = from.peer().channel;
        levelTriggered(in);
        levelTriggered(out);
        in.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        from.splicing = true;
        ((AbstractEpollStreamChannel) in).spliceTo((AbstractEpollStreamChannel) out, Integer.MAX_VALUE)
                .addListener(failed);
    }

    @SuppressWarnings("deprecation")
    private static void levelTriggered(Channel ch) {
        ((EpollChannelConfig) ch.config()).setEpollMode(EpollMode.LEVEL_TRIGGERED);
    }

    /**
     * After the sender's FIN: reads what is left in {@code from}'s receive buffer (bounded by that
     * buffer: the peer can send nothing after its FIN) and hands each buffer to {@code relay}, which
     * writes it to the peer behind the queued splices. Returns the octets read.
     *
     * @throws IOException when reading the socket fails
     */
    static long drain(Leg from, Consumer<ByteBuf> relay) throws IOException {
        FileDescriptor fd = ((AbstractEpollStreamChannel) from.channel).fd();
        long total = 0;
        for (;;) {
            ByteBuf b = from.channel.alloc().directBuffer(64 * 1024);
            int n;
            try {
                ByteBuffer nio = b.internalNioBuffer(0, b.capacity());
                n = fd.read(nio, nio.position(), nio.limit());
            } catch (IOException | RuntimeException e) {
                b.release();
                throw e;
            }
            if (n <= 0) {                              // -1: end of stream; 0: nothing more queued
                b.release();
                return total;
            }
            b.writerIndex(n);
            from.wireBytesIn += n;
            total += n;
            relay.accept(b);
        }
    }
}
