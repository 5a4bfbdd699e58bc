package org.mediasec.benchmarks;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;

import org.mediasec.transport.Transports;

/**
 * What the MSRP load runs ({@link MsrpTlsLoadRun}, {@link MsrpFileTransferRun}) share: size
 * options, the machine header, CPU time of the process and of single threads, JIT activity, a
 * heap sampler, and the small socket helpers of the socat baseline ({@link SocatTls}).
 */
final class LoadRunSupport {
    private LoadRunSupport() {
    }

    /** {@code 1g}, {@code 256m}, {@code 64k} or a plain number of octets. */
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

    /** nproc, CPU model, JDK, OS, max heap and Netty transport. */
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

    /** The first three fields of /proc/loadavg ("?" if unreadable). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The id of the thread that runs {@code loop} (a single-thread event loop). */
    static long threadIdOf(EventLoop loop) throws Exception {
        return loop.submit(() -> Thread.currentThread().getId()).get(10, TimeUnit.SECONDS);
    }

    static long threadCpuNanos(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Total JIT compilation time so far, in ms (0 if the JVM does not tell). */
    static long jitMillis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    /**
     * Waits until the JIT has been idle for 500 ms (at most 20 s), so the measured transfer runs on
     * compiled code and the compiler's leftover queue from the warm-up does not share the two cores
     * with it; returns the nanoseconds waited. Idle: no compilation finished (the JVM's counter, which
     * moves only when one ends) and the compiler threads used at most one 10 ms tick (/proc/self/task).
     */
    static long awaitJitIdle() throws InterruptedException {
        long start = System.nanoTime();
        long last = jitMillis();
        long lastTicks = compilerTicks();
        long idleSince = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
            Thread.sleep(100);
            long now = jitMillis();
            long ticks = compilerTicks();
            if (now != last || ticks - lastTicks > 1) {
                last = now;
                lastTicks = ticks;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince >= TimeUnit.MILLISECONDS.toNanos(500)) {
                break;
            }
        }
        return System.nanoTime() - start;
    }

    /** CPU ticks of the JIT compiler threads so far (0 without /proc). */
    static long compilerTicks() {
        return CpuWindow.taskTicks().entrySet().stream().filter(e -> e.getKey().contains(" C1 Compiler")
                || e.getKey().contains(" C2 Compiler")).mapToLong(java.util.Map.Entry::getValue).sum();
    }

    /**
     * CPU time of the process and of two event-loop threads over a window, and the JIT time in it.
     * {@link #stop} once; the rest is the process minus both loops (GC, JIT, other threads).
     */
    static final class CpuWindow {
        private final long threadA;
        private final long threadB;
        private final long cpu0;
        private final long a0;
        private final long b0;
        private final long jit0;
        private final java.util.Map<String, Long> tasks0;
        private long cpu;
        private long a;
        private long b;
        private long jit;
        private String topOthers = "";

        private CpuWindow(long threadA, long threadB) {
            this.threadA = threadA;
            this.threadB = threadB;
            this.tasks0 = taskTicks();
            this.jit0 = jitMillis();
            this.a0 = threadCpuNanos(threadA);
            this.b0 = threadCpuNanos(threadB);
            this.cpu0 = processCpuNanos();
        }

        static CpuWindow start(long threadA, long threadB) {
            return new CpuWindow(threadA, threadB);
        }

        CpuWindow stop() {
            cpu = processCpuNanos() - cpu0;
            a = threadCpuNanos(threadA) - a0;
            b = threadCpuNanos(threadB) - b0;
            jit = jitMillis() - jit0;
            java.util.Map<String, Long> tasks1 = taskTicks();
            long gc = 0;
            long compiler = 0;
            long all = 0;
            for (var e : tasks1.entrySet()) {
                long d = e.getValue() - tasks0.getOrDefault(e.getKey(), 0L);
                all += d;
                String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    compiler += d;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += d;
                }
            }
            topOthers = all == 0 ? "no /proc/self/task" : String.format(Locale.ROOT,
                    "of which JIT compiler threads %.2f s, GC threads %.2f s, per /proc/self/task in 10 ms ticks",
                    compiler / 100.0, gc / 100.0);
            return this;
        }

        /** Where the rest went: the busiest other Java threads and what no Java thread accounts for. */
        String restDetail() {
            return topOthers;
        }

        double processSeconds() {
            return cpu / 1e9;
        }

        double aSeconds() {
            return a / 1e9;
        }

        double bSeconds() {
            return b / 1e9;
        }

        double restSeconds() {
            return (cpu - a - b) / 1e9;
        }

        double busiestSeconds() {
            return Math.max(a, b) / 1e9;
        }

        long jitMillis() {
            return jit;
        }

        /** utime + stime in clock ticks (USER_HZ, 100 on Linux) of every thread of this process, by "tid name". */
        static java.util.Map<String, Long> taskTicks() {
            java.util.Map<String, Long> m = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        m.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            } catch (IOException | RuntimeException e) {
                return java.util.Map.of();
            }
            return m;
        }
    }

    /** Peak heap in use and peak pooled direct memory, sampled every 50 ms. */
    static final class HeapSampler {
        final MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        ScheduledExecutorService exec;
        volatile long peak;
        volatile long peakDirect;
        /** Peak resident set of the process (VmRSS): heap, direct memory, code, everything. */
        volatile long peakRss;

        /**
         * Direct memory in use by Netty's allocators: the pooled one (MsrpTlsLoadRun's channels) and, when
         * it is another one, {@code ByteBufAllocator.DEFAULT} (Netty 4.2's adaptive allocator, which the
         * product's endpoints use).
         */
        static long directUsed() {
            long used = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            io.netty.buffer.ByteBufAllocator d = io.netty.buffer.ByteBufAllocator.DEFAULT;
            if (d != PooledByteBufAllocator.DEFAULT && d instanceof io.netty.buffer.ByteBufAllocatorMetricProvider m) {
                used += m.metric().usedDirectMemory();
            }
            return used;
        }

        /** VmRSS of this process in octets (0 without /proc). */
        static long rssBytes() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        return Long.parseLong(l.substring(6).trim().split("\\s+")[0]) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }

        void start() {
            exec = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-sampler");
                t.setDaemon(true);
                return t;
            });
            exec.scheduleAtFixedRate(() -> {
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
                peakDirect = Math.max(peakDirect, directUsed());
                peakRss = Math.max(peakRss, rssBytes());
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        void stop() {
            if (exec != null) {
                exec.shutdownNow();
            }
        }
    }

    /** {@code /usr/bin/time -f "%U %S"} output: user and system seconds; 0 if missing. */
    static double cpuSeconds(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file);
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        return Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
    }

    /** Waits until {@code p} has bound {@code port} on 127.0.0.1 (without connecting: a probe would be consumed). */
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
}
