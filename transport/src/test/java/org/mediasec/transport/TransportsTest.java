package org.mediasec.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;

class TransportsTest {

    @ParameterizedTest
    @EnumSource(Transports.Kind.class)
    void tpktEchoOverLoopback(Transports.Kind kind) throws Exception {
        if (kind == Transports.Kind.EPOLL) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Epoll.isAvailable(), "epoll not available");
        }
        try (Transports t = Transports.create("test-" + kind, 1, kind)) {
            Channel server = new ServerBootstrap().group(t.group()).channel(t.serverSocketChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new TpktFrameDecoder(), TpktFrameEncoder.INSTANCE,
                                    new SimpleChannelInboundHandler<ByteBuf>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                            ctx.writeAndFlush(msg.retain());
                                        }
                                    });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel client = new Bootstrap().group(t.group()).channel(t.socketChannel())
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new TpktFrameDecoder(), TpktFrameEncoder.INSTANCE,
                                    new SimpleChannelInboundHandler<ByteBuf>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                            echoed.complete(msg.toString(StandardCharsets.US_ASCII));
                                        }
                                    });
                        }
                    }).connect(server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer("hello megaco", StandardCharsets.US_ASCII)).sync();
            assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("hello megaco");
            assertThat(t.kind()).isEqualTo(kind);
            client.close().sync();
            server.close().sync();
            assertThat(t.shutdown(Duration.ofSeconds(5))).isTrue();
        }
    }
}
