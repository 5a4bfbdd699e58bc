package org.mediasec.benchmarks;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.mediasec.agw.bearer.BearerLeg;
import org.mediasec.agw.bearer.BearerListener;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.bearer.LegStats;
import org.mediasec.agw.bearer.Realm;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.bearer.Side;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.transport.Transports;

/**
 * One-way bulk transfer through the AGW's bearer relay and through haproxy in TCP mode, in the same
 * run: {@code socat} reads N octets of /dev/zero and sends them (over TLS with the UE certificate,
 * or plain) to the relay's access port; the relay (TLS server pinning the UE certificate, or
 * pass-through) forwards them to a plain {@code socat} sink writing to /dev/null. Time runs from the
 * client's start to the sink's exit (the sink exits on the relay's FIN, after the last octet).
 * The AGW runs in this JVM on one event loop ({@code nbthread 1} for haproxy).
 */
final class AgwThroughput {
    private AgwThroughput() {
    }

    static final String USAGE_TAIL = "[--size 1g] [--warmup 256m] [--rounds 3] [--water-marks 64k/128k] [--read-size 256k] [--splice no] [--timeout 300]";

    record Result(String what, long octets, double seconds, double serverCpu, double socatCpu, String detail) {
        double mbps() {
            return octets / seconds / 1e6;
        }
    }

    static void run(boolean tls, String[] argv) throws Exception {
        String name = tls ? "AgwTlsThroughputRun" : "AgwPassThroughRun";
        AgwBench.Args a = new AgwBench.Args(argv, name + " " + USAGE_TAIL,
                "size", "1g", "warmup", "256m", "rounds", "3", "water-marks", "64k/128k", "read-size", "256k", "splice", "no", "timeout", "300");
        long size = a.size("size");
        long warmup = a.size("warmup");
        Duration timeout = a.seconds("timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        AgwBench.printMachine(tls
                ? "TLS termination throughput: socat TLS client -> AGW access leg (TLS server, UE pinned) -> plain core -> socat sink, vs haproxy"
                : "pass-through throughput: socat TCP client -> AGW (pass-through legs) -> socat sink, vs haproxy mode tcp");
        AgwBench.Identities ids = new AgwBench.Identities();
        int sinkPort = LoadRunSupport.freePort();
        InetSocketAddress sink = new InetSocketAddress(AgwBench.LOOPBACK, sinkPort);
        String suite = "TLS_AES_256_GCM_SHA384";          // what the AGW (BoringSSL) negotiates with socat (OpenSSL client order): haproxy gets the same
        Transports loops = Transports.create("agw", 1, Transports.Kind.preferred());
        String[] marks = a.get("water-marks").split("/");
        org.mediasec.agw.bearer.BearerConfig config = org.mediasec.agw.bearer.BearerConfig.DEFAULTS.withWaterMarks(
                Math.toIntExact(MsrpTlsLoadRun.Options.parseSize(marks[0])),
                Math.toIntExact(MsrpTlsLoadRun.Options.parseSize(marks[1])))
                .withMaxReadSize(Math.toIntExact(a.size("read-size")))
                .withSplice(a.get("splice").equals("yes"));
        System.out.println("  AGW water marks (low/high): " + config.lowWaterMark() + "/" + config.highWaterMark()
                + "; largest read " + config.maxReadSize() + "; splice (pass-through on epoll) " + config.splice());
        BearerRelays relays = AgwBench.relays(loops, AgwBench.accessRealm(20000, 20999), config);
        List<Result> agw = new ArrayList<>();
        List<Result> hap = new ArrayList<>();
        try (AgwBench.Child haproxy = AgwBench.haproxy(ids, LoadRunSupport.freePort(), LoadRunSupport.freePort(),
                sink, suite, timeout.plusSeconds(30))) {
            int hapTls = portOf(ids.dir.resolve("haproxy.cfg"), "frontend tls");
            int hapPlain = portOf(ids.dir.resolve("haproxy.cfg"), "frontend plain");
            long hapPid = haproxy.commandPid();
            if (warmup > 0) {
                Result w = viaAgw(tls, relays, ids, sink, warmup, "warm-up", remaining(deadline));
                print(w, "[warm-up, not compared]");
            }
            for (int round = 1; round <= a.integer("rounds"); round++) {
                Result ours = viaAgw(tls, relays, ids, sink, size, "round " + round, remaining(deadline));
                print(ours, "");
                agw.add(ours);
                double c0 = AgwBench.cpuSeconds(hapPid);
                Result base = transfer(tls, ids, sink, tls ? hapTls : hapPlain, size, remaining(deadline));
                double c1 = AgwBench.cpuSeconds(hapPid);
                base = new Result("haproxy " + (tls ? "TLS->TCP (verify required)" : "TCP mode") + ", round " + round,
                        base.octets(), base.seconds(), c1 - c0, base.socatCpu(), base.detail());
                print(base, "");
                hap.add(base);
                AgwBench.printf("== round %d ratio AGW / haproxy: wall %.2f; CPU per octet haproxy/AGW %.2f"
                                + "; load average %s", round, ours.mbps() / base.mbps(),
                        base.serverCpu() / ours.serverCpu(), AgwBench.loadAverage());
            }
        } finally {
            relays.close();
            loops.close();
        }
        double medOurs = median(agw.stream().mapToDouble(Result::mbps).toArray());
        double medBase = median(hap.stream().mapToDouble(Result::mbps).toArray());
        double cpuOurs = median(agw.stream().mapToDouble(r -> r.serverCpu() * 1e9 / r.octets()).toArray());
        double cpuBase = median(hap.stream().mapToDouble(r -> r.serverCpu() * 1e9 / r.octets()).toArray());
        AgwBench.printf("== result (median of %d rounds): AGW %.1f MB/s, haproxy %.1f MB/s, ratio %.2f; server CPU "
                        + "AGW %.2f ns/octet, haproxy %.2f ns/octet; load average at end %s", agw.size(), medOurs, medBase,
                medOurs / medBase, cpuOurs, cpuBase, AgwBench.loadAverage());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("--timeout reached");
        }
        return Duration.ofNanos(left);
    }

    static int portOf(Path cfg, String section) throws java.io.IOException {
        List<String> lines = Files.readAllLines(cfg);
        int i = lines.indexOf(section);
        String bind = lines.get(i + 1).trim().split("\\s+")[1];
        return Integer.parseInt(bind.substring(bind.indexOf(':') + 1));
    }

    static void print(Result r, String note) {
        AgwBench.printf("== %s: %.1f MB/s (%d octets in %.3f s); server CPU %.2f s (%.2f ns/octet), socat client+sink CPU %.2f s %s %s",
                r.what(), r.mbps(), r.octets(), r.seconds(), r.serverCpu(), r.serverCpu() * 1e9 / r.octets(),
                r.socatCpu(), r.detail(), note);
    }

    /** One transfer through a fresh AGW relay; checks every octet reached the core leg. */
    static Result viaAgw(boolean tls, BearerRelays relays, AgwBench.Identities ids, InetSocketAddress sink, long size,
                         String label, Duration timeout) throws Exception {
        Realm access = relays.allocators().get(0).realm();
        Realm core = relays.allocators().get(1).realm();
        BearerLeg accessLeg = tls ? BearerLeg.tls(access, TcpSetup.PASSIVE, ids.agw, List.of(ids.ue.fingerprint()))
                : BearerLeg.passThrough(access, TcpSetup.PASSIVE);
        BearerLeg coreLeg = (tls ? BearerLeg.plain(core, TcpSetup.ACTIVE) : BearerLeg.passThrough(core, TcpSetup.ACTIVE))
                .withRemote(sink);
        AtomicReference<String> tlsInfo = new AtomicReference<>("no TLS");
        AtomicInteger failures = new AtomicInteger();
        BearerRelay relay = relays.newRelay("bulk-" + label.replace(' ', '-'), accessLeg, coreLeg, new BearerListener() {
            @Override
            public void legEstablished(BearerRelay r, LegStats leg) {
                if (leg.tls() != null) {
                    tlsInfo.set(leg.tls().version() + " " + leg.tls().cipherSuite() + ", UE pinned "
                            + leg.tls().peerVerified());
                }
            }

            @Override
            public void failed(BearerRelay r, org.mediasec.agw.bearer.BearerFailure f) {
                failures.incrementAndGet();
                System.err.println("relay failed: " + f);
            }
        });
        int port = relay.open().get(10, TimeUnit.SECONDS).localAddress(Side.ACCESS).getPort();
        double c0 = AgwBench.ownCpuSeconds();
        double l0 = loopCpuSeconds();
        Result r = transfer(tls, ids, sink, port, size, timeout);
        double c1 = AgwBench.ownCpuSeconds();
        double l1 = loopCpuSeconds();
        RelayStats s = relay.closeFuture().get(10, TimeUnit.SECONDS);
        if (s.core().bytesOut() != size || failures.get() > 0) {
            throw new IllegalStateException("AGW relayed " + s.core().bytesOut() + " of " + size + " octets: " + s);
        }
        return new Result("AGW " + (tls ? "TLS->TCP (" + tlsInfo.get() + ")" : "pass-through") + ", " + label,
                size, r.seconds(), c1 - c0, r.socatCpu(), String.format(java.util.Locale.ROOT,
                "[loop thread CPU %.2f s (%.2f ns/octet); access in %d B / %d reads, wire %d B; core out %d B / %d writes; "
                        + "read pauses %d; peak pending %d B]", l1 - l0, (l1 - l0) * 1e9 / size, s.access().bytesIn(), s.access().readsIn(), s.access().wireBytesIn(), s.core().bytesOut(),
                s.core().writesOut(), s.access().readPauses(), s.core().peakPendingOutbound()));
    }

    /** CPU time of the AGW's event loop thread (named "agw-..." by {@code Transports.create("agw", 1, ..)}). */
    static double loopCpuSeconds() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("agw-")) {
                return mx.getThreadCpuTime(t.getThreadId()) / 1e9;
            }
        }
        return 0;
    }

    /** socat sink on {@code sink}, socat client to {@code port}; wall time client start to sink exit. */
    static Result transfer(boolean tls, AgwBench.Identities ids, InetSocketAddress sink, int port, long size,
                           Duration timeout) throws Exception {
        Path sinkCpu = ids.dir.resolve("sink.cpu");
        Path clientCpu = ids.dir.resolve("client.cpu");
        Files.deleteIfExists(sinkCpu);
        Files.deleteIfExists(clientCpu);
        String target = tls
                ? "OPENSSL-CONNECT:127.0.0.1:" + port + ",cert=" + ids.ueCert + ",key=" + ids.ueKey + ",verify=0"
                : "TCP:127.0.0.1:" + port;
        try (AgwBench.Child s = new AgwBench.Child("sink", ids.dir, timeout, List.of("/usr/bin/time", "-f", "%U %S",
                "-o", sinkCpu.toString(), "socat", "-u", "-b", "131072",
                "TCP-LISTEN:" + sink.getPort() + ",bind=127.0.0.1,reuseaddr", "OPEN:/dev/null,wronly"))) {
            AgwBench.awaitBound(sink.getPort(), s, Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            try (AgwBench.Child c = new AgwBench.Child("client", ids.dir, timeout, List.of("/usr/bin/time", "-f",
                    "%U %S", "-o", clientCpu.toString(), "socat", "-u", "-b", "131072",
                    "OPEN:/dev/zero,readbytes=" + size, target))) {
                if (!c.waitFor(timeout) || c.process.exitValue() != 0) {
                    throw new IllegalStateException("socat client failed: " + c.output());
                }
                if (!s.waitFor(Duration.ofSeconds(30)) || s.process.exitValue() != 0) {
                    throw new IllegalStateException("socat sink failed: " + s.output());
                }
            }
            long t1 = System.nanoTime();
            double cpu = LoadRunSupport.cpuSeconds(sinkCpu) + LoadRunSupport.cpuSeconds(clientCpu);
            return new Result("transfer", size, (t1 - t0) / 1e9, 0, cpu, "");
        }
    }
}
