package org.mediasec.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ReferenceCountUtil;

import org.mediasec.agw.bearer.BearerFailure;
import org.mediasec.agw.bearer.BearerLeg;
import org.mediasec.agw.bearer.BearerListener;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.bearer.Realm;
import org.mediasec.agw.bearer.Side;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * IMS-AGW load run: full TLS 1.3 handshakes per second at the access side, against haproxy in the
 * same run. One client (ours: Netty + BoringSSL, one event loop, {@code --concurrency} connections in
 * flight, the UE certificate presented, the server pinned) does, per connection: TCP connect, a full
 * handshake (a handler made without peer address: no session to resume; every handshake is checked
 * with BoringSSL's {@code SSL_session_reused}), one octet of data, and waits for the close. The
 * octet crosses the relay to a plain sink, which closes on it; the relay then closes the access
 * connection. So each counted handshake was accepted by the server (UE certificate checked) and the
 * core connection was made.
 *
 * <ul>
 *   <li><b>haproxy</b>: {@code nbthread 1}, {@code tune.ssl.cachesize 0}, {@code no-tls-tickets}, TLS 1.3
 *   only, {@code verify required} with the UE certificate as CA, {@code mode tcp} to the sink;
 *   measured first in each round, so the client's own ceiling shows; with {@code --rounds N} haproxy
 *   and the AGW alternate N times and the medians are compared.</li>
 *   <li><b>AGW</b>: {@link BearerRelays} on one event loop; per handshake the whole per-session work:
 *   a new relay (TLS server leg pinning the UE, plain core leg active towards the sink), its
 *   listener on a new port of the access realm, accept, handshake, core connect, relay, close. With
 *   {@code --reserve-ahead yes} (default) each connection's relay is opened while the connection before it
 *   in the same slot runs, as the Iq flow opens it (Add) before the UE learns the port: the relay's
 *   CPU is still spent once per handshake, but opening it is no longer on the UE's path;
 *   {@code --reserve-ahead no} opens it just before connecting (the measurements before 2026-11-27 10:30).</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.AgwHandshakeRun [--seconds 10] [--warmup 3]
 *      [--rounds 1] [--concurrency 20] [--reserve-ahead yes] [--timeout 120]
 * </pre>
 */
public final class AgwHandshakeRun {
    private AgwHandshakeRun() {
    }

    record Result(String what, long handshakes, double seconds, long reused, long failed, double clientCpu,
                  double serverCpu) {
        double perSecond() {
            return handshakes / seconds;
        }
    }

    public static void main(String[] argv) throws Exception {
        AgwBench.Args a = new AgwBench.Args(argv,
                "AgwHandshakeRun [--seconds 10] [--warmup 3] [--rounds 1] [--concurrency 20] [--reserve-ahead yes] [--timeout 120]",
                "seconds", "10", "warmup", "3", "rounds", "1", "concurrency", "20", "reserve-ahead", "yes", "timeout", "120");
        int rounds = a.integer("rounds");
        boolean reserveAhead = a.get("reserve-ahead").equals("yes");
        Duration measure = a.seconds("seconds");
        Duration warmup = a.seconds("warmup");
        int concurrency = a.integer("concurrency");
        Duration timeout = a.seconds("timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        AgwBench.printMachine("full TLS 1.3 handshakes per second (new connection each, no resumption, UE certificate), "
                + concurrency + " in flight, AGW vs haproxy");
        AgwBench.Identities ids = new AgwBench.Identities();
        Transports clientLoop = Transports.create("ue", 1, Transports.Kind.preferred());
        Transports sinkLoop = Transports.create("sink", 1, Transports.Kind.preferred());
        Transports agwLoop = Transports.create("agw", 1, Transports.Kind.preferred());
        BearerRelays relays = AgwBench.relays(agwLoop, AgwBench.accessRealm(20000, 31999));
        SslContext clientCtx = TlsContexts.client(ids.ue, List.of(ids.agw.fingerprint()), TlsOptions.DEFAULTS);
        AtomicLong sinkConnections = new AtomicLong();
        Channel sink = new ServerBootstrap().group(sinkLoop.group()).channel(sinkLoop.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        sinkConnections.incrementAndGet();
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                                ctx.close();                       // the octet arrived: this session is done
                            }
                        });
                    }
                }).bind(new InetSocketAddress(AgwBench.LOOPBACK, 0)).sync().channel();
        InetSocketAddress sinkAddress = (InetSocketAddress) sink.localAddress();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long clientThread = threadId(clientLoop);
        long agwThread = threadId(agwLoop);
        AtomicLong relayFailures = new AtomicLong();
        AtomicLong ids2 = new AtomicLong();
        Realm access = relays.allocators().get(0).realm();
        Realm core = relays.allocators().get(1).realm();
        BearerLeg accessLeg = BearerLeg.tls(access, TcpSetup.PASSIVE, ids.agw, List.of(ids.ue.fingerprint()));
        BearerLeg coreLeg = BearerLeg.plain(core, TcpSetup.ACTIVE).withRemote(sinkAddress);
        BearerListener count = new BearerListener() {
            @Override
            public void failed(BearerRelay relay, BearerFailure failure) {
                if (relayFailures.incrementAndGet() <= 5) {
                    System.err.println("relay failed: " + failure);
                }
            }
        };
        Supplier<CompletableFuture<Integer>> openRelay = () -> relays.newRelay("hs-" + ids2.incrementAndGet(),
                accessLeg, coreLeg, count).open().thenApply(r -> r.localAddress(Side.ACCESS).getPort());
        double[] hapRate = new double[rounds];
        double[] ourRate = new double[rounds];
        double[] hapMs = new double[rounds];
        double[] ourMs = new double[rounds];
        try (AgwBench.Child haproxy = AgwBench.haproxy(ids, LoadRunSupport.freePort(), LoadRunSupport.freePort(),
                sinkAddress, "TLS_AES_128_GCM_SHA256", timeout.plusSeconds(30))) {
            int hapTls = AgwThroughput.portOf(ids.dir.resolve("haproxy.cfg"), "frontend tls");
            long hapPid = haproxy.commandPid();
            CompletableFuture<Integer> fixed = CompletableFuture.completedFuture(hapTls);
            // haproxy and the AGW alternate, round by round, so a change of the machine's load hits both
            for (int round = 1; round <= rounds; round++) {
                Client hc = new Client(clientCtx, clientLoop.group().next(), clientLoop.socketChannel(), () -> fixed,
                        false);
                Result hap = hc.run("haproxy (nbthread 1, no cache, no tickets, verify required), round " + round,
                        concurrency, warmup, measure, () -> threads.getThreadCpuTime(clientThread),
                        () -> AgwBench.cpuSeconds(hapPid), deadline);
                print(hap, sinkConnections.get());
                Client ac = new Client(clientCtx, clientLoop.group().next(), clientLoop.socketChannel(), openRelay,
                        reserveAhead);
                Result ours = ac.run("AGW (BearerRelays, one event loop; a new relay per handshake" + (reserveAhead
                                ? ", opened one session ahead)" : ", opened before connecting)") + ", round " + round,
                        concurrency, warmup, measure, () -> threads.getThreadCpuTime(clientThread),
                        () -> threads.getThreadCpuTime(agwThread) / 1e9, deadline);
                print(ours, sinkConnections.get());
                hapRate[round - 1] = hap.perSecond();
                ourRate[round - 1] = ours.perSecond();
                hapMs[round - 1] = 1000 * hap.serverCpu() / hap.handshakes();
                ourMs[round - 1] = 1000 * ours.serverCpu() / ours.handshakes();
                AgwBench.printf("== round %d ratio AGW / haproxy: %.2f; server CPU per handshake AGW %.2f ms, haproxy "
                        + "%.2f ms; load average %s", round, ours.perSecond() / hap.perSecond(), ourMs[round - 1],
                        hapMs[round - 1], AgwBench.loadAverage());
            }
            AgwBench.printf("   relays failed: %d; relays still open: %d (opened ahead and not used)",
                    relayFailures.get(), relays.relays());
        } finally {
            relays.close();
            sink.close().sync();
            agwLoop.close();
            clientLoop.close();
            sinkLoop.close();
        }
        double ours = AgwThroughput.median(ourRate);
        double hap = AgwThroughput.median(hapRate);
        AgwBench.printf("== result (median of %d rounds): AGW %.0f handshakes/s, haproxy %.0f handshakes/s, ratio %.2f; "
                        + "server CPU per handshake AGW %.2f ms, haproxy %.2f ms; load average at end %s", rounds, ours, hap,
                ours / hap, AgwThroughput.median(ourMs), AgwThroughput.median(hapMs), AgwBench.loadAverage());
    }

    static void print(Result r, long sinkConnections) {
        AgwBench.printf("== %s: %.0f handshakes/s (%d in %.2f s); resumed %d, failed %d; CPU in the window: client "
                        + "thread %.2f s (%.0f %%), server %.2f s (%.0f %%); sink connections so far %d; load average %s",
                r.what(), r.perSecond(), r.handshakes(), r.seconds(), r.reused(), r.failed(), r.clientCpu(),
                100 * r.clientCpu() / r.seconds(), r.serverCpu(), 100 * r.serverCpu() / r.seconds(), sinkConnections,
                AgwBench.loadAverage());
    }

    static long threadId(Transports t) throws Exception {
        return t.group().next().submit(() -> Thread.currentThread().getId()).get(5, TimeUnit.SECONDS);
    }

    /** {@code concurrency} sequential connection loops on one event loop. */
    static final class Client {
        final SslContext ctx;
        final EventLoop loop;
        final Class<? extends Channel> channelClass;
        final Supplier<CompletableFuture<Integer>> target;
        final boolean ahead;
        /** Relays opened for sessions not started yet (reserve-ahead). */
        final java.util.Queue<CompletableFuture<Integer>> reserved = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicLong done = new AtomicLong();
        final AtomicLong reused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile boolean stop;
        volatile Throwable firstFailure;

        Client(SslContext ctx, EventLoop loop, Class<? extends Channel> channelClass,
               Supplier<CompletableFuture<Integer>> target, boolean ahead) {
            this.ctx = ctx;
            this.loop = loop;
            this.channelClass = channelClass;
            this.target = target;
            this.ahead = ahead;
        }

        Result run(String what, int concurrency, Duration warmup, Duration measure,
                   Supplier<Long> clientCpuNanos, Supplier<Double> serverCpuSeconds, long deadline) throws Exception {
            for (int i = 0; i < concurrency; i++) {
                loop.execute(this::next);
            }
            Thread.sleep(warmup.toMillis());
            long d0 = done.get();
            long r0 = reused.get();
            long f0 = failed.get();
            long c0 = clientCpuNanos.get();
            double s0 = serverCpuSeconds.get();
            long t0 = System.nanoTime();
            Thread.sleep(Math.min(measure.toMillis(), Math.max(0, (deadline - t0) / 1_000_000 - 5000)));
            long d1 = done.get();
            long t1 = System.nanoTime();
            long c1 = clientCpuNanos.get();
            double s1 = serverCpuSeconds.get();
            stop = true;
            long end = System.nanoTime() + 10_000_000_000L;
            while (inFlight() > 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            if (firstFailure != null) {
                System.err.println(what + ": first failure: " + firstFailure);
            }
            if (d1 - d0 == 0) {
                throw new IllegalStateException(what + ": no handshake completed; first failure " + firstFailure);
            }
            return new Result(what, d1 - d0, (t1 - t0) / 1e9, reused.get() - r0, failed.get() - f0, (c1 - c0) / 1e9,
                    s1 - s0);
        }

        final AtomicLong started = new AtomicLong();
        final AtomicLong finished = new AtomicLong();

        long inFlight() {
            return started.get() - finished.get();
        }

        void next() {
            if (stop) {
                return;
            }
            started.incrementAndGet();
            CompletableFuture<Integer> mine = ahead ? reserved.poll() : null;
            if (mine == null) {
                mine = target.get();
            }
            if (ahead) {
                reserved.add(target.get());         // this slot's next session: its relay opens meanwhile
            }
            mine.whenComplete((port, e) -> {
                if (e != null) {
                    fail(e);
                    return;
                }
                loop.execute(() -> connect(port));
            });
        }

        void fail(Throwable e) {
            failed.incrementAndGet();
            if (firstFailure == null) {
                firstFailure = e;
            }
            finished.incrementAndGet();
            loop.execute(this::next);
        }

        void connect(int port) {
            new Bootstrap().group(loop).channel(channelClass)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            SslHandler h = ctx.newHandler(ch.alloc());   // no peer host/port: nothing to resume
                            ch.pipeline().addLast(h, new Session());
                        }
                    })
                    .connect(new InetSocketAddress(AgwBench.LOOPBACK, port)).addListener(f -> {
                        if (!f.isSuccess()) {
                            fail(f.cause());
                        }
                    });
        }

        /** Handshake, one octet, then wait for the server side to close. */
        final class Session extends ChannelInboundHandlerAdapter {
            boolean handshaken;

            @Override
            public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                if (evt instanceof SslHandshakeCompletionEvent e) {
                    if (!e.isSuccess()) {
                        c.close();
                        return;
                    }
                    handshaken = true;
                    ReferenceCountedOpenSslEngine engine =
                            (ReferenceCountedOpenSslEngine) c.pipeline().get(SslHandler.class).engine();
                    if (SSL.isSessionReused(engine.sslPointer())) {
                        reused.incrementAndGet();
                    }
                    ByteBuf one = Unpooled.wrappedBuffer(new byte[] {'x'});
                    c.writeAndFlush(one);
                }
                ReferenceCountUtil.release(evt);
            }

            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) {
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                if (!handshaken && firstFailure == null) {
                    firstFailure = cause;
                }
                c.close();
            }

            @Override
            public void channelInactive(ChannelHandlerContext c) {
                if (handshaken) {
                    done.incrementAndGet();
                    finished.incrementAndGet();
                    next();
                } else {
                    fail(firstFailure != null ? firstFailure : new IllegalStateException("closed before the handshake"));
                }
            }
        }
    }
}
