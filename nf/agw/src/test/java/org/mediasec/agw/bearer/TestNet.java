package org.mediasec.agw.bearer;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/** The UE and core stand-ins of the bearer tests, on loopback; every channel is tracked and closed. */
final class TestNet implements AutoCloseable {
    private final Transports transports;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

    TestNet(Transports transports) {
        this.transports = transports;
    }

    /** A listener whose first accepted connection completes the returned future's probe. */
    record Server(Channel listener, CompletableFuture<Probe> accepted) {
        InetSocketAddress address() {
            return (InetSocketAddress) listener.localAddress();
        }
    }

    Server server(SslContext tls, TlsOptions options, Supplier<Probe> probes) {
        return server(tls, options, probes, 0);
    }

    /**
     * A listener; a positive {@code receiveBuffer} fixes SO_RCVBUF of the accepted sockets (no
     * autotuning), so a peer that does not read stops its sender after a few KiB.
     */
    Server server(SslContext tls, TlsOptions options, Supplier<Probe> probes, int receiveBuffer) {
        CompletableFuture<Probe> accepted = new CompletableFuture<>();
        ServerBootstrap b = new ServerBootstrap();
        if (receiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, receiveBuffer);   // inherited by accepted sockets
        }
        Channel l = b.group(transports.group()).channel(transports.serverSocketChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        track(ch);
                        Probe p = probes.get();
                        pipeline(ch.pipeline(), tls, options, null, p);
                        accepted.complete(p);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        track(l);
        return new Server(l, accepted);
    }

    Probe client(SslContext tls, TlsOptions options, InetSocketAddress remote, Probe probe) {
        Channel ch = new Bootstrap().group(transports.group()).channel(transports.socketChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch.pipeline(), tls, options, remote, probe);
                    }
                })
                .connect(remote).syncUninterruptibly().channel();
        track(ch);
        return probe;
    }

    private static void pipeline(ChannelPipeline p, SslContext tls, TlsOptions options, InetSocketAddress remote,
                                 Probe probe) {
        if (tls != null) {
            p.addLast(TlsContexts.newHandler(tls, p.channel(), remote, options));
        }
        p.addLast(probe);
    }

    private void track(Channel ch) {
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
    }

    int openChannels() {
        return channels.size();
    }

    /** Releases a BoringSSL context (no-op on the JDK provider). */
    static void release(SslContext... contexts) {
        for (SslContext c : contexts) {
            ReferenceCountUtil.release(c);
        }
    }

    @Override
    public void close() {
        for (Channel ch : Set.copyOf(channels)) {
            ch.close().syncUninterruptibly();
        }
    }
}
