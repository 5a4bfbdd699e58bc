package org.mediasec.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.mediasec.agw.bearer.BearerConfig;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.bearer.Realm;
import org.mediasec.tls.LocalIdentity;

/**
 * What the IMS-AGW load runs ({@link AgwTlsThroughputRun}, {@link AgwHandshakeRun},
 * {@link AgwPassThroughRun}, {@link AgwSessionsRun}) share: options, the two identities (the AGW's
 * and the UE's, written as PEM for haproxy and socat), the AGW's bearer layer on loopback, haproxy
 * and socat as child processes (each under {@code timeout}, killed at the end), CPU time of a process
 * and machine facts.
 */
final class AgwBench {
    private AgwBench() {
    }

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** {@code --name value} options with defaults; sizes accept k/m/g suffixes. */
    static final class Args {
        final Map<String, String> values = new TreeMap<>();

        Args(String[] args, String usage, String... defaults) {
            for (int i = 0; i + 1 < defaults.length; i += 2) {
                values.put(defaults[i], defaults[i + 1]);
            }
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.println("usage: " + usage);
                    System.exit(0);
                }
                if (!a.startsWith("--") || !values.containsKey(a.substring(2)) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + a + " (usage: " + usage + ")");
                }
                values.put(a.substring(2), args[++i]);
            }
        }

        String get(String name) {
            return values.get(name);
        }

        long size(String name) {
            return MsrpTlsLoadRun.Options.parseSize(get(name));
        }

        int integer(String name) {
            return Integer.parseInt(get(name));
        }

        Duration seconds(String name) {
            return Duration.ofMillis((long) (Double.parseDouble(get(name)) * 1000));
        }
    }

    /** The AGW's certificate and the UE's, as objects and as PEM files in a fresh directory. */
    static final class Identities {
        final Path dir;
        final LocalIdentity agw = LocalIdentity.selfSigned("agw.bench");
        final LocalIdentity ue = LocalIdentity.selfSigned("ue.bench");
        final Path agwCert;
        final Path agwKey;
        final Path agwPem;
        final Path ueCert;
        final Path ueKey;

        Identities() throws IOException {
            dir = Files.createTempDirectory("agw-bench");
            agwCert = dir.resolve("agw-cert.pem");
            agwKey = dir.resolve("agw-key.pem");
            ueCert = dir.resolve("ue-cert.pem");
            ueKey = dir.resolve("ue-key.pem");
            agw.writePem(agwCert, agwKey);
            ue.writePem(ueCert, ueKey);
            agwPem = dir.resolve("agw.pem");               // haproxy's crt: certificate and key in one file
            Files.writeString(agwPem, Files.readString(agwCert) + Files.readString(agwKey));
        }
    }

    /** Access and core realm on 127.0.0.1; the access range is where the relays listen. */
    static Realm accessRealm(int minPort, int maxPort) {
        return new Realm("access", LOOPBACK, minPort, maxPort);
    }

    static Realm coreRealm() {
        return new Realm("core", LOOPBACK, 19000, 19099);
    }

    static BearerRelays relays(org.mediasec.transport.Transports loops, Realm access) {
        return relays(loops, access, BearerConfig.DEFAULTS);
    }

    static BearerRelays relays(org.mediasec.transport.Transports loops, Realm access, BearerConfig config) {
        return new BearerRelays(loops, config, List.of(access, coreRealm()));
    }

    // ------------------------------------------------------------------ processes

    /** A child process under {@code timeout}, its output in a log file; {@link #close()} kills it. */
    static final class Child implements AutoCloseable {
        final String name;
        final Process process;
        final Path log;

        Child(String name, Path dir, Duration timeout, List<String> command) throws IOException {
            this.name = name;
            this.log = dir.resolve(name + ".log");
            List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", Long.toString(timeout.toSeconds())));
            cmd.addAll(command);
            this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        /** The pid of the command itself (the child of {@code timeout}), or timeout's when not found. */
        long commandPid() {
            Path children = Path.of("/proc/" + process.pid() + "/task/" + process.pid() + "/children");
            for (int i = 0; i < 50; i++) {
                try {
                    String s = Files.readString(children).trim();
                    if (!s.isEmpty()) {
                        return Long.parseLong(s.split("\\s+")[0]);
                    }
                    Thread.sleep(20);
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    break;
                }
            }
            return process.pid();
        }

        boolean waitFor(Duration d) throws InterruptedException {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * haproxy, one thread, no session cache and no tickets, in TCP mode: {@code tls} frontend
     * (TLS 1.3 only, suite {@code suite}, the UE certificate required and checked against the UE's
     * self-signed certificate as CA) and a {@code plain} frontend, both to {@code sink}.
     */
    static Child haproxy(Identities ids, int tlsPort, int plainPort, InetSocketAddress sink, String suite,
                         Duration timeout) throws IOException, InterruptedException {
        String cfg = String.join("\n",
                "global",
                "  nbthread 1",
                "  maxconn 9000",
                "  tune.ssl.cachesize 0",
                "  ssl-default-bind-options ssl-min-ver TLSv1.3 no-tls-tickets",
                "  ssl-default-bind-ciphersuites " + suite,
                "defaults",
                "  mode tcp",
                "  timeout connect 10s",
                "  timeout client 60s",
                "  timeout server 60s",
                "frontend tls",
                "  bind 127.0.0.1:" + tlsPort + " ssl crt " + ids.agwPem + " ca-file " + ids.ueCert
                        + " verify required",
                "  default_backend sink",
                "frontend plain",
                "  bind 127.0.0.1:" + plainPort,
                "  default_backend sink",
                "backend sink",
                "  server s1 " + sink.getAddress().getHostAddress() + ":" + sink.getPort(),
                "");
        Path file = ids.dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        Process check = new ProcessBuilder("haproxy", "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String checkOut = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("haproxy -c failed: " + checkOut);
        }
        Child c = new Child("haproxy", ids.dir, timeout, List.of("haproxy", "-f", file.toString(), "-db"));
        awaitBound(tlsPort, c, Duration.ofSeconds(10));
        awaitBound(plainPort, c, Duration.ofSeconds(10));
        return c;
    }

    /** Waits until {@code port} on 127.0.0.1 is bound (by trying to bind it: no probe connection). */
    static void awaitBound(int port, Child owner, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!owner.process.isAlive()) {
                throw new IllegalStateException(owner.name + " exited with " + owner.process.exitValue() + ": "
                        + owner.output());
            }
            try (java.net.Socket s = new java.net.Socket()) {
                s.bind(new InetSocketAddress(LOOPBACK, port));
            } catch (IOException bound) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(owner.name + " not listening on " + port + ": " + owner.output());
    }

    // ------------------------------------------------------------------ measuring

    /** user + system CPU seconds of a process so far ({@code /proc/PID/stat}), 0 if unreadable. */
    static double cpuSeconds(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 (utime, stime) of stat(5), counted from 1; here after "pid (comm) "
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double ownCpuSeconds() {
        return LoadRunSupport.processCpuNanos() / 1e9;
    }

    /** VmRSS of a process in KiB, or -1. */
    static long rssKiB(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String haproxyVersion() {
        try {
            Process p = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?");
        } catch (IOException | InterruptedException e) {
            return "? (" + e + ")";
        }
    }

    static void printMachine(String what) {
        System.out.println("== " + what);
        System.out.println("== machine");
        LoadRunSupport.machine().forEach(l -> System.out.println("  " + l));
        System.out.println("  haproxy: " + haproxyVersion());
        System.out.println("  JVM args: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("  load average at start: " + loadAverage());
    }

    static void printf(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }
}
