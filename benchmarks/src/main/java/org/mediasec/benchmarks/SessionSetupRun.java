package org.mediasec.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sip.internal.FreePorts;
import org.mediasec.tls.LocalIdentity;

/**
 * Load run: MSRP session setups per second through the P-CSCF / IMS-ALG and the IMS-AGW, against the
 * core alone in the same run, both driven by SIPp on loopback (issue #6, "Benchmark").
 *
 * <p>One session = INVITE with an e2ae MSRP offer ({@code TCP/TLS/MSRP}, fingerprint, {@code a=3ge2ae:requested},
 * {@code a=msrp-cema}) → 200 → ACK → hold → BYE → 200 ({@code benchmarks/sipp/uac.xml}), answered by a SIPp UAS
 * ({@code uas.xml}). Two set-ups, each in this JVM, one after the other:
 * <ul>
 *   <li><b>core</b> (baseline): SIPp UAC → core → SIPp UAS, the UAS registered at the core.</li>
 *   <li><b>pcscf</b>: both UEs registered through the P-CSCF (the caller with {@code msrp-tls;mediasec}), so each
 *   session crosses it twice, as in the lab's topology with one P-CSCF: UAC → P-CSCF (originating: e2ae,
 *   H.248 Add and Modify) → core → P-CSCF (terminating: anchor, Add and Modify) → UAS, and the BYE Subtracts
 *   both contexts. After each step the run checks that the IMS-AGW closed two relays per session, one of
 *   them TLS-terminating, and holds no context.</li>
 * </ul>
 * Per set-up: a warm-up step, then steps at rising call rates ({@code --rates}), each {@code --seconds} long
 * ({@code rate × seconds} calls, SIPp {@code -r -m}, no cap on simultaneous calls); a step passes when no call
 * failed at either SIPp (a missing response for {@link SessionSetupSipp#RECV_TIMEOUT} fails the call), the
 * AGW checks hold and the calls were placed at ≥ 90 % of the asked rate. The ramp stops at the first failed
 * step, then tries the rate half-way between the last pass and the failure once, on fresh nodes. The figure
 * is the highest rate that passed; the ratio is P-CSCF over core. Also printed: the mean INVITE→200 time, SIPp's UDP
 * retransmissions (a response later than 500 ms), the CPU time of this JVM (the NFs) per session and the
 * machine's UDP datagrams dropped on full receive buffers during the step. The default hold (1 s) is longer
 * than T1: an ACK lost on the way is recovered by the UAS's 2xx retransmission at 500 ms (RFC 3261
 * §13.3.1.4) before the BYE leaves; with a hold of exactly 500 ms the two race and a lost ACK fails the call.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.SessionSetupRun [--rates 50,100,150,200,250,300,350,400,500,600,800,1000,1200,1600]
 *      [--seconds 10] [--hold-ms 1000] [--warmup 5] [--modes core,pcscf] [--scenarios benchmarks/sipp] [--out DIR]
 * </pre>
 */
public final class SessionSetupRun {
    private static final String DOMAIN = "ims.example.net";
    /** What the P-CSCF sends by default; the baseline carries the same Security-Verify so the messages are alike. */
    private static final String DEFAULT_SECURITY_SERVER = "msrp-tls;mediasec;q=0.5, bfcp-tls;mediasec;q=0.5, udptl-dtls;mediasec;q=0.5";
    private static final double KEEP_UP = 0.9;
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private SessionSetupRun() {
    }

    enum Mode { CORE, PCSCF }

    record Step(Mode mode, String label, double rate, long calls, long ok, long failedUac, long failedUas, int uacExit,
                int uasExit, long retransmissions, double seconds, double setupMs, double setupStdevMs, double cpuMsPerSession,
                String agwCheck, long udpDrops, String load) {
        double placedRate() {
            return ok / Math.max(seconds, 1e-3);
        }

        boolean passed() {
            return uacExit == 0 && uasExit == 0 && failedUac == 0 && failedUas == 0 && ok == calls
                    && agwCheck.startsWith("ok") && placedRate() >= KEEP_UP * rate;
        }

        String line() {
            return String.format(Locale.ROOT,
                    "== step %-6s %-7s rate %7.1f/s calls %6d ok %6d failed %d/%d exit %d/%d retrans %5d  %6.2f s -> %7.1f/s"
                            + "  INVITE->200 %7.2f ms (sd %6.2f)  NF CPU %6.3f ms/session  AGW %s  UDP drops %d  load %s  %s",
                    mode.name().toLowerCase(Locale.ROOT), label, rate, calls, ok, failedUac, failedUas, uacExit, uasExit,
                    retransmissions, seconds, placedRate(), setupMs, setupStdevMs, cpuMsPerSession, agwCheck, udpDrops, load,
                    passed() ? "PASS" : "FAIL");
        }
    }

    public static void main(String[] argv) throws Exception {
        AgwBench.Args a = new AgwBench.Args(argv,
                "SessionSetupRun [--rates 50,100,150,200,250,300,350,400,500,600,800,1000,1200,1600] [--seconds 10] [--hold-ms 1000] [--warmup 5] "
                        + "[--modes core,pcscf] [--scenarios benchmarks/sipp] [--out DIR]",
                "rates", "50,100,150,200,250,300,350,400,500,600,800,1000,1200,1600", "seconds", "10", "hold-ms", "1000", "warmup", "5",
                "modes", "core,pcscf", "scenarios", "benchmarks/sipp", "out", "");
        List<Double> rates = new ArrayList<>();
        for (String r : a.get("rates").split(",")) {
            rates.add(Double.parseDouble(r.trim()));
        }
        Duration seconds = a.seconds("seconds");
        Duration hold = Duration.ofMillis(Long.parseLong(a.get("hold-ms")));
        Duration warmup = a.seconds("warmup");
        Path scenarios = Path.of(a.get("scenarios"));
        if (!Files.isRegularFile(scenarios.resolve("uac.xml"))) {
            throw new IllegalArgumentException("--scenarios " + scenarios + ": no uac.xml there (run from the repository root)");
        }
        Path out = a.get("out").isEmpty() ? Files.createTempDirectory("session-setup") : Files.createDirectories(Path.of(a.get("out")));
        List<Mode> modes = new ArrayList<>();
        for (String m : a.get("modes").split(",")) {
            modes.add(Mode.valueOf(m.trim().toUpperCase(Locale.ROOT)));
        }

        System.out.println("== session setups per second (INVITE e2ae MSRP offer -> 200 -> ACK -> " + hold.toMillis()
                + " ms -> BYE -> 200), SIPp UAC and UAS over UDP on loopback; P-CSCF + IMS-AGW vs core alone");
        System.out.println("== machine");
        LoadRunSupport.machine().forEach(l -> System.out.println("  " + l));
        System.out.println("  sipp: " + SessionSetupSipp.version());
        System.out.println("  load average at start: " + AgwBench.loadAverage());
        System.out.println("  outputs: " + out);

        SessionSetupSipp sipp = new SessionSetupSipp(scenarios, out);
        List<Step> all = new ArrayList<>();
        double[] best = new double[Mode.values().length];
        for (Mode mode : modes) {
            double lastPass = 0;
            double firstFail = 0;
            try (Nodes nodes = Nodes.start(mode, sipp)) {
                System.out.println(nodes.step(sipp, "warmup", Math.min(20, rates.get(0)), warmup, hold).line());
                for (double rate : rates) {
                    Step s = nodes.step(sipp, "ramp", rate, seconds, hold);
                    System.out.println(s.line());
                    all.add(s);
                    if (!s.passed()) {
                        firstFail = rate;
                        break;
                    }
                    lastPass = rate;
                }
            }
            if (firstFail > 0 && lastPass > 0) {
                // fresh nodes: what the failed step left behind (sessions, contexts) must not count against this one
                try (Nodes nodes = Nodes.start(mode, sipp)) {
                    System.out.println(nodes.step(sipp, "warmup", Math.min(20, rates.get(0)), warmup, hold).line());
                    double mid = Math.round((lastPass + firstFail) / 2);
                    Step s = nodes.step(sipp, "refine", mid, seconds, hold);
                    System.out.println(s.line());
                    all.add(s);
                    if (s.passed()) {
                        lastPass = mid;
                    }
                }
            }
            best[mode.ordinal()] = lastPass;
            System.out.printf(Locale.ROOT, "== result %s: %.0f sessions/s with no failure%s%n",
                    mode.name().toLowerCase(Locale.ROOT), lastPass, firstFail == 0 ? " (the highest rate asked: not the limit)" : "");
        }
        if (modes.contains(Mode.CORE) && modes.contains(Mode.PCSCF) && best[Mode.CORE.ordinal()] > 0) {
            System.out.printf(Locale.ROOT, "== result ratio P-CSCF + IMS-AGW / core alone: %.2f (%.0f / %.0f sessions/s)%n",
                    best[Mode.PCSCF.ordinal()] / best[Mode.CORE.ordinal()], best[Mode.PCSCF.ordinal()], best[Mode.CORE.ordinal()]);
            double common = highestCommonPass(all);
            if (common > 0) {
                double cpuCore = cpuAt(all, Mode.CORE, common);
                double cpuPcscf = cpuAt(all, Mode.PCSCF, common);
                System.out.printf(Locale.ROOT, "== result NF CPU per session at %.0f/s (the highest rate both passed): core %.3f ms,"
                        + " P-CSCF + IMS-AGW + core %.3f ms (x%.1f)%n", common, cpuCore, cpuPcscf, cpuPcscf / cpuCore);
            }
        }
        System.out.println("== load average at end: " + AgwBench.loadAverage());
    }

    /**
     * The machine's count of UDP datagrams dropped because a socket's receive buffer was full ({@code /proc/net/snmp},
     * Udp RcvbufErrors; every process's sockets, not only ours), or -1.
     */
    static long udpReceiveBufferErrors() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp: ")).toList();
            List<String> names = List.of(udp.get(0).split("\\s+"));
            return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double highestCommonPass(List<Step> steps) {
        return steps.stream().filter(s -> s.mode() == Mode.PCSCF && s.passed()).mapToDouble(Step::rate)
                .filter(r -> cpuAt(steps, Mode.CORE, r) > 0).max().orElse(0);
    }

    private static double cpuAt(List<Step> steps, Mode mode, double rate) {
        return steps.stream().filter(s -> s.mode() == mode && s.rate() == rate && s.passed())
                .mapToDouble(Step::cpuMsPerSession).findFirst().orElse(0);
    }

    /** The nodes of one set-up, the SIPp addresses and the registrations. */
    static final class Nodes implements AutoCloseable {
        final Mode mode;
        final Core core;
        final PcscfNode pcscf;
        final AgwNode agw;
        final AtomicLong relaysClosed = new AtomicLong();
        final AtomicLong tlsRelaysClosed = new AtomicLong();
        final String target;
        final int uasPort;
        final int uacPort;
        final String ueFingerprint = LocalIdentity.selfSigned("ue.bench").fingerprint().toString();
        /** The Security-Verify of the UAC's INVITE and BYE: what the P-CSCF sent in Security-Server. */
        String securityVerify = DEFAULT_SECURITY_SERVER;
        int stepNo;

        private Nodes(Mode mode, Core core, PcscfNode pcscf, AgwNode agw, String target, int uasPort, int uacPort) {
            this.mode = mode;
            this.core = core;
            this.pcscf = pcscf;
            this.agw = agw;
            this.target = target;
            this.uasPort = uasPort;
            this.uacPort = uacPort;
            if (agw != null) {
                agw.contexts().whenRelayClosed(r -> {
                    relaysClosed.incrementAndGet();
                    if (r.access().transport().terminatesTls()) {
                        tlsRelaysClosed.incrementAndGet();
                    }
                });
            }
        }

        /** Starts the nodes of {@code mode} and registers the UEs with one-shot SIPp runs. */
        static Nodes start(Mode mode, SessionSetupSipp sipp) throws Exception {
            InetAddress loopback = InetAddress.getByName(SessionSetupSipp.HOST);
            Core core = Core.start(CoreConfig.defaults().withPort(0));
            PcscfNode pcscf = null;
            AgwNode agw = null;
            try {
                String target = SessionSetupSipp.HOST + ":" + core.port();
                if (mode == Mode.PCSCF) {
                    pcscf = PcscfNode.start(PcscfConfig.defaults()
                            .withSip(new PcscfConfig.Sip(SessionSetupSipp.HOST, 0, null, DOMAIN, null))
                            .withCore(new PcscfConfig.Core("sip:127.0.0.1:" + core.port() + ";lr"))
                            .withH248(new PcscfConfig.H248(null, null, 0, null, null, null, null)));
                    // up to rate x hold sessions at once, each with a listening port in each realm
                    int base = 20000 + new Random().nextInt(5) * 8000;
                    agw = AgwNode.start(AgwConfig.defaults().withMid("[127.0.0.1]:2945")
                            .withH248(AgwConfig.H248.DEFAULTS.withMgc(SessionSetupSipp.HOST, pcscf.mgcAddress().getPort())
                                    .withLocal(SessionSetupSipp.HOST, 0))
                            .withRealms(List.of(
                                    new AgwConfig.RealmConfig("access", SessionSetupSipp.HOST, null, base, base + 3999),
                                    new AgwConfig.RealmConfig("core", SessionSetupSipp.HOST, null, base + 4000, base + 7999))));
                    pcscf.agwReady().toCompletableFuture().get(10, TimeUnit.SECONDS);
                    target = SessionSetupSipp.HOST + ":" + pcscf.sipAddress().getPort();
                }
                Nodes n = new Nodes(mode, core, pcscf, agw, target, FreePorts.udpAndTcp(loopback), FreePorts.udpAndTcp(loopback));
                n.register(sipp);
                return n;
            } catch (Exception | Error e) {
                if (pcscf != null) {
                    pcscf.close();
                }
                if (agw != null) {
                    agw.close();
                }
                core.close();
                throw e;
            }
        }

        /**
         * bob (the UAS's address) registered at the core or through the P-CSCF; through the P-CSCF alice (the
         * UAC's address) too, with msrp-tls;mediasec, and the Security-Server she got kept for Security-Verify.
         */
        private void register(SessionSetupSipp sipp) throws Exception {
            InetAddress loopback = InetAddress.getByName(SessionSetupSipp.HOST);
            String name = mode.name().toLowerCase(Locale.ROOT);
            sipp.register("register.xml", target, FreePorts.udpAndTcp(loopback), name + "-register-bob",
                    "user", "bob", "contact_port", Integer.toString(uasPort));
            if (mode == Mode.PCSCF) {
                String log = sipp.register("register-mediasec.xml", target, FreePorts.udpAndTcp(loopback),
                        name + "-register-alice", "user", "alice", "contact_port", Integer.toString(uacPort));
                securityVerify = SessionSetupSipp.securityServer(log)
                        .orElseThrow(() -> new IllegalStateException("no Security-Server in the 200 to alice's REGISTER: " + log));
            }
        }

        Step step(SessionSetupSipp sipp, String label, double rate, Duration length, Duration hold) throws Exception {
            long calls = Math.max(1, Math.round(rate * length.toMillis() / 1000.0));
            Duration limit = length.multipliedBy(3).plus(hold).plusSeconds(30);
            String name = mode.name().toLowerCase(Locale.ROOT) + "-" + (++stepNo) + "-" + label + "-" + Math.round(rate);
            long relays0 = relaysClosed.get();
            long tls0 = tlsRelaysClosed.get();
            SessionSetupSipp.Run uas = sipp.uas(uasPort, calls, limit, name + "-uas");
            long drops0 = udpReceiveBufferErrors();
            long cpu0 = LoadRunSupport.processCpuNanos();
            long t0 = System.nanoTime();
            SessionSetupSipp.Run uac = sipp.uac(target, uacPort, rate, calls, hold, limit, name + "-uac",
                    "security_verify", securityVerify, "ue_fp", ueFingerprint);
            int uacExit = uac.await(limit.plusSeconds(30));
            double seconds = (System.nanoTime() - t0) / 1e9 - hold.toMillis() / 1000.0;
            // the UAS ends with its last call; if the UAC gave calls up, it waits for them until stopped here
            int uasExit = uas.await(SessionSetupSipp.RECV_TIMEOUT.plusSeconds(5));
            String agwCheck = settle(calls, relays0, tls0);
            long cpu1 = LoadRunSupport.processCpuNanos();
            SessionSetupSipp.Stats u = uac.statistics();
            SessionSetupSipp.Stats s = uas.statistics();
            Step step = new Step(mode, label, rate, calls, u.successful(), u.failed(), s.failed(), uacExit, uasExit,
                    u.retransmissions() + s.retransmissions(), seconds, u.responseMs(), u.responseStdevMs(),
                    (cpu1 - cpu0) / 1e6 / Math.max(1, u.successful()), agwCheck, udpReceiveBufferErrors() - drops0,
                    AgwBench.loadAverage());
            if (!step.passed()) {
                System.out.println("   uac errors: " + uac.firstErrors(600).replace("\n", "\n   "));
                System.out.println("   uas errors: " + uas.firstErrors(600).replace("\n", "\n   "));
            }
            return step;
        }

        /**
         * After a step: every context subtracted and every session forgotten (bounded wait); two relays closed
         * per call, one TLS-terminating (the e2ae access leg toward alice). "-" for the core alone.
         */
        private String settle(long calls, long relays0, long tls0) throws InterruptedException {
            if (mode == Mode.CORE) {
                return "ok (none)";
            }
            long end = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < end && !(agw.contexts().contexts() == 0 && pcscf.sessions().isEmpty()
                    && relaysClosed.get() - relays0 >= 2 * calls)) {
                Thread.sleep(20);
            }
            long relays = relaysClosed.get() - relays0;
            long tls = tlsRelaysClosed.get() - tls0;
            int left = agw.contexts().contexts();
            boolean ok = relays == 2 * calls && tls == calls && left == 0 && pcscf.sessions().isEmpty();
            return String.format(Locale.ROOT, "%s (relays %d, TLS %d, contexts left %d)", ok ? "ok" : "BAD", relays, tls, left);
        }

        @Override
        public void close() {
            if (pcscf != null) {
                pcscf.close();
            }
            if (agw != null) {
                agw.close();
            }
            core.close();
        }
    }
}
