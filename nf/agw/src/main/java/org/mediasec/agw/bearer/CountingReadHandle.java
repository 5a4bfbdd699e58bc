package org.mediasec.agw.bearer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * A leg's socket read sizes (Netty's adaptive receive buffer, 64 octets up to
 * {@link BearerConfig#maxReadSize()}) whose handle also counts what epoll {@code splice} moves: a
 * spliced read never becomes a {@code ByteBuf}, so the pipeline does not see it, but Netty reports
 * every splice's length to this handle ({@code lastBytesRead}). While the leg splices
 * ({@link Leg#splicing}) each positive length is one read on this leg and one write on its peer,
 * counted exactly as the {@code ByteBuf} path counts them.
 */
final class CountingReadHandle implements RecvByteBufAllocator {
    private final Leg leg;
    private final AdaptiveRecvByteBufAllocator sizes;

    CountingReadHandle(Leg leg, int maxReadSize) {
        this.leg = leg;
        this.sizes = new AdaptiveRecvByteBufAllocator(64, 2048, maxReadSize);
    }

    @Override
    public Handle newHandle() {
        return new Counting((ExtendedHandle) sizes.newHandle());
    }

    private final class Counting implements ExtendedHandle {
        private final ExtendedHandle d;

        Counting(ExtendedHandle d) {
            this.d = d;
        }

        @Override
        public void lastBytesRead(int bytes) {
            d.lastBytesRead(bytes);
            if (bytes > 0 && leg.splicing) {
                leg.spliced(bytes);
            }
        }

        @Override
        public int lastBytesRead() {
            return d.lastBytesRead();
        }

        @Override
        @SuppressWarnings("deprecation")
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return d.allocate(alloc);
        }

        @Override
        @SuppressWarnings("deprecation")
        public int guess() {
            return d.guess();
        }

        @Override
        @SuppressWarnings("deprecation")
        public void reset(ChannelConfig config) {
            d.reset(config);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void incMessagesRead(int numMessages) {
            d.incMessagesRead(numMessages);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void attemptedBytesRead(int bytes) {
            d.attemptedBytesRead(bytes);
        }

        @Override
        @SuppressWarnings("deprecation")
        public int attemptedBytesRead() {
            return d.attemptedBytesRead();
        }

        @Override
        @SuppressWarnings("deprecation")
        public boolean continueReading() {
            return d.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return d.continueReading(maybeMoreDataSupplier);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void readComplete() {
            d.readComplete();
        }
    }
}
