package org.mediasec.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.msrp.transfer.FileTransfers;
import org.mediasec.sdp.FileRange;
import org.mediasec.sdp.FileSelector;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * Load run of the product's file transfer path (issue #3): what a UE does to push a file over
 * {@code msrps}. Two {@link MsrpEndpoint#tls} endpoints on loopback, each on an event loop of its
 * own, pinned to each other's certificate fingerprint; per transfer an RFC 5547 push offer/answer
 * ({@code a=file-selector}, sendonly/recvonly, actpass/passive) turned into sessions with
 * {@link MsrpSessionSpec#fromSdp}; {@link FileTransfers#send} on the sender; the receiver spills the
 * body to its spill directory and delivers a {@link ReceivedMessage} with {@code file()}. The
 * measured window runs from {@code FileTransfers.send} to the receiver's {@code messageReceived}
 * (with {@code --report}, on to the sender's success REPORT). Then, in the same run, the baseline:
 * {@code socat} reading the same file ({@code OPEN:file}) over OpenSSL TLS to {@code socat} creating
 * a new file in the same receive directory ({@code CREATE:}), so both sides do the same file I/O.
 * Sizes and SHA-256 of the received files are checked outside the timed windows.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.MsrpFileTransferRun [--size 1g]
 *      [--chunking streamed|fixed] [--chunk 262144] [--warmup 1g] [--warmups 6] [--runs 1] [--timeout 300] [--report]
 *      [--dir /tmp] [--baseline socat|none] [--socat-suite TLS_AES_128_GCM_SHA256|default] [--jfr file.jfr]
 * </pre>
 *
 * <p>Warm-up transfers send the file's first {@code --warmup} octets (an {@code a=file-range}) through
 * the same endpoints; then the run waits for the JIT to go idle. {@code --jfr} records a Flight
 * Recorder profile ("profile" settings) of the first measured window only. Bounded: every wait has a
 * deadline, every process started is ended, every file written is deleted.
 */
public final class MsrpFileTransferRun {
    private MsrpFileTransferRun() {
    }

    /**
     * @param chunking how the sender cuts the file (RFC 4975 §7.1.1): {@code MsrpSessionConfig.DEFAULT}'s
     *                 unless {@code --chunking} says otherwise
     * @param chunk    the session's chunk size: the default config's, or 2048 for {@code --chunking fixed}
     *                 ({@code MsrpSessionConfig.RFC4975_INCREMENTS}), unless {@code --chunk} says otherwise
     */
    record Options(long size, MsrpSessionConfig.Chunking chunking, int chunk, long warmup, int warmups, int runs, Duration timeout, Optional<Path> dir,
                   boolean baseline, boolean report, String socatSuite, Optional<Path> jfr, boolean pretouch) {
        static Options parse(String[] args) {
            long size = 1L << 30;
            MsrpSessionConfig.Chunking chunking = MsrpSessionConfig.DEFAULT.chunking();
            int chunk = -1;
            long warmup = 1L << 30;
            int warmups = 6;
            int runs = 1;
            Duration timeout = Duration.ofSeconds(300);
            Optional<Path> dir = Optional.empty();
            boolean baseline = true;
            boolean report = false;
            String socatSuite = "TLS_AES_128_GCM_SHA256";
            Optional<Path> jfr = Optional.empty();
            boolean pretouch = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--size" -> size = LoadRunSupport.parseSize(args[++i]);
                    case "--chunking" -> chunking = MsrpSessionConfig.Chunking.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--chunk" -> chunk = Math.toIntExact(LoadRunSupport.parseSize(args[++i]));
                    case "--warmup" -> warmup = LoadRunSupport.parseSize(args[++i]);
                    case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--dir" -> dir = Optional.of(Path.of(args[++i]));
                    case "--baseline" -> baseline = !args[++i].equals("none");
                    case "--report" -> report = true;
                    case "--socat-suite" -> {
                        String v = args[++i];
                        socatSuite = v.equals("default") ? "" : v;
                    }
                    case "--jfr" -> jfr = Optional.of(Path.of(args[++i]));
                    case "--no-pretouch" -> pretouch = false;
                    case "--help", "-h" -> {
                        System.out.println("usage: MsrpFileTransferRun [--size 1g] [--chunking streamed|fixed] [--chunk 262144] [--warmup 1g]"
                                + " [--warmups 6] [--runs 1] [--timeout seconds] [--report] [--dir /tmp]"
                                + " [--baseline socat|none] [--socat-suite TLS_AES_128_GCM_SHA256|default] [--jfr file.jfr] [--no-pretouch]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (chunk == -1) {
                chunk = chunking == MsrpSessionConfig.DEFAULT.chunking() ? MsrpSessionConfig.DEFAULT.chunkSize()
                        : MsrpSessionConfig.RFC4975_INCREMENTS.chunkSize();
            }
            // the receiver's codec refuses chunks above MsrpLimits.DEFAULT.maxChunkSize (1 MiB)
            if (chunk < 1 || chunk > (1 << 20)) {
                throw new IllegalArgumentException("--chunk: " + chunk + " (expected: 1..1048576)");
            }
            if (size < 1 || warmup < 0 || warmups < 0 || runs < 1) {
                throw new IllegalArgumentException("--size " + size + ", --warmup " + warmup + ", --warmups " + warmups
                        + ", --runs " + runs + " (expected: size and runs at least 1, the others at least 0)");
            }
            return new Options(size, chunking, chunk, Math.min(warmup, size), warmups, runs, timeout, dir, baseline, report,
                    socatSuite, jfr, pretouch);
        }
    }

    /**
     * One measured transfer of ours.
     *
     * @param seconds       send to messageReceived
     * @param reportSeconds send to the success REPORT at the sender; 0 when not asked
     */
    record Ours(long octets, double seconds, double reportSeconds, LoadRunSupport.CpuWindow cpu, long heapPeak,
                long directPeak, long rssPeak, String suite, String loadBefore, String loadAfter) {
        double mbPerSecond() {
            return octets / seconds / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.println("== machine");
        LoadRunSupport.machine().forEach(l -> System.out.println("  " + l));
        Path dir = Files.createTempDirectory(o.dir().orElse(Path.of(System.getProperty("java.io.tmpdir"))), "msrp-file-bench");
        try {
            Path rx = Files.createDirectories(dir.resolve("rx"));
            FileStore store = Files.getFileStore(dir);
            System.out.printf(Locale.ROOT, "== files: source and receive directory %s on %s (%s)%s%n", dir, store.name(),
                    store.type(), store.type().equals("tmpfs") ? " (memory-backed: no disk I/O)" : "");
            Path source = dir.resolve("source.bin");
            long c0 = System.nanoTime();
            writeRandom(source, o.size(), 3);
            String sha = FileTransfers.sha256(source);
            FileSelector selector = FileTransfers.selector(source, "application/octet-stream");
            System.out.printf(Locale.ROOT, "== source: %d octets (%.0f MiB) of random content, sha-256 %s (created and hashed in %.1f s)%n",
                    o.size(), o.size() / 1048576.0, sha, (System.nanoTime() - c0) / 1e9);
            boolean isDefault = o.chunking() == MsrpSessionConfig.DEFAULT.chunking() && o.chunk() == MsrpSessionConfig.DEFAULT.chunkSize();
            System.out.printf(Locale.ROOT, "== transfer: %s chunking, session chunk size %d%s, %d warm-up transfer(s) of %d octets,"
                            + " %d measured; Failure-Report yes (a 200 per chunk)%s%n", o.chunking(), o.chunk(),
                    isDefault ? " (MsrpSessionConfig.DEFAULT)" : "", o.warmups(),
                    o.warmup(), o.runs(), o.report() ? ", Success-Report yes" : "");
            List<Double> ratios = new ArrayList<>();
            try (Bench bench = new Bench(o, rx)) {
                for (int i = 0; i < o.warmups() && o.warmup() > 0; i++) {
                    Ours w = bench.transfer(source, selector, Optional.of(new FileRange(1, o.warmup())), o.warmup(), null,
                            Optional.empty());
                    System.out.printf(Locale.ROOT, "== warm-up %d: %.1f MB/s (%d octets in %.2f s)%n", i + 1,
                            w.mbPerSecond(), w.octets(), w.seconds());
                }
                for (int i = 0; i < o.runs(); i++) {
                    String waited = String.format(Locale.ROOT, "%.1f", LoadRunSupport.awaitJitIdle() / 1e9);
                    Ours ours = bench.transfer(source, selector, Optional.empty(), o.size(), sha,
                            i == 0 ? o.jfr() : Optional.empty());
                    print(o, ours, waited);
                    if (o.baseline()) {
                        String before = LoadRunSupport.loadAverage();
                        SocatTls.Run base = socatFile(o, source, rx, sha, i);
                        System.out.printf(Locale.ROOT, "== plain TLS file copy (socat OPEN:file -> CREATE:file, OpenSSL, %s):"
                                        + " %.1f MB/s (%d octets in %.2f s) [CPU %.2f s (client %.2f s, server %.2f s);"
                                        + " load average %s before, %s after; %s]%n", base.suite(),
                                o.size() / base.seconds() / 1e6, o.size(), base.seconds(), base.cpu(), base.clientCpu(),
                                base.serverCpu(), before, LoadRunSupport.loadAverage(), base.command());
                        double ratio = ours.mbPerSecond() / (o.size() / base.seconds() / 1e6);
                        ratios.add(ratio);
                        System.out.printf(Locale.ROOT, "== ratio: MSRP file transfer (session API) / plain TLS file copy (socat) = %.2f%n", ratio);
                        System.out.printf(Locale.ROOT, "== CPU: ours %.2f s, socat %.2f s for the same octets; socat CPU / ours = %.2f%n",
                                ours.cpu().processSeconds(), base.cpu(), base.cpu() / ours.cpu().processSeconds());
                        System.out.printf(Locale.ROOT, "== busiest side: ours %.2f s (event loop), socat %.2f s (process);"
                                        + " socat / ours = %.2f (the wall-clock ratio to expect with a core per side)%n",
                                ours.cpu().busiestSeconds(), base.busiest(), base.busiest() / ours.cpu().busiestSeconds());
                    }
                }
            }
            if (ratios.size() > 1) {
                List<Double> sorted = ratios.stream().sorted().toList();
                int n = sorted.size();
                double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
                System.out.printf(Locale.ROOT, "== median ratio over %d runs: %.2f%n", n, median);
            }
        } finally {
            deleteTree(dir);
        }
    }

    static void print(Options o, Ours r, String jitWait) {
        LoadRunSupport.CpuWindow c = r.cpu();
        System.out.printf(Locale.ROOT, "== MSRP file transfer (session API, ours): %.1f MB/s (%d octets in %.2f s)"
                        + "%s [%s; heap used peak %.0f MiB of max %.0f MiB; Netty direct peak %.0f MiB; RSS peak %.0f MiB;"
                        + " process CPU %.2f s: sender loop %.2f s, receiver loop %.2f s, other threads %.2f s (%s);"
                        + " JIT compiling %d ms; waited %s s for the JIT to go idle; load average %s before, %s after]%n",
                r.mbPerSecond(), r.octets(), r.seconds(),
                o.report() ? String.format(Locale.ROOT, "; success REPORT after %.2f s", r.reportSeconds()) : "",
                r.suite(), r.heapPeak() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
                r.directPeak() / 1048576.0, r.rssPeak() / 1048576.0, c.processSeconds(), c.aSeconds(), c.bSeconds(), c.restSeconds(), c.restDetail(), c.jitMillis(),
                jitWait, r.loadBefore(), r.loadAfter());
    }

    /** socat reads the source file and sends it over TLS to socat creating a new file in {@code rx}; checked, then deleted. */
    static SocatTls.Run socatFile(Options o, Path source, Path rx, String sha, int run) throws Exception {
        Path out = rx.resolve("socat-" + run + ".bin");
        if (o.pretouch()) {
            pretouch(rx, o.size());
        }
        try {
            SocatTls.Run r = SocatTls.run("OPEN:" + source + ",rdonly", "CREATE:" + out, o.socatSuite(), o.timeout(), true);
            check("socat", out, o.size(), sha);
            return r;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Writes {@code size} octets to a scratch file in {@code dir} and deletes it, right before a measured
     * window (ours and socat's alike), so both write their received file into page-cache memory freed a
     * moment ago. On this VM (virtio-balloon free page reporting) memory freed seconds earlier is handed
     * back to the host, and the kernel's copies into it run at a third of the speed: without this the side
     * that happens to start long after the last large delete (ours, after warm-up and the JIT wait) pays
     * for it and the other (socat, right after ours is deleted) does not.
     */
    static void pretouch(Path dir, long size) throws IOException {
        Path scratch = dir.resolve("pretouch.tmp");
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocateDirect(1 << 20);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(scratch,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; ) {
                block.clear().limit((int) Math.min(block.capacity(), size - done));
                done += ch.write(block);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    static void check(String who, Path file, long size, String sha) throws IOException {
        long got = Files.size(file);
        if (got != size) {
            throw new IllegalStateException(who + ": received file " + file + " has " + got + " octets, expected " + size);
        }
        if (sha != null) {
            String h = FileTransfers.sha256(file);
            if (!h.equals(sha)) {
                throw new IllegalStateException(who + ": received file " + file + " has sha-256 " + h + ", expected " + sha);
            }
        }
    }

    static void writeRandom(Path p, long size, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long done = 0; done < size; done += block.length) {
                r.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - done));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The two endpoints (sender Alice, receiver Bob), each on a single-thread event loop of its own. */
    static final class Bench implements AutoCloseable {
        final Options o;
        final Transports aliceLoop = Transports.create("ft-tx", 1, Transports.Kind.preferred());
        final Transports bobLoop = Transports.create("ft-rx", 1, Transports.Kind.preferred());
        final LocalIdentity aliceId = LocalIdentity.selfSigned("alice");
        final LocalIdentity bobId = LocalIdentity.selfSigned("bob");
        final MsrpEndpoint alice;
        final MsrpEndpoint bob;
        final long txThread;
        final long rxThread;
        /** The receiver's spill directory. */
        final Path rx;

        Bench(Options o, Path rx) throws Exception {
            this.o = o;
            this.rx = rx;
            MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withChunking(o.chunking()).withChunkSize(o.chunk())
                    .withSpillDirectory(rx);
            alice = MsrpEndpoint.tls(aliceLoop, aliceId, TlsOptions.DEFAULTS, config);
            bob = MsrpEndpoint.tls(bobLoop, bobId, TlsOptions.DEFAULTS, config);
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            txThread = LoadRunSupport.threadIdOf(aliceLoop.group().next());
            rxThread = LoadRunSupport.threadIdOf(bobLoop.group().next());
        }

        /**
         * One push of {@code source} (or its {@code range}) on fresh sessions; measured from send to
         * messageReceived. The received file is checked ({@code sha} null: size only) and deleted.
         */
        Ours transfer(Path source, FileSelector selector, Optional<FileRange> range, long octets, String sha,
                      Optional<Path> jfr) throws Exception {
            List<String> lines = new ArrayList<>();
            lines.add("a=file-selector:" + selector.format());
            range.ifPresent(r -> lines.add("a=file-range:" + r.format()));
            SessionDescription offer = sdp(alice.newLocalUri("127.0.0.1"), "actpass", "sendonly", aliceId.fingerprint(), lines);
            SessionDescription answer = sdp(bob.newLocalUri("127.0.0.1"), "passive", "recvonly", bobId.fingerprint(), lines);
            CompletableFuture<Void> failure = new CompletableFuture<>();
            Events rxEvents = new Events(failure);
            Events txEvents = new Events(failure);
            MsrpSessionSpec bobSpec = MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false);
            MsrpSession b = bob.open(bobSpec, rxEvents);
            MsrpSession a = alice.open(MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true), txEvents);
            Path received = null;
            try {
                a.connected().get(30, TimeUnit.SECONDS);
                b.connected().get(30, TimeUnit.SECONDS);
                String suite = alice.connectionInfo(a).map(i -> i.tlsVersion().orElse("?") + " " + i.cipherSuite().orElse("?"))
                        .orElse("?");
                LoadRunSupport.HeapSampler heap = new LoadRunSupport.HeapSampler();
                if (sha != null && o.pretouch()) {
                    pretouch(rx, octets);
                }
                String loadBefore = LoadRunSupport.loadAverage();
                System.gc();
                if (sha != null) {
                    // a mark for external profilers (perf record -p): the measured window starts now
                    System.out.println("== measured transfer starts");
                    System.out.flush();
                }
                Recording recording = null;
                if (jfr.isPresent()) {
                    recording = new Recording(Configuration.getConfiguration("profile"));
                    recording.setName("msrp-file-transfer");
                    recording.start();
                }
                heap.start();
                LoadRunSupport.CpuWindow cpu = LoadRunSupport.CpuWindow.start(txThread, rxThread);
                long t0 = System.nanoTime();
                String id = FileTransfers.send(a, source, selector, range, SendOptions.DEFAULT.withSuccessReport(o.report()));
                ReceivedMessage m = await(rxEvents.received, "messageReceived", rxEvents, txEvents, octets);
                long t1 = rxEvents.receivedAt;
                long t2 = 0;
                if (o.report()) {
                    MsrpReport report = await(txEvents.report, "the success REPORT", rxEvents, txEvents, octets);
                    t2 = txEvents.reportAt;
                    if (!report.success() || !report.messageId().equals(id)) {
                        throw new IllegalStateException("REPORT " + report + " for message " + id);
                    }
                }
                cpu.stop();
                heap.stop();
                if (recording != null) {
                    recording.stop();
                    recording.dump(jfr.get());
                    recording.close();
                    System.out.println("== JFR profile of the measured window: " + jfr.get());
                }
                String loadAfter = LoadRunSupport.loadAverage();
                received = m.file().orElseThrow(() -> new IllegalStateException("message " + m.messageId()
                        + " was held in memory, not spilled"));
                if (!m.messageId().equals(id) || m.size() != octets) {
                    throw new IllegalStateException("received " + m.messageId() + " of " + m.size() + " octets, sent "
                            + id + " of " + octets);
                }
                check("MSRP", received, octets, sha);
                if (sha != null) {
                    System.out.println("== receiver's rate per 256 MiB stored (MB/s): " + segments(rxEvents.marks, t0, t1, octets));
                }
                return new Ours(octets, (t1 - t0) / 1e9, o.report() ? (t2 - t0) / 1e9 : 0, cpu, heap.peak, heap.peakDirect, heap.peakRss,
                        suite, loadBefore, loadAfter);
            } finally {
                a.close();
                b.close();
                if (received != null) {
                    Files.deleteIfExists(received);
                }
            }
        }

        <T> T await(CompletableFuture<T> f, String what, Events rx, Events tx, long octets) throws Exception {
            try {
                // a failure on either side ends the wait at once
                CompletableFuture.anyOf(f, rx.failure).get(o.timeout().toSeconds(), TimeUnit.SECONDS);
                return f.getNow(null);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no " + what + " within " + o.timeout() + ": " + tx.progress.get()
                        + " octets written, " + rx.progress.get() + " stored of " + octets, e);
            }
        }

        @Override
        public void close() {
            alice.close();
            bob.close();
            aliceLoop.close();
            bobLoop.close();
        }
    }

    /** MB/s between consecutive 256 MiB marks (the last segment ends at messageReceived). */
    static String segments(long[] marks, long t0, long t1, long octets) {
        List<String> out = new ArrayList<>();
        long prevTime = t0;
        long prevOctets = 0;
        for (int k = 1; k < marks.length && (long) k * SEGMENT <= octets; k++) {
            if (marks[k] == 0) {
                break;
            }
            out.add(String.format(Locale.ROOT, "%.0f", (k * SEGMENT - prevOctets) / ((marks[k] - prevTime) / 1e9) / 1e6));
            prevTime = marks[k];
            prevOctets = k * SEGMENT;
        }
        if (octets > prevOctets && t1 > prevTime) {
            out.add(String.format(Locale.ROOT, "%.0f", (octets - prevOctets) / ((t1 - prevTime) / 1e9) / 1e6));
        }
        return String.join(" ", out);
    }

    static SessionDescription sdp(MsrpUri path, String setup, String direction, CertificateFingerprint fp, List<String> extra) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        s.append("m=message ").append(path.effectivePort()).append(" TCP/TLS/MSRP *\r\n");
        s.append("a=").append(direction).append("\r\n");
        s.append("a=accept-types:*\r\n");
        s.append("a=path:").append(path).append("\r\n");
        s.append("a=setup:").append(setup).append("\r\n");
        s.append("a=fingerprint:").append(fp).append("\r\n");
        extra.forEach(e -> s.append(e).append("\r\n"));
        return SdpParser.parse(s.toString());
    }

    /** Progress is stamped every 256 MiB, to show whether the rate changes along a large file. */
    static final long SEGMENT = 256L << 20;

    /** Listener: completes futures (stamped with the time on the session's event loop) and counts progress. */
    static final class Events implements MsrpSessionListener {
        final CompletableFuture<ReceivedMessage> received = new CompletableFuture<>();
        final CompletableFuture<MsrpReport> report = new CompletableFuture<>();
        final AtomicLong progress = new AtomicLong();
        /** When progress first reached k * SEGMENT octets (k &lt; 64), written on the session's event loop. */
        final long[] marks = new long[64];
        /** Shared by both sides' listeners. */
        final CompletableFuture<Void> failure;
        volatile long receivedAt;
        volatile long reportAt;

        Events(CompletableFuture<Void> failure) {
            this.failure = failure;
        }

        @Override
        public void messageReceived(ReceivedMessage message) {
            receivedAt = System.nanoTime();
            received.complete(message);
        }

        @Override
        public void reportReceived(MsrpReport r) {
            reportAt = System.nanoTime();
            report.complete(r);
        }

        @Override
        public void progress(String messageId, boolean sending, long done, long total) {
            progress.lazySet(done);
            int segment = (int) (done / SEGMENT);
            if (segment < marks.length && marks[segment] == 0) {
                marks[segment] = System.nanoTime();
            }
        }

        @Override
        public void sendFailed(SendFailure failure) {
            this.failure.completeExceptionally(new IllegalStateException("send failed: " + failure));
        }

        @Override
        public void sessionFailed(String reason) {
            failure.completeExceptionally(new IllegalStateException("session failed: " + reason));
        }
    }
}
