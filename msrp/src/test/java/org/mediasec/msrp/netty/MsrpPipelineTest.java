package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpChunker;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.MsrpLimits;

/**
 * The decoder and encoder in a real (in-VM) pipeline: a client sends chunks, the server answers each
 * with 200 or, for a malformed frame, the 400 the recovered header yields; garbage closes the server side.
 */
class MsrpPipelineTest {
    private static final List<MsrpUri> TO = List.of(MsrpUri.parse("msrp://b.example.com:1/s;tcp"));
    private static final List<MsrpUri> FROM = List.of(MsrpUri.parse("msrp://a.example.com:1/s;tcp"));

    private EventLoopGroup group;
    private Channel server;
    private final BlockingQueue<Object> serverSaw = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> clientSaw = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress addr = new LocalAddress("msrp-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new MsrpFrameDecoder(MsrpLimits.DEFAULT.withMaxChunkSize(4096)),
                                MsrpMessageEncoder.INSTANCE, new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        serverSaw.add(msg);
                                        if (msg instanceof MsrpRequest r && r.wantsResponse(MsrpStatus.OK)) {
                                            ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.OK));
                                        } else if (msg instanceof MsrpFrameError e && !e.fatal()) {
                                            e.recovered().flatMap(h -> h.reply()).ifPresent(ctx::writeAndFlush);
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        serverSaw.add("closed");
                                    }
                                });
                    }
                }).bind(addr).sync().channel();
        client = new Bootstrap().group(group).channel(LocalChannel.class).handler(new ChannelInitializer<LocalChannel>() {
            @Override
            protected void initChannel(LocalChannel ch) {
                ch.pipeline().addLast(new MsrpFrameDecoder(), MsrpMessageEncoder.INSTANCE,
                        new SimpleChannelInboundHandler<Object>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                clientSaw.add(msg);
                            }
                        });
            }
        }).connect(addr).sync().channel();
    }

    private Channel client;

    @AfterEach
    void stop() throws InterruptedException {
        client.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void chunksAreAnsweredAndMalformedFramesGet400() throws InterruptedException {
        List<MsrpRequest> chunks = MsrpChunker.split(TO, FROM, "msg00001",
                MsrpContent.of("application/octet-stream", Bytes.utf8("x".repeat(10_000))), List.of(), 2048,
                new SplittableRandom(3));
        for (MsrpRequest c : chunks) {
            client.writeAndFlush(c).sync();
        }
        for (MsrpRequest c : chunks) {
            assertThat(serverSaw.poll(5, TimeUnit.SECONDS)).isEqualTo(c);
            MsrpMessage reply = (MsrpMessage) clientSaw.poll(5, TimeUnit.SECONDS);
            assertThat(reply).isInstanceOf(MsrpResponse.class);
            assertThat(reply.transactionId()).isEqualTo(c.transactionId());
        }
        client.writeAndFlush(Unpooled.copiedBuffer(("MSRP abcd SEND\r\nTo-Path: msrp://b.example.com:1/s;tcp\r\n"
                + "From-Path: msrp://a.example.com:1/s;tcp\r\nByte-Range: oops\r\n-------abcd$\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII))).sync();
        assertThat(serverSaw.poll(5, TimeUnit.SECONDS)).isInstanceOf(MsrpFrameError.class);
        MsrpResponse r400 = (MsrpResponse) clientSaw.poll(5, TimeUnit.SECONDS);
        assertThat(r400.status()).isEqualTo(MsrpStatus.UNINTELLIGIBLE);
        assertThat(r400.transactionId()).isEqualTo("abcd");
        assertThat(client.isActive()).isTrue();
    }

    @Test
    void overLimitClosesTheConnection() throws InterruptedException {
        MsrpRequest big = MsrpRequest.send("abcd", TO, FROM, "msg00001",
                MsrpContent.of("application/octet-stream", Bytes.utf8("y".repeat(5000))));
        client.writeAndFlush(big).sync();
        Object e = serverSaw.poll(5, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(MsrpFrameError.class);
        assertThat(((MsrpFrameError) e).kind()).isEqualTo(MsrpFrameError.Kind.LIMIT_EXCEEDED);
        assertThat(serverSaw.poll(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(client.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Optional.ofNullable(clientSaw.poll())).isEmpty();
    }
}
