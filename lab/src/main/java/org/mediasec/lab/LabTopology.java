package org.mediasec.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.tls.KeyLog;
import org.mediasec.transport.Transports;
import org.mediasec.ue.RegistrationInfo;
import org.mediasec.ue.Ue;
import org.mediasec.ue.UeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every network function of the lab in this process on loopback, started from the example files in
 * the order a network comes up: core, P-CSCF A and B (MGCs listening), IMS-AGW A and B (each
 * registers with its P-CSCF over H.248), UE-A and UE-B (each registers through its P-CSCF). Each step
 * is a check of the start-up report; after the first that fails nothing more is started.
 */
public final class LabTopology implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabTopology.class);

    /** What started, by tier (core, P-CSCFs, AGWs, the UEs' event loops, UEs): stopped tier by tier, last first. */
    private final java.util.TreeMap<Integer, List<AutoCloseable>> started = new java.util.TreeMap<>();
    private static final int CORE = 0;
    private static final int PCSCF = 1;
    private static final int AGW = 2;
    private static final int LOOPS = 3;
    private static final int UE = 4;
    private final List<Check> checks = new ArrayList<>();
    private Transports transports;
    Core core;
    PcscfNode pcscfA;
    PcscfNode pcscfB;
    AgwNode agwA;
    AgwNode agwB;
    RelayLog relaysA;
    RelayLog relaysB;
    Ue ueA;
    Ue ueB;
    RegistrationInfo registrationA;
    RegistrationInfo registrationB;

    private LabTopology() {
    }

    /**
     * Starts what it can. {@link #up()} says whether everything started; {@link #checks()} says what
     * did and, for the step that failed, why.
     */
    public static LabTopology start(LabConfigs configs, KeyLog keyLog, Path workDir, Duration timeout) {
        LabTopology t = new LabTopology();
        try {
            t.startAll(configs, keyLog, workDir, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.checks.add(Check.failed("the lab started", "interrupted"));
        }
        return t;
    }

    private void startAll(LabConfigs configs, KeyLog keyLog, Path workDir, Duration timeout) throws InterruptedException {
        LabPorts ports = configs.ports();
        List<Integer> busy = LabPorts.busy(ports.fixedPorts());
        if (!step("the lab's ports " + ports.base() + "-" + ports.last() + " are free", () -> busy.isEmpty() ? "free"
                : fail("in use: " + busy + " (another lab running? pick another block with --base-port)"))) {
            return;
        }
        if (!step("core listening (SIP)", () -> {
            CoreConfig c = configs.core();
            core = keep(Core.start(c), CORE);
            return "registrar for " + c.domain() + " on " + text(core.localAddress());
        })) {
            return;
        }
        if (!step("P-CSCF A listening (SIP, H.248 MGC)", () -> {
            pcscfA = keep(PcscfNode.start(configs.pcscf('a')), PCSCF);
            return "SIP " + text(pcscfA.sipAddress()) + ", H.248 " + text(pcscfA.mgcAddress());
        }) || !step("P-CSCF B listening (SIP, H.248 MGC)", () -> {
            pcscfB = keep(PcscfNode.start(configs.pcscf('b')), PCSCF);
            return "SIP " + text(pcscfB.sipAddress()) + ", H.248 " + text(pcscfB.mgcAddress());
        })) {
            return;
        }
        if (!step("IMS-AGW A started", () -> {
            agwA = keep(AgwNode.start(configs.agw('a'), keyLog), AGW);
            relaysA = new RelayLog(agwA);
            return describe(agwA.config());
        }) || !step("IMS-AGW B started", () -> {
            agwB = keep(AgwNode.start(configs.agw('b'), keyLog), AGW);
            relaysB = new RelayLog(agwB);
            return describe(agwB.config());
        })) {
            return;
        }
        if (!step("IMS-AGW A registered with P-CSCF A over H.248", () -> {
            await(pcscfA.agwReady().toCompletableFuture(), timeout, "no ServiceChange accepted from "
                    + agwA.config().mid() + " at " + pcscfA.mgcAddress());
            return agwA.config().mid() + " → " + text(pcscfA.mgcAddress());
        }) || !step("IMS-AGW B registered with P-CSCF B over H.248", () -> {
            await(pcscfB.agwReady().toCompletableFuture(), timeout, "no ServiceChange accepted from "
                    + agwB.config().mid() + " at " + pcscfB.mgcAddress());
            return agwB.config().mid() + " → " + text(pcscfB.mgcAddress());
        })) {
            return;
        }
        transports = Transports.create("lab-ue", 2, Transports.Kind.preferred());
        keep(transports, LOOPS);
        if (!step("UE-A started", () -> {
            ueA = keep(Ue.start(configs.ue('a', downloads(workDir, "ue-a")), transports, keyLog), UE);
            return ueA.aor() + ", SIP " + text(ueA.sipAddress()) + ", MSRP " + text(ueA.msrpAddress()) + ", certificate "
                    + ueA.fingerprint();
        }) || !step("UE-B started", () -> {
            ueB = keep(Ue.start(configs.ue('b', downloads(workDir, "ue-b")), transports, keyLog), UE);
            return ueB.aor() + ", SIP " + text(ueB.sipAddress()) + ", MSRP " + text(ueB.msrpAddress()) + ", certificate "
                    + ueB.fingerprint();
        })) {
            return;
        }
        if (!step("UE-A registered through P-CSCF A with msrp-tls;mediasec agreed", () -> {
            registrationA = await(ueA.register().toCompletableFuture(), timeout, "REGISTER not answered 200");
            return agreed(registrationA);
        })) {
            return;
        }
        if (!step("UE-B registered through P-CSCF B with msrp-tls;mediasec agreed", () -> {
            registrationB = await(ueB.register().toCompletableFuture(), timeout, "REGISTER not answered 200");
            return agreed(registrationB);
        })) {
            return;
        }
        if (configs.sipOverTls()) {
            step("SIP between each UE and its P-CSCF runs over TLS (certificates pinned both ways); P-CSCF ↔ core over UDP",
                    () -> sipHop("UE-A", ueA, "P-CSCF A", pcscfA) + "; " + sipHop("UE-B", ueB, "P-CSCF B", pcscfB)
                            + "; P-CSCFs → core " + configs.pcscf('a').core().uri() + " (UDP)");
        }
    }

    /** The UE registered over TLS (it listens on nothing else) to its P-CSCF, whose certificate it pinned. */
    private static String sipHop(String ue, Ue u, String pcscf, PcscfNode p) {
        if (u.config().sipTransport() != org.mediasec.sip.SipTransport.TLS || p.sipTlsFingerprint().isEmpty()) {
            throw new StepFailed(ue + " uses SIP over " + u.config().sipTransport() + " to " + pcscf);
        }
        return ue + " → " + pcscf + " " + u.config().outboundProxy() + " over TLS, " + pcscf + " certificate "
                + p.sipTlsFingerprint().get();
    }

    private static String describe(AgwConfig c) {
        StringBuilder sb = new StringBuilder(c.mid());
        for (AgwConfig.RealmConfig r : c.realms()) {
            sb.append(", ").append(r.name()).append(' ').append(r.minPort()).append('-').append(r.maxPort());
        }
        return sb.toString();
    }

    private static String agreed(RegistrationInfo r) {
        String agreed = String.join(", ", r.agreed().mechanisms().stream().map(MediaSecMechanism::token).toList());
        if (!r.agreed().contains(MediaSecMechanism.MSRP_TLS)) {
            throw new StepFailed("registered as " + r.aor() + " but the agreed mechanisms are " + agreed
                    + " (no msrp-tls: e2ae cannot be applied)");
        }
        return r.aor() + " contact " + r.contact() + ", agreed " + agreed;
    }

    /** {@code 127.0.0.1:31000}. */
    static String text(java.net.InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }

    private static Path downloads(Path workDir, String ue) throws IOException {
        return Files.createDirectories(workDir.resolve(ue + "-downloads"));
    }

    /** A step that failed for a reason it states. */
    static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static String fail(String reason) {
        throw new StepFailed(reason);
    }

    private interface Step {
        String run() throws Exception;
    }

    private boolean step(String what, Step step) throws InterruptedException {
        try {
            checks.add(Check.held(what, step.run()));
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String reason = e instanceof StepFailed ? e.getMessage() : reason(e);
            LOG.warn("[lab] {}: failed: {}", what, reason);
            checks.add(Check.failed(what, reason));
            return false;
        }
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m)
                + (t instanceof java.net.BindException ? " (port in use? pick another block with --base-port)" : "");
    }

    static <T> T await(CompletableFuture<T> f, Duration timeout, String whatIfLate) throws Exception {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StepFailed("not within " + timeout.toSeconds() + " s: " + whatIfLate);
        }
    }

    private <T extends AutoCloseable> T keep(T nf, int tier) {
        started.computeIfAbsent(tier, k -> new ArrayList<>()).add(nf);
        return nf;
    }

    /** Whether every network function started and both UEs registered. */
    public boolean up() {
        return registrationB != null && checks.stream().allMatch(Check::held);
    }

    /** The start-up steps, held or not. */
    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /**
     * Stops everything that started: UEs (they de-register), then the AGWs, the P-CSCFs, the core;
     * the members of a tier in parallel (a SIP stack takes about two seconds to stop).
     */
    @Override
    public void close() {
        for (List<AutoCloseable> tier : started.descendingMap().values()) {
            List<Thread> closing = new ArrayList<>();
            for (AutoCloseable nf : tier) {
                Thread th = new Thread(() -> {
                    try {
                        nf.close();
                    } catch (Exception e) {
                        LOG.warn("[lab] closing {}: {}", nf, e.toString());
                    }
                }, "lab-close");
                th.start();
                closing.add(th);
            }
            for (Thread th : closing) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        started.clear();
    }
}
