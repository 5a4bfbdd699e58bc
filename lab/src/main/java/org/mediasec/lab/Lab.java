package org.mediasec.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.mediasec.agw.bearer.BearerTransport;
import org.mediasec.agw.bearer.LegStats;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.bearer.TcpSetup;
import org.mediasec.tls.FileKeyLog;
import org.mediasec.tls.KeyLog;
import org.mediasec.tls.TlsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mediasec lab}: starts every network function on loopback ({@link LabTopology}), with
 * {@code --pcap} a capture of every leg and a key log of every TLS endpoint, runs the scenarios
 * ({@link CallScenario}) and returns the {@link LabReport}. The network functions stay up until
 * {@link #close()} (for {@code --keep-running}).
 *
 * <pre>
 * try (Lab lab = Lab.start(LabOptions.defaults(), System.out::println)) {
 *     LabReport report = lab.run();
 *     System.out.print(ReportRenderer.render(report));
 * }
 * </pre>
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final LabOptions options;
    private LabConfigs configs;
    private final Consumer<String> progress;
    private final Path workDir;
    private final boolean ownWorkDir;
    private final CaptureFiles captureFiles;
    private final FileKeyLog keyLog;
    private DumpcapCapture capture;
    private LabTopology topology;

    private Lab(LabOptions options, Consumer<String> progress, Path workDir, boolean ownWorkDir, CaptureFiles files,
                FileKeyLog keyLog) {
        this.options = options;
        this.configs = new LabConfigs(options.ports());
        this.progress = progress;
        this.workDir = workDir;
        this.ownWorkDir = ownWorkDir;
        this.captureFiles = files;
        this.keyLog = keyLog;
    }

    /**
     * Prepares the work directory and, with {@code --pcap}, the key log, the Lua script and the
     * capture (running once this returns), then starts the network functions.
     *
     * @throws LabException when the capture cannot run (dumpcap missing or not permitted, no BoringSSL
     *                      for the key log) or the work directory cannot be made
     */
    public static Lab start(LabOptions options, Consumer<String> progress) throws LabException {
        Path dir;
        boolean own = options.workDir() == null;
        try {
            dir = own ? Files.createTempDirectory("mediasec-lab-") : Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new LabException("work directory: " + e.getMessage(), e);
        }
        CaptureFiles files = null;
        FileKeyLog keyLog = null;
        if (options.pcap() != null) {
            if (!TlsProvider.OPENSSL.isAvailable()) {
                throw new LabException("--pcap needs the BoringSSL TLS provider (netty-tcnative) for the key log; "
                        + "it is not available on this platform");
            }
            files = CaptureFiles.beside(options.pcap());
            try {
                Files.createDirectories(files.pcap().getParent());
                Files.deleteIfExists(files.keyLog());
                keyLog = FileKeyLog.open(files.keyLog());
                try (InputStream lua = Lab.class.getResourceAsStream("msrp-over-tls.lua")) {
                    Files.copy(lua, files.lua(), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new LabException("--pcap " + options.pcap() + ": " + e.getMessage(), e);
            }
        }
        Lab lab = new Lab(options, progress, dir, own, files, keyLog);
        try {
            if (files != null) {
                lab.capture = DumpcapCapture.start(files.pcap(), options.ports(), Duration.ofSeconds(20));
                progress.accept("capturing every leg into " + files.pcap());
            }
            // the Gm hops are SIP over TLS, except with --pcap: the SIP stack's TLS (JDK) writes no key log, and the
            // capture is there to show the SDP of those hops (3ge2ae, fingerprints) decoded
            if (files == null) {
                try {
                    lab.configs = lab.configs.withSipTls(LabSipTls.create(dir.resolve("sip-tls")));
                } catch (IOException e) {
                    throw new LabException("certificates for SIP over TLS in " + dir.resolve("sip-tls") + ": " + e.getMessage(), e);
                }
            }
            progress.accept("starting core, P-CSCF A/B, IMS-AGW A/B, UE-A/B on 127.0.0.1 ports " + options.ports().base()
                    + "-" + options.ports().last());
            lab.topology = LabTopology.start(lab.configs, keyLog == null ? KeyLog.NONE : keyLog, dir, options.stepTimeout());
        } catch (LabException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Runs the scenarios, stops the capture, and says what happened. */
    public LabReport run() throws InterruptedException {
        List<ScenarioReport> reports = new ArrayList<>();
        reports.add(new ScenarioReport(ReportRenderer.START_UP, "core, P-CSCF A and B, IMS-AGW A and B, UE-A and UE-B, each from "
                + "examples/lab/<nf>.yaml" + (configs.sipOverTls() ? "; SIP: UE ↔ P-CSCF over TLS (certificates made for "
                + "this run, pinned both ways), P-CSCF ↔ core over UDP" : "; SIP over UDP on every hop (with --pcap the UE ↔ "
                + "P-CSCF hops are not TLS, so that the capture shows their SDP)"),
                List.of(), List.of(), topology.checks(), Duration.ZERO));
        TsharkRecipe recipe = captureFiles == null ? null : signalling(new TsharkRecipe(captureFiles));
        for (ScenarioId id : options.scenarios()) {
            if (!topology.up()) {
                reports.add(new ScenarioReport(id.title(options.fileSize()), id.flow(), List.of(), List.of(),
                        List.of(Check.failed("the scenario ran", "not run: the lab did not start (see start-up)")),
                        Duration.ZERO));
                continue;
            }
            CallScenario scenario = new CallScenario(topology, id, options, workDir, progress);
            ScenarioReport r = scenario.run();
            progress.accept(id.token() + ": " + (r.passed() ? "every check held" : r.failedChecks() + " checks failed"));
            reports.add(r);
            if (recipe != null) {
                media(recipe, id, scenario.relays());
            }
        }
        CaptureReport c = captureFiles == null ? null : stopCapture(recipe);
        return new LabReport(options.ports(), reports, c);
    }

    private CaptureReport stopCapture(TsharkRecipe recipe) {
        try {
            DumpcapCapture.Counts counts = capture.stop();
            String failure = counts.dropped() > 0 ? counts.dropped() + " packets were dropped: the capture misses "
                    + "parts of the legs (a busy machine? try a smaller --file-size)" : null;
            return new CaptureReport(captureFiles, counts.packets(), counts.dropped(), recipe, failure);
        } catch (LabException e) {
            return new CaptureReport(captureFiles, -1, -1, recipe, e.getMessage());
        } finally {
            try {
                keyLog.close();
            } catch (IOException e) {
                LOG.warn("[lab] key log {}: {}", captureFiles.keyLog(), e.toString());
            }
        }
    }

    /** SIP of the core, the P-CSCFs and the UEs; H.248 of both P-CSCF/AGW pairs. */
    private TsharkRecipe signalling(TsharkRecipe r) {
        try {
            r.sip(configs.core().port());
            for (char side : new char[] {'a', 'b'}) {
                var p = configs.pcscf(side);
                r.sip(p.sip().port());
                r.megaco(p.h248().port(), p.h248().transport().equals("tcp"));
                var agw = configs.agw(side);
                r.megaco(agw.h248().localPort(), agw.h248().tcp());
                r.sip(configs.ue(side, workDir).sipPort());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return r;
    }

    /** The media ports of a scenario's legs, as the AGWs' statistics give them: MSRP over TLS or plain MSRP. */
    static void media(TsharkRecipe r, ScenarioId id, List<RelayStats> relays) {
        for (RelayStats stats : relays) {
            for (LegStats l : List.of(stats.access(), stats.core())) {
                int port = serverPort(l);
                if (port <= 0) {
                    continue;
                }
                if (wireTls(l, id == ScenarioId.E2E)) {
                    r.msrpOverTls(port);
                } else {
                    r.msrp(port);
                }
            }
        }
    }

    /** The listening side's port of a leg (the one a decode-as can name). */
    static int serverPort(LegStats l) {
        if (l.setup() == TcpSetup.PASSIVE) {
            return l.local() == null ? -1 : l.local().getPort();
        }
        return l.remote() == null ? -1 : l.remote().getPort();
    }

    static boolean wireTls(LegStats l, boolean e2e) {
        return l.transport().terminatesTls() || (e2e && l.transport() == BearerTransport.PASS_THROUGH);
    }

    /** Stops every network function and the capture, and removes a temporary work directory. */
    @Override
    public void close() {
        if (topology != null) {
            topology.close();
        }
        if (capture != null) {
            capture.close();
        }
        if (keyLog != null) {
            try {
                keyLog.close();
            } catch (IOException e) {
                LOG.debug("[lab] key log close: {}", e.toString());
            }
        }
        if (ownWorkDir) {
            try (Stream<Path> s = Files.walk(workDir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.debug("[lab] work directory {}: {}", workDir, e.toString());
            }
        }
    }
}
