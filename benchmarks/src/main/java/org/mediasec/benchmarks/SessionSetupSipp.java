package org.mediasec.benchmarks;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SIPp processes of {@link SessionSetupRun}: one-shot REGISTERs, the load UAS and the load UAC, each
 * a child under {@code timeout} ({@link AgwBench.Child}) with its own statistics file ({@code -trace_stat},
 * read at the end) and error file; all over UDP on loopback.
 */
final class SessionSetupSipp {
    static final String HOST = "127.0.0.1";
    /** A call whose next message does not come within this long fails (SIPp {@code -recv_timeout}). */
    static final Duration RECV_TIMEOUT = Duration.ofSeconds(8);

    private final Path scenarios;
    private final Path out;

    SessionSetupSipp(Path scenarios, Path out) {
        this.scenarios = scenarios;
        this.out = out;
    }

    /** SIPp's cumulative counters of one run (the last line of its {@code -trace_stat} file). */
    record Stats(long successful, long failed, long retransmissions, long deadCallMessages, double responseMs,
                 double responseStdevMs) {
        static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0);

        static Stats read(Path csv) throws IOException {
            if (!Files.exists(csv)) {
                return NONE;
            }
            List<String> lines = Files.readAllLines(csv);
            if (lines.size() < 2) {
                return NONE;
            }
            List<String> names = Arrays.asList(lines.get(0).split(";", -1));
            String[] last = lines.get(lines.size() - 1).split(";", -1);
            return new Stats(count(names, last, "SuccessfulCall(C)"), count(names, last, "FailedCall(C)"),
                    count(names, last, "Retransmissions(C)"), count(names, last, "DeadCallMsgs(C)"),
                    millis(names, last, "ResponseTime1(C)"), millis(names, last, "ResponseTime1StDev(C)"));
        }

        private static long count(List<String> names, String[] row, String name) {
            int i = names.indexOf(name);
            return i < 0 || i >= row.length || row[i].isBlank() ? 0 : Long.parseLong(row[i].trim());
        }

        /** SIPp writes durations as {@code hh:mm:ss:micros}. */
        private static double millis(List<String> names, String[] row, String name) {
            int i = names.indexOf(name);
            if (i < 0 || i >= row.length || row[i].isBlank()) {
                return 0;
            }
            String[] f = row[i].trim().split(":");
            return (Long.parseLong(f[0]) * 3600 + Long.parseLong(f[1]) * 60 + Long.parseLong(f[2])) * 1000.0
                    + Long.parseLong(f[3]) / 1000.0;
        }
    }

    /** The exit code {@link Run#await} reports for a run it had to stop. */
    static final int STOPPED = -1;

    /** One SIPp process and its files. */
    record Run(String name, AgwBench.Child child, Path stats, Path errors, Path log) {
        /**
         * Waits for the run to end and returns its exit code; a run still going after {@code timeout} (a UAS
         * waiting for calls the UAC gave up) is stopped and counts as failed: {@link #STOPPED}.
         */
        int await(Duration timeout) throws InterruptedException {
            if (!child.waitFor(timeout)) {
                child.close();
                return STOPPED;
            }
            return child.process.exitValue();
        }

        Stats statistics() throws IOException {
            return Stats.read(stats);
        }

        /** The start of SIPp's error file, for a failed step (SIPp does not always end its entries with a line end). */
        String firstErrors(int chars) {
            try {
                if (!Files.exists(errors)) {
                    return "";
                }
                String s = Files.readString(errors).replace("\t", " ");
                return s.length() <= chars ? s : s.substring(0, chars) + " ...";
            } catch (IOException e) {
                return errors + ": " + e;
            }
        }
    }

    /** Runs a one-call scenario (a REGISTER) to {@code target}; returns its log (SIPp {@code <log>} lines). */
    String register(String scenario, String target, int port, String name, String... keys)
            throws IOException, InterruptedException {
        Run r = start(name, scenario, target, port, Duration.ofSeconds(30), List.of("-m", "1"), keys);
        int rc = r.await(Duration.ofSeconds(40));
        if (rc != 0) {
            throw new IllegalStateException("sipp " + name + " exited " + rc + ": " + r.firstErrors(2000) + "\n" + r.child.output());
        }
        return Files.exists(r.log) ? Files.readString(r.log) : "";
    }

    /** The load UAS on {@code port}, ending after {@code calls} calls; returns once its UDP port is bound. */
    Run uas(int port, long calls, Duration limit, String name) throws IOException, InterruptedException {
        Run r = start(name, "uas.xml", null, port, limit, List.of("-m", Long.toString(calls)));
        awaitUdpBound(port, r, Duration.ofSeconds(10));
        return r;
    }

    /** The load UAC: {@code calls} calls at {@code rate} per second to {@code target}, each held {@code hold}. */
    Run uac(String target, int port, double rate, long calls, Duration hold, Duration limit, String name, String... keys)
            throws IOException {
        return start(name, "uac.xml", target, port, limit, List.of("-m", Long.toString(calls),
                "-r", String.format(java.util.Locale.ROOT, "%.3f", rate), "-rp", "1000",
                // no cap on simultaneous calls: a system that cannot keep up must show as failures, not as a lower rate
                "-l", Long.toString(Math.max(calls, 1)),
                "-d", Long.toString(hold.toMillis())), keys);
    }

    private Run start(String name, String scenario, String target, int port, Duration limit, List<String> extra,
                      String... keys) throws IOException {
        Path stats = out.resolve(name + ".csv");
        Path errors = out.resolve(name + ".err");
        Path log = out.resolve(name + ".log");
        for (Path p : List.of(stats, errors, log)) {
            Files.deleteIfExists(p);
        }
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        if (target != null) {
            cmd.add(target);
        }
        cmd.addAll(List.of("-sf", scenarios.resolve(scenario).toString(), "-i", HOST, "-p", Integer.toString(port),
                "-t", "u1", "-nostdin", "-timeout", limit.toSeconds() + "s", "-timeout_error",
                "-recv_timeout", Long.toString(RECV_TIMEOUT.toMillis()),
                "-trace_stat", "-stf", stats.toString(), "-fd", "1",
                "-trace_err", "-error_file", errors.toString(),
                "-trace_logs", "-log_file", log.toString()));
        cmd.addAll(extra);
        for (int i = 0; i + 1 < keys.length; i += 2) {
            cmd.addAll(List.of("-key", keys[i], keys[i + 1]));
        }
        return new Run(name, new AgwBench.Child("sipp-" + name, out, limit.plusSeconds(20), cmd), stats, errors, log);
    }

    /** Waits until SIPp has bound its UDP port (it can no longer be bound here): no probe message sent. */
    private static void awaitUdpBound(int port, Run owner, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!owner.child.process.isAlive()) {
                throw new IllegalStateException("sipp " + owner.name + " exited with " + owner.child.process.exitValue()
                        + ": " + owner.child.output());
            }
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(HOST, port))) {
                // still free
            } catch (IOException bound) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("sipp " + owner.name + " did not bind UDP " + port + " within " + timeout);
    }

    /** {@code Security-Server: <value>} from a register-mediasec.xml log. */
    static Optional<String> securityServer(String log) {
        return log.lines().filter(l -> l.startsWith("Security-Server: ")).map(l -> l.substring(17).trim())
                .filter(v -> !v.isEmpty()).findFirst();
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return s.lines().map(String::trim).filter(l -> l.startsWith("SIPp")).findFirst().orElse("?");
        } catch (IOException | InterruptedException e) {
            return "? (" + e + ")";
        }
    }
}
