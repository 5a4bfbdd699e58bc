package org.mediasec.benchmarks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.msrp.netty.MsrpFrameDecoder;
import org.mediasec.msrp.netty.MsrpFrameError;
import org.mediasec.msrp.netty.MsrpMessageEncoder;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsProvider;
import org.mediasec.transport.Transports;

/**
 * Load run: one large MSRP file transfer over TLS on loopback between two Netty endpoints of ours
 * (sender and receiver each on its own event loop, our codec, our TLS contexts with mutual
 * fingerprint pinning, a 200 per chunk as RFC 4975 asks, Netty writability as backpressure), then,
 * in the same run, the baseline: the same number of octets over a plain TLS stream between two
 * {@code socat} processes (OpenSSL), as in tooling.md §0/§8. Prints MB/s for both, the ratio, heap
 * use and machine facts. Bounded: every phase has a deadline.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.MsrpTlsLoadRun [--size 1g] [--chunk 65536]
 *      [--provider OPENSSL|JDK] [--baseline socat|none] [--timeout 300] [--warmup 256m]
 * </pre>
 *
 * <p>{@code --warmup N} first runs a transfer of N octets on the same connection (its figure is
 * printed as "cold JVM"), then waits until the JIT has been idle for 500 ms, so the measured transfer
 * runs on compiled code, as in a long-running server, and does not share the cores with the
 * compiler's leftover queue; the default 0 measures from a cold JVM. Each transfer reports the CPU
 * time of the process split into the sender's and the receiver's event loop and the rest (GC, JIT),
 * and the JIT compilation time inside its window.
 */
public final class MsrpTlsLoadRun {
    private MsrpTlsLoadRun() {
    }

    /**
     * @param wrapSize    plaintext octets the sender's {@code SslHandler} hands the TLS engine per wrap
     *                    ({@link SslHandler#setWrapDataSize}); 0 keeps Netty's default (16 KiB)
     * @param readMax     largest read of the receiver's socket (an {@link AdaptiveRecvByteBufAllocator});
     *                    0 keeps the transport's default (64 KiB)
     * @param socatSuite  the TLS 1.3 suite the socat baseline is held to (OpenSSL config
     *                    {@code Ciphersuites}); empty leaves OpenSSL's default order ({@code TLS_AES_256_GCM_SHA384})
     */
    record Options(long size, int chunk, TlsProvider provider, boolean baseline, Duration timeout, long warmup,
                   int wrapSize, int readMax, String socatSuite) {
        static Options parse(String[] args) {
            long size = 1L << 30;
            int chunk = 65536;
            TlsProvider provider = TlsProvider.preferred();
            boolean baseline = true;
            Duration timeout = Duration.ofSeconds(300);
            long warmup = 0;
            int wrapSize = 0;
            int readMax = 0;
            String socatSuite = "TLS_AES_128_GCM_SHA256";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--size" -> size = parseSize(args[++i]);
                    case "--chunk" -> chunk = Math.toIntExact(parseSize(args[++i]));
                    case "--provider" -> provider = TlsProvider.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--baseline" -> baseline = !args[++i].equals("none");
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--warmup" -> warmup = parseSize(args[++i]);
                    case "--wrap-size" -> wrapSize = Math.toIntExact(parseSize(args[++i]));
                    case "--read-max" -> readMax = Math.toIntExact(parseSize(args[++i]));
                    case "--socat-suite" -> {
                        String v = args[++i];
                        socatSuite = v.equals("default") ? "" : v;
                    }
                    case "--help", "-h" -> {
                        System.out.println("usage: MsrpTlsLoadRun [--size 1g] [--chunk 65536] [--provider OPENSSL|JDK]"
                                + " [--baseline socat|none] [--timeout seconds] [--warmup 0|256m] [--wrap-size 0|64k]"
                                + " [--read-max 0|256k] [--socat-suite TLS_AES_128_GCM_SHA256|default]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (chunk < 1 || chunk > (1 << 20)) {
                throw new IllegalArgumentException("--chunk: " + chunk + " (expected: 1..1048576)");
            }
            if (wrapSize < 0 || readMax < 0 || (readMax > 0 && readMax < 2048)) {
                throw new IllegalArgumentException("--wrap-size " + wrapSize + ", --read-max " + readMax
                        + " (expected: 0 for the default, or a size; --read-max at least 2048)");
            }
            return new Options(size, chunk, provider, baseline, timeout, warmup, wrapSize, readMax, socatSuite);
        }

        static long parseSize(String s) {
            return LoadRunSupport.parseSize(s);
        }
    }

    /**
     * @param busiestCpuSeconds CPU of the busiest of the two sides (our sender or receiver event loop;
     *                          the socat client or server process): what bounds the wall clock when
     *                          each side has a core of its own
     */
    record Result(String what, long octets, double seconds, String detail, double cpuSeconds, double busiestCpuSeconds) {
        double mbPerSecond() {
            return octets / seconds / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.println("== machine");
        LoadRunSupport.machine().forEach(l -> System.out.println("  " + l));
        System.out.printf(Locale.ROOT, "== transfer: %d octets (%.0f MiB) in %d-octet chunks, TLS provider %s%n",
                o.size(), o.size() / 1048576.0, o.chunk(), o.provider());

        List<Result> runs = msrpOverTls(o);
        runs.forEach(MsrpTlsLoadRun::print);
        Result ours = runs.get(runs.size() - 1);
        if (o.baseline()) {
            Result base = socatTls(o);
            print(base);
            System.out.printf(Locale.ROOT, "== ratio: MSRP/TLS (ours) / plain TLS (socat) = %.2f%n",
                    ours.mbPerSecond() / base.mbPerSecond());
            // wall-clock figures on a shared machine depend on who else runs; CPU time per octet much less
            System.out.printf(Locale.ROOT, "== CPU: ours %.2f s, socat %.2f s for the same octets; socat CPU / ours = %.2f%n",
                    ours.cpuSeconds(), base.cpuSeconds(), base.cpuSeconds() / ours.cpuSeconds());
            // with a core per side (a quiet machine), the busier side bounds the transfer time
            System.out.printf(Locale.ROOT, "== busiest side: ours %.2f s (event loop), socat %.2f s (process);"
                            + " socat / ours = %.2f (the wall-clock ratio to expect with a core per side)%n",
                    ours.busiestCpuSeconds(), base.busiestCpuSeconds(), base.busiestCpuSeconds() / ours.busiestCpuSeconds());
        }
    }

    static void print(Result r) {
        System.out.printf(Locale.ROOT, "== %s: %.1f MB/s (%d octets in %.2f s) %s%n", r.what(), r.mbPerSecond(),
                r.octets(), r.seconds(), r.detail());
    }

    // ------------------------------------------------------------------ ours

    static List<Result> msrpOverTls(Options o) throws Exception {
        LocalIdentity serverId = LocalIdentity.selfSigned("load-receiver");
        LocalIdentity clientId = LocalIdentity.selfSigned("load-sender");
        TlsOptions tls = TlsOptions.DEFAULTS.withProvider(o.provider());
        SslContext serverCtx = TlsContexts.server(serverId, List.of(clientId.fingerprint()), tls);
        SslContext clientCtx = TlsContexts.client(clientId, List.of(serverId.fingerprint()), tls);
        MsrpLimits limits = MsrpLimits.DEFAULT.withMaxChunkSize(Math.max(o.chunk(), MsrpLimits.DEFAULT.maxChunkSize()));

        Transports receiverLoop = Transports.create("load-rx", 1, Transports.Kind.preferred());
        Transports senderLoop = Transports.create("load-tx", 1, Transports.Kind.preferred());
        LoadRunSupport.HeapSampler heap = new LoadRunSupport.HeapSampler();
        try {
            Receiver receiver = new Receiver();
            ServerBootstrap sb = new ServerBootstrap().group(receiverLoop.group()).channel(receiverLoop.serverSocketChannel())
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
            if (o.readMax() > 0) {
                sb.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, o.readMax()));
            }
            Channel server = sb
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // the 200s written while a read is in progress go out in one flush at its end
                            ch.pipeline().addLast(TlsContexts.newHandler(serverCtx, ch, null, tls),
                                    new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true),
                                    new MsrpFrameDecoder(limits), MsrpMessageEncoder.INSTANCE, receiver);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            InetSocketAddress addr = (InetSocketAddress) server.localAddress();

            Sender sender = new Sender(o.chunk());
            Channel client = new Bootstrap().group(senderLoop.group()).channel(senderLoop.socketChannel())
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler h = TlsContexts.newHandler(clientCtx, ch, addr, tls);
                            if (o.wrapSize() > 0) {
                                h.setWrapDataSize(o.wrapSize());
                            }
                            ch.pipeline().addLast(h, new MsrpFrameDecoder(limits), MsrpMessageEncoder.INSTANCE, sender);
                        }
                    })
                    .connect(addr).sync().channel();
            SslHandler ssl = client.pipeline().get(SslHandler.class);
            if (!ssl.handshakeFuture().await(10, TimeUnit.SECONDS) || !ssl.handshakeFuture().isSuccess()) {
                throw new IllegalStateException("TLS handshake failed: " + ssl.handshakeFuture().cause());
            }
            String suite = ssl.engine().getSession().getProtocol() + " " + ssl.engine().getSession().getCipherSuite();

            long txThread = LoadRunSupport.threadIdOf(client.eventLoop());
            long rxThread = LoadRunSupport.threadIdOf(server.eventLoop());
            List<Result> results = new ArrayList<>();
            long chunksSoFar = 0;
            for (long phase : o.warmup() > 0 ? List.of(o.warmup(), o.size()) : List.of(o.size())) {
                boolean warmUp = phase == o.warmup() && results.isEmpty() && o.warmup() > 0;
                String quiet = "";
                if (!warmUp && o.warmup() > 0) {
                    quiet = String.format(Locale.ROOT, "; waited %.1f s for the JIT to go idle", LoadRunSupport.awaitJitIdle() / 1e9);
                }
                receiver.expect(phase);
                System.gc();
                heap.start();
                long jit0 = LoadRunSupport.jitMillis();
                long tx0 = LoadRunSupport.threadCpuNanos(txThread);
                long rx0 = LoadRunSupport.threadCpuNanos(rxThread);
                long cpu0 = LoadRunSupport.processCpuNanos();
                long t0 = System.nanoTime();
                client.eventLoop().execute(() -> sender.start(phase));
                long t1;
                try {
                    t1 = receiver.done.get(o.timeout().toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("transfer not complete within " + o.timeout() + ": received "
                            + receiver.received.get() + " of " + phase + " octets", e);
                }
                long cpu1 = LoadRunSupport.processCpuNanos();
                long tx1 = LoadRunSupport.threadCpuNanos(txThread);
                long rx1 = LoadRunSupport.threadCpuNanos(rxThread);
                long jit1 = LoadRunSupport.jitMillis();
                heap.stop();
                chunksSoFar += phase / o.chunk() + (phase % o.chunk() == 0 ? 0 : 1);
                sender.responses.await(chunksSoFar, Duration.ofSeconds(30));
                if (!receiver.errors.isEmpty() || !sender.errors.isEmpty()) {
                    throw new IllegalStateException("errors: receiver " + receiver.errors + ", sender " + sender.errors);
                }
                results.add(new Result("MSRP over TLS (ours, Netty + " + o.provider() + ")"
                        + (warmUp ? " [cold JVM, warm-up on the same connection]" : ""), receiver.received.get(),
                        (t1 - t0) / 1e9,
                        String.format(Locale.ROOT, "[%s; %d chunks, %d 200s so far; heap used peak %.0f MiB of max %.0f MiB;"
                                        + " pooled direct peak %.0f MiB; process CPU %.2f s: sender loop %.2f s,"
                                        + " receiver loop %.2f s, other threads (GC, JIT) %.2f s; JIT compiling %d ms%s]",
                                suite, chunksSoFar, sender.responses.count.get(), heap.peak / 1048576.0,
                                Runtime.getRuntime().maxMemory() / 1048576.0, heap.peakDirect / 1048576.0,
                                (cpu1 - cpu0) / 1e9, (tx1 - tx0) / 1e9, (rx1 - rx0) / 1e9,
                                ((cpu1 - cpu0) - (tx1 - tx0) - (rx1 - rx0)) / 1e9, jit1 - jit0, quiet),
                        (cpu1 - cpu0) / 1e9, Math.max(tx1 - tx0, rx1 - rx0) / 1e9));
            }
            client.close().sync();
            server.close().sync();
            return results;
        } finally {
            heap.stop();
            senderLoop.close();
            receiverLoop.close();
        }
    }

    /** Sends the file as SEND chunks while the channel is writable; counts the 200s. */
    static final class Sender extends ChannelInboundHandlerAdapter {
        final int chunk;
        final Bytes body;
        long size;
        Bytes lastBody;
        final SplittableRandom random = new SplittableRandom(4976);
        final Counter responses = new Counter();
        final List<String> errors = new ArrayList<>();
        Channel channel;
        long sent;
        long chunks;

        Sender(int chunk) {
            this.chunk = chunk;
            this.body = MsrpBenchData.body(chunk, 4975);
        }

        /** Starts a transfer of {@code octets} (on the channel's event loop). */
        void start(long octets) {
            size = octets;
            sent = 0;
            long rest = octets % chunk;
            lastBody = rest == 0 ? body : body.slice(0, (int) rest);
            pump();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.fireChannelActive();
        }

        /** Chunks written per flush: 4 x 64 KiB, one TLS wrap and write(2) batch instead of four. */
        static final int FLUSH_EVERY = 4;

        void pump() {
            int unflushed = 0;
            while (sent < size && channel.isWritable()) {
                long left = size - sent;
                Bytes b = left >= chunk ? body : lastBody;
                boolean last = left <= chunk;
                MsrpRequest r = MsrpBenchData.sendChunk(b, sent + 1, size,
                        last ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE, random);
                sent += b.size();
                chunks++;
                channel.write(r);
                if (++unflushed == FLUSH_EVERY) {
                    channel.flush();
                    unflushed = 0;
                }
            }
            if (unflushed > 0) {
                channel.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                pump();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof MsrpResponse r && r.status().equals(MsrpStatus.OK)) {
                responses.increment();
            } else {
                errors.add(String.valueOf(msg));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause.toString());
            ctx.close();
        }
    }

    /** Counts body octets, answers every chunk with 200, completes when the last octet is in. */
    static final class Receiver extends ChannelInboundHandlerAdapter {
        final AtomicLong received = new AtomicLong();
        final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile long size;
        volatile CompletableFuture<Long> done = new CompletableFuture<>();

        /** Expects a transfer of {@code octets}; call while no transfer runs. */
        void expect(long octets) {
            received.set(0);
            size = octets;
            done = new CompletableFuture<>();
        }

        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof MsrpRequest r && r.method().equals(MsrpMethod.SEND)) {
                long n = received.addAndGet(r.body().size());
                if (r.wantsResponse(MsrpStatus.OK)) {
                    ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.OK));
                }
                if (n >= size && r.continuation() == MsrpContinuation.COMPLETE) {
                    done.complete(System.nanoTime());
                }
            } else {
                errors.add(msg instanceof MsrpFrameError e ? e.toString() : String.valueOf(msg));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause.toString());
            done.completeExceptionally(cause);
            ctx.close();
        }
    }

    static final class Counter {
        final AtomicLong count = new AtomicLong();

        void increment() {
            count.incrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        }

        synchronized void await(long n, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (count.get() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("only " + count.get() + " of " + n + " responses");
                }
                wait(left);
            }
        }
    }

    // ------------------------------------------------------------------ baseline

    /**
     * {@code socat} OpenSSL server writing to /dev/null, {@code socat} OpenSSL client reading
     * {@code size} octets of /dev/zero (no pipe in between), 128 KiB buffers; wall time of the client.
     */
    static Result socatTls(Options o) throws Exception {
        SocatTls.Run r = SocatTls.run("OPEN:/dev/zero,readbytes=" + o.size(), "OPEN:/dev/null,wronly", o.socatSuite(),
                o.timeout(), false);
        return new Result("plain TLS stream (socat -> socat, OpenSSL, " + r.suite() + ")", o.size(), r.seconds(),
                String.format(Locale.ROOT, "[CPU %.2f s (both socat processes: client %.2f s, server %.2f s); %s]",
                        r.cpu(), r.clientCpu(), r.serverCpu(), r.command()), r.cpu(), r.busiest());
    }
}
