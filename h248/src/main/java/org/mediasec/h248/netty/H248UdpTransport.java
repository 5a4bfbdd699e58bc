package org.mediasec.h248.netty;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.mediasec.h248.H248Message;
import org.mediasec.h248.transaction.H248Receiver;
import org.mediasec.h248.transaction.H248Transport;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;

/** H.248 over UDP (Annex D.1) on one datagram channel: {@code H248DatagramCodec → receiver}. */
public final class H248UdpTransport implements H248Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H248UdpTransport.class);

    /** The largest UDP payload over IPv4 (65535 - 20 - 8). */
    static final int MAX_DATAGRAM = 65_507;

    private final Channel channel;

    private H248UdpTransport(Channel channel) {
        this.channel = channel;
    }

    /** Binds {@code config.bind()} on {@code loop} (blocks until bound; do not call on an event loop). */
    public static H248UdpTransport bind(Transports transports, EventLoop loop, H248TransportConfig config,
                                        H248Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        H248DatagramCodec codec = new H248DatagramCodec(config.style(), config.codec());
        // Netty reads datagrams into 2048-byte buffers by default; an H.248 message may fill a datagram
        int largest = Math.min(config.codec().maxMessageSize(), MAX_DATAGRAM);
        Bootstrap b = new Bootstrap().group(loop).channel(transports.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(largest))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("h248-codec", codec).addLast("h248-receiver", new Dispatch(receiver));
                    }
                });
        Channel ch = b.bind(config.bind()).syncUninterruptibly().channel();
        LOG.info("[h248] udp bound {}", ch.localAddress());
        return new H248UdpTransport(ch);
    }

    @Override
    public boolean reliable() {
        return false;
    }

    @Override
    public void send(InetSocketAddress peer, H248Message message) {
        channel.writeAndFlush(new H248Outbound(peer, message)).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("[h248] udp send to {} failed: {}", peer, f.cause().toString());
            }
        });
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    static final class Dispatch extends SimpleChannelInboundHandler<H248Inbound> {
        private final H248Receiver receiver;

        Dispatch(H248Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, H248Inbound in) {
            receiver.received(in.sender(), in.result());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel().remoteAddress() instanceof InetSocketAddress peer) {
                receiver.disconnected(peer);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("[h248] {} {}", ctx.channel(), cause.toString());
        }
    }
}
