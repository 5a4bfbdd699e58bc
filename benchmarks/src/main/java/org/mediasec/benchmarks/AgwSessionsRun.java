package org.mediasec.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

import org.mediasec.agw.bearer.BearerFailure;
import org.mediasec.agw.bearer.BearerLeg;
import org.mediasec.agw.bearer.BearerListener;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.bearer.Realm;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.bearer.Side;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * IMS-AGW load run: N concurrent e2ae sessions held open (TLS access leg pinning the UE, plain core
 * leg), and what they cost the AGW: heap after a full GC and process RSS, before and with the
 * sessions, per session. The AGW runs in a <b>child JVM</b> of its own (same jar, {@code --child}),
 * so that the UE clients and the core sink (in this JVM) do not count. The child opens N relays
 * (each listening on its own port of the access realm, as an AGW does per context), this JVM
 * connects N TLS clients to them (the UE certificate presented, the AGW pinned, one octet sent so
 * that data crossed every relay) and a sink accepts the N core connections; then the child measures
 * and everything is closed.
 *
 * <p>Each session costs two sockets on each side: N = 10,000 needs about 20,100 open files per
 * process; {@code benchmarks/agw-bench.sh} raises {@code ulimit -n}. When a limit stops the run, the
 * count reached is reported with the reason.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.AgwSessionsRun [--sessions 10000]
 *      [--concurrency 100] [--child-heap 2g] [--timeout 300]
 * </pre>
 */
public final class AgwSessionsRun {
    private AgwSessionsRun() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length > 0 && argv[0].equals("--child")) {
            child(argv);
            return;
        }
        AgwBench.Args a = new AgwBench.Args(argv,
                "AgwSessionsRun [--sessions 10000] [--concurrency 100] [--child-heap 2g] [--timeout 300]",
                "sessions", "10000", "concurrency", "100", "child-heap", "2g", "timeout", "300");
        int sessions = a.integer("sessions");
        int concurrency = a.integer("concurrency");
        Duration timeout = a.seconds("timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        AgwBench.printMachine(sessions + " concurrent e2ae sessions (TLS access leg + plain core leg) held open: "
                + "heap and RSS of the AGW per session");
        System.out.println("  open files limit (this JVM): " + openFilesLimit());
        AgwBench.Identities ids = new AgwBench.Identities();
        Transports clientLoop = Transports.create("ue", 1, Transports.Kind.preferred());
        Transports sinkLoop = Transports.create("sink", 1, Transports.Kind.preferred());
        AtomicLong sinkConnections = new AtomicLong();
        AtomicLong sinkOctets = new AtomicLong();
        List<Channel> held = new ArrayList<>();
        Process child = null;
        try {
            Channel sink = new ServerBootstrap().group(sinkLoop.group()).channel(sinkLoop.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            sinkConnections.incrementAndGet();
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    sinkOctets.addAndGet(((io.netty.buffer.ByteBuf) msg).readableBytes());
                                    ReferenceCountUtil.release(msg);
                                }
                            });
                        }
                    }).bind(new InetSocketAddress(AgwBench.LOOPBACK, 0)).sync().channel();
            held.add(sink);
            int sinkPort = ((InetSocketAddress) sink.localAddress()).getPort();

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder("timeout", "-k", "5", Long.toString(timeout.toSeconds() + 30), java,
                    "-Xmx" + a.get("child-heap"), "-cp", System.getProperty("java.class.path"),
                    AgwSessionsRun.class.getName(), "--child", ids.dir.toString(), Integer.toString(sessions),
                    Integer.toString(sinkPort));
            pb.redirectError(ids.dir.resolve("agw-child.log").toFile());
            child = pb.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            String base = expect(in, "BASE");
            String opened = expect(in, "OPEN");
            String portsLine = expect(in, "PORTS");
            List<Integer> ports = new ArrayList<>();
            for (String p : portsLine.substring("PORTS".length()).trim().split(",")) {
                if (!p.isEmpty()) {
                    ports.add(Integer.parseInt(p));
                }
            }
            System.out.println("== AGW child: " + base);
            System.out.println("== AGW child: " + opened);
            AgwBench.printf("== %d relays listening (of %d asked); connecting the UEs, %d in flight", ports.size(),
                    sessions, concurrency);

            SslContext ctx = TlsContexts.client(ids.ue, List.of(ids.agw.fingerprint()), TlsOptions.DEFAULTS);
            Ues ues = new Ues(ctx, clientLoop.group().next(), clientLoop.socketChannel(), ports, concurrency);
            long t0 = System.nanoTime();
            ues.start();
            int reached = ues.await(deadline);
            double setup = (System.nanoTime() - t0) / 1e9;
            // the core side: every relay connected its core leg and passed the UE's octet
            long end = Math.min(deadline, System.nanoTime() + 20_000_000_000L);
            while ((sinkConnections.get() < reached || sinkOctets.get() < reached) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            AgwBench.printf("== UEs up: %d of %d in %.1f s (%.0f sessions/s); failed %d (first: %s); sink: %d core "
                            + "connections, %d octets", reached, ports.size(), setup, reached / setup, ues.failed.get(),
                    ues.firstFailure.get(), sinkConnections.get(), sinkOctets.get());
            out.write("MEASURE\n");
            out.flush();
            String measured = expect(in, "HELD");
            System.out.println("== AGW child: " + measured);
            long[] b = numbers(base);
            long[] h = numbers(measured);
            long[] o = numbers(opened);
            long n = h[2];                               // relays established in the child
            AgwBench.printf("== result: %d sessions held (established relays in the AGW); heap after GC %+.1f MiB ="
                            + " %.1f KiB per session; RSS %+.1f MiB = %.1f KiB per session; pooled direct %+.1f MiB; "
                            + "listening only (before the UEs): heap %.1f KiB, RSS %.1f KiB per relay; load average %s",
                    n, (h[0] - b[0]) / 1048576.0, n == 0 ? 0 : (h[0] - b[0]) / 1024.0 / n,
                    (h[1] - b[1]) / 1024.0, n == 0 ? 0 : (h[1] - b[1]) / (double) n, (h[3] - b[3]) / 1048576.0,
                    (o[0] - b[0]) / 1024.0 / Math.max(1, o[4]), (o[1] - b[1]) / (double) Math.max(1, o[4]),
                    AgwBench.loadAverage());
            out.write("QUIT\n");
            out.flush();
            System.out.println("== AGW child: " + expect(in, "CLOSED"));
            ues.closeAll();
        } finally {
            if (child != null && child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroy);
                child.destroy();
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.descendants().forEach(ProcessHandle::destroyForcibly);
                    child.destroyForcibly();
                }
            }
            held.forEach(Channel::close);
            clientLoop.close();
            sinkLoop.close();
        }
    }

    static String openFilesLimit() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).findFirst().orElse("?").replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String expect(BufferedReader in, String tag) throws java.io.IOException {
        for (String l; (l = in.readLine()) != null; ) {
            if (l.startsWith(tag)) {
                return l;
            }
            System.out.println("   (child) " + l);
        }
        throw new IllegalStateException("AGW child ended before " + tag + " (see its log in the temp directory)");
    }

    /** "TAG heap=… rssKiB=… established=… direct=… relays-open=…" → the five numbers. */
    static long[] numbers(String line) {
        long[] r = new long[5];
        int i = 0;
        for (String f : line.split("\\s+")) {
            int eq = f.indexOf('=');
            if (eq > 0 && i < 5) {
                r[i++] = Long.parseLong(f.substring(eq + 1));
            }
        }
        return r;
    }

    /** The UE side: one TLS connection per port, at most {@code concurrency} handshakes at a time; held open. */
    static final class Ues {
        final SslContext ctx;
        final EventLoop loop;
        final Class<? extends Channel> channelClass;
        final List<Integer> ports;
        final int concurrency;
        final List<Channel> channels = new ArrayList<>();
        final AtomicLong up = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>("none");
        int next;

        Ues(SslContext ctx, EventLoop loop, Class<? extends Channel> channelClass, List<Integer> ports, int concurrency) {
            this.ctx = ctx;
            this.loop = loop;
            this.channelClass = channelClass;
            this.ports = ports;
            this.concurrency = concurrency;
        }

        void start() {
            loop.execute(() -> {
                for (int i = 0; i < concurrency; i++) {
                    connectNext();
                }
            });
        }

        /** Waits until every UE is up or failed (or the deadline); the number up. */
        int await(long deadline) throws InterruptedException {
            while (up.get() + failed.get() < ports.size() && System.nanoTime() < deadline - 10_000_000_000L) {
                Thread.sleep(50);
            }
            return (int) up.get();
        }

        void failure(Throwable t) {
            failed.incrementAndGet();
            firstFailure.compareAndSet("none", String.valueOf(t));
            connectNext();
        }

        void connectNext() {
            if (next >= ports.size()) {
                return;
            }
            int port = ports.get(next++);
            Channel ch = new Bootstrap().group(loop).channel(channelClass)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(ctx.newHandler(c.alloc()), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext x, Object evt) {
                                    if (evt instanceof SslHandshakeCompletionEvent e) {
                                        if (e.isSuccess()) {
                                            up.incrementAndGet();
                                            x.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'x'}));
                                            connectNext();
                                        } else {
                                            failure(e.cause());
                                        }
                                    }
                                    ReferenceCountUtil.release(evt);
                                }

                                @Override
                                public void channelRead(ChannelHandlerContext x, Object msg) {
                                    ReferenceCountUtil.release(msg);
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext x, Throwable cause) {
                                    x.close();
                                }
                            });
                        }
                    })
                    .connect(new InetSocketAddress(AgwBench.LOOPBACK, port)).addListener(f -> {
                        if (!f.isSuccess()) {
                            failure(f.cause());
                        }
                    }).channel();
            channels.add(ch);
        }

        void closeAll() throws Exception {
            loop.submit(() -> channels.forEach(Channel::close)).get(30, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ the AGW child

    static void child(String[] argv) throws Exception {
        Path dir = Path.of(argv[1]);
        int sessions = Integer.parseInt(argv[2]);
        InetSocketAddress sink = new InetSocketAddress(AgwBench.LOOPBACK, Integer.parseInt(argv[3]));
        PrintStream out = System.out;
        System.setOut(System.err);                       // only the protocol lines on stdout
        LocalIdentity agw = LocalIdentity.loadPem(dir.resolve("agw-cert.pem"), dir.resolve("agw-key.pem"));
        LocalIdentity ue = LocalIdentity.loadPem(dir.resolve("ue-cert.pem"), dir.resolve("ue-key.pem"));
        Transports loops = Transports.create("agw", 1, Transports.Kind.preferred());
        Realm access = AgwBench.accessRealm(20000, 31999);
        BearerRelays relays = AgwBench.relays(loops, access);
        Realm core = relays.allocators().get(1).realm();
        AtomicLong established = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>("none");
        BearerListener listener = new BearerListener() {
            @Override
            public void established(BearerRelay relay, RelayStats stats) {
                established.incrementAndGet();
            }

            @Override
            public void failed(BearerRelay relay, BearerFailure failure) {
                failures.incrementAndGet();
                firstFailure.compareAndSet("none", failure.toString());
            }
        };
        // warm the code paths a little so the baseline includes loaded classes, not the sessions
        BearerLeg accessLeg = BearerLeg.tls(access, TcpSetup.PASSIVE, agw, List.of(ue.fingerprint()));
        BearerLeg coreLeg = BearerLeg.plain(core, TcpSetup.ACTIVE).withRemote(sink);
        relays.newRelay("warm", accessLeg, coreLeg, BearerListener.NONE).open().get(10, TimeUnit.SECONDS).close()
                .get(10, TimeUnit.SECONDS);
        out.println("BASE " + measure(relays, established));
        List<BearerRelay> open = new ArrayList<>();
        StringBuilder ports = new StringBuilder();
        String stop = "";
        for (int i = 0; i < sessions; i += 500) {
            List<CompletableFuture<BearerRelay>> batch = new ArrayList<>();
            for (int j = i; j < Math.min(sessions, i + 500); j++) {
                batch.add(relays.newRelay("s" + j, accessLeg, coreLeg, listener).open());
            }
            for (CompletableFuture<BearerRelay> f : batch) {
                try {
                    BearerRelay r = f.get(30, TimeUnit.SECONDS);
                    open.add(r);
                    ports.append(r.localAddress(Side.ACCESS).getPort()).append(',');
                } catch (Exception e) {
                    stop = String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
            }
            if (!stop.isEmpty()) {
                System.err.println("stopped opening relays after " + open.size() + ": " + stop);
                break;
            }
        }
        out.println("OPEN " + measure(relays, established) + " opened=" + open.size()
                + (stop.isEmpty() ? "" : " stopped-by=\"" + stop.replace('\n', ' ') + "\""));
        out.println("PORTS " + ports);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String l; (l = in.readLine()) != null; ) {
            if (l.equals("MEASURE")) {
                out.println("HELD " + measure(relays, established) + " failures=" + failures.get() + " first-failure=\""
                        + firstFailure.get() + "\"");
                out.flush();
            } else if (l.equals("QUIT")) {
                break;
            }
        }
        relays.close();
        out.println("CLOSED relays=" + relays.relays() + " channels=" + relays.openChannels());
        out.flush();
        loops.close();
        System.exit(0);
    }

    /** Heap used after a full GC, RSS, established relays, pooled direct memory; open sockets. */
    static String measure(BearerRelays relays, AtomicLong established) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = AgwBench.rssKiB(ProcessHandle.current().pid());
        long direct = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        return "heap=" + heap + " rssKiB=" + rss + " established=" + established.get() + " direct=" + direct
                + " relays-open=" + relays.relays() + " sockets=" + relays.openChannels();
    }
}
