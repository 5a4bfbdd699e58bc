package org.mediasec.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
            String t = s.toLowerCase(Locale.ROOT);
            long mult = 1;
            if (t.endsWith("k")) {
                mult = 1L << 10;
            } else if (t.endsWith("m")) {
                mult = 1L << 20;
            } else if (t.endsWith("g")) {
                mult = 1L << 30;
            }
            if (mult != 1) {
                t = t.substring(0, t.length() - 1);
            }
            return Long.parseLong(t) * mult;
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
        machine().forEach(l -> System.out.println("  " + l));
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
        HeapSampler heap = new HeapSampler();
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

            long txThread = threadIdOf(client.eventLoop());
            long rxThread = threadIdOf(server.eventLoop());
            List<Result> results = new ArrayList<>();
            long chunksSoFar = 0;
            for (long phase : o.warmup() > 0 ? List.of(o.warmup(), o.size()) : List.of(o.size())) {
                boolean warmUp = phase == o.warmup() && results.isEmpty() && o.warmup() > 0;
                String quiet = "";
                if (!warmUp && o.warmup() > 0) {
                    quiet = String.format(Locale.ROOT, "; waited %.1f s for the JIT to go idle", awaitJitIdle() / 1e9);
                }
                receiver.expect(phase);
                System.gc();
                heap.start();
                long jit0 = jitMillis();
                long tx0 = threadCpuNanos(txThread);
                long rx0 = threadCpuNanos(rxThread);
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                client.eventLoop().execute(() -> sender.start(phase));
                long t1;
                try {
                    t1 = receiver.done.get(o.timeout().toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("transfer not complete within " + o.timeout() + ": received "
                            + receiver.received.get() + " of " + phase + " octets", e);
                }
                long cpu1 = processCpuNanos();
                long tx1 = threadCpuNanos(txThread);
                long rx1 = threadCpuNanos(rxThread);
                long jit1 = jitMillis();
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

    /** Peak heap in use and peak pooled direct memory, sampled every 50 ms. */
    static final class HeapSampler {
        final MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        ScheduledExecutorService exec;
        volatile long peak;
        volatile long peakDirect;

        void start() {
            exec = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-sampler");
                t.setDaemon(true);
                return t;
            });
            exec.scheduleAtFixedRate(() -> {
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
                peakDirect = Math.max(peakDirect, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        void stop() {
            if (exec != null) {
                exec.shutdownNow();
            }
        }
    }

    /** The id of the thread that runs {@code loop} (a single-thread event loop). */
    static long threadIdOf(io.netty.channel.EventLoop loop) throws Exception {
        return loop.submit(() -> Thread.currentThread().getId()).get(10, TimeUnit.SECONDS);
    }

    static long threadCpuNanos(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    /** Total JIT compilation time so far, in ms (0 if the JVM does not tell). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    /**
     * Waits until the JIT has compiled nothing for 500 ms (at most 20 s), so the measured transfer
     * runs on compiled code and the compiler's leftover queue from the warm-up does not share the
     * two cores with it; returns the nanoseconds waited.
     */
    static long awaitJitIdle() throws InterruptedException {
        long start = System.nanoTime();
        long last = jitMillis();
        long idleSince = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
            Thread.sleep(100);
            long now = jitMillis();
            if (now != last) {
                last = now;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince >= TimeUnit.MILLISECONDS.toNanos(500)) {
                break;
            }
        }
        return System.nanoTime() - start;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    // ------------------------------------------------------------------ baseline

    /**
     * {@code socat} OpenSSL server writing to /dev/null, {@code socat} OpenSSL client reading
     * {@code size} octets of /dev/zero (no pipe in between), 128 KiB buffers; wall time of the client.
     */
    /** {@code /usr/bin/time -f "%U %S"} output: user and system seconds; 0 if missing. */
    static double cpuSeconds(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file);
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        return Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
    }

    static Result socatTls(Options o) throws Exception {
        Path dir = Files.createTempDirectory("msrp-load-baseline");
        LocalIdentity id = LocalIdentity.selfSigned("127.0.0.1");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        id.writePem(cert, key);
        int port = freePort();
        String timeout = Long.toString(o.timeout().toSeconds());
        Path serverCpu = dir.resolve("server.cpu");
        Path clientCpu = dir.resolve("client.cpu");
        // /usr/bin/time reports the CPU time (user + system) of each socat, for a load-independent comparison
        List<String> serverCmd = List.of("/usr/bin/time", "-f", "%U %S", "-o", serverCpu.toString(),
                "timeout", timeout, "socat", "-u", "-b", "131072",
                "OPENSSL-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,cert=" + cert + ",key=" + key + ",verify=0",
                "OPEN:/dev/null,wronly");
        // -d -d: socat logs the negotiated protocol and suite once, at connection time
        List<String> clientCmd = List.of("/usr/bin/time", "-f", "%U %S", "-o", clientCpu.toString(),
                "timeout", timeout, "socat", "-d", "-d", "-u", "-b", "131072",
                "OPEN:/dev/zero,readbytes=" + o.size(), "OPENSSL-CONNECT:127.0.0.1:" + port + ",verify=0");
        ProcessBuilder serverPb = new ProcessBuilder(serverCmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        ProcessBuilder clientPb = new ProcessBuilder(clientCmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("client.log").toFile());
        if (!o.socatSuite().isEmpty()) {
            // the same TLS 1.3 suite as ours (TlsOptions negotiates TLS_AES_128_GCM_SHA256): OpenSSL's
            // default order would pick TLS_AES_256_GCM_SHA384, which costs more per octet
            Path conf = dir.resolve("openssl.cnf");
            Files.writeString(conf, String.join("\n", "openssl_conf = default_conf", "[default_conf]",
                    "ssl_conf = ssl_sect", "[ssl_sect]", "system_default = system_default_sect",
                    "[system_default_sect]", "Ciphersuites = " + o.socatSuite(), ""));
            serverPb.environment().put("OPENSSL_CONF", conf.toString());
            clientPb.environment().put("OPENSSL_CONF", conf.toString());
        }
        Process server = serverPb.start();
        try {
            awaitListening(port, server, Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            Process client = clientPb.start();
            if (!client.waitFor(o.timeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("socat client did not finish");
            }
            long t1 = System.nanoTime();
            if (client.exitValue() != 0) {
                throw new IllegalStateException("socat client exit " + client.exitValue() + ": "
                        + Files.readString(dir.resolve("client.log")));
            }
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("socat server did not finish");
            }
            double serverSeconds = cpuSeconds(serverCpu);
            double clientSeconds = cpuSeconds(clientCpu);
            double cpu = serverSeconds + clientSeconds;
            String suite = Files.readAllLines(dir.resolve("client.log")).stream()
                    .filter(l -> l.contains("SSL connection using ")).findFirst()
                    .map(l -> l.substring(l.indexOf("SSL connection using ") + "SSL connection using ".length()).strip())
                    .orElse("suite not logged");
            return new Result("plain TLS stream (socat -> socat, OpenSSL, " + suite + ")", o.size(),
                    (t1 - t0) / 1e9, String.format(Locale.ROOT, "[CPU %.2f s (both socat processes: client %.2f s,"
                            + " server %.2f s); %s]", cpu, clientSeconds, serverSeconds,
                    String.join(" ", clientCmd.subList(5, clientCmd.size()))
                            + (o.socatSuite().isEmpty() ? "" : " with OPENSSL_CONF Ciphersuites = " + o.socatSuite())), cpu, Math.max(clientSeconds, serverSeconds));
        } finally {
            if (server.isAlive()) {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static void awaitListening(int port, Process p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException("socat server exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                // a probe connection would be consumed by the non-forking server: check the port is bound instead
                s.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException bound) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("socat not listening on " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------ machine

    static List<String> machine() {
        List<String> out = new ArrayList<>();
        out.add("nproc: " + Runtime.getRuntime().availableProcessors());
        try {
            Optional<String> model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip());
            out.add("CPU: " + model.orElse("?"));
        } catch (IOException e) {
            out.add("CPU: ? (" + e + ")");
        }
        out.add("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        out.add("max heap: " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB; transport: "
                + Transports.Kind.preferred());
        return out;
    }
}
