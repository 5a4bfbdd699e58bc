package org.mediasec.lab;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code dumpcap -i lo} capture of the lab's port block into a pcapng file.
 *
 * <p>{@link #start} returns once packets are really captured: dumpcap says "File: ..." a little before
 * the capture is live, so readiness is proven with probe connections to a listener of ours inside the
 * filter ({@link LabPorts#captureProbe()}) until the file grows past its header. {@link #stop} probes
 * once more (every packet sent before the probe has then been read), then ends dumpcap with SIGTERM,
 * which makes it close the file cleanly, and reads the packet count it prints.
 */
public final class DumpcapCapture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DumpcapCapture.class);
    private static final Pattern PACKETS = Pattern.compile("Packets(?: captured)?: (\\d+)");
    private static final Pattern DROPPED = Pattern.compile("received/dropped on interface '[^']*': (\\d+)/(\\d+)");
    /** The kernel capture buffer: a 10 MB transfer on loopback overflows dumpcap's default 2 MiB. */
    static final int BUFFER_MIB = 64;

    private final Process process;
    private final Path pcap;
    private final LabPorts ports;
    private final StringBuffer stderr;
    private final CompletableFuture<Void> fileLine;
    private final CompletableFuture<Void> stderrClosed;
    private final Duration timeout;

    private DumpcapCapture(Process process, Path pcap, LabPorts ports, StringBuffer stderr,
                           CompletableFuture<Void> fileLine, CompletableFuture<Void> stderrClosed, Duration timeout) {
        this.process = process;
        this.pcap = pcap;
        this.ports = ports;
        this.stderr = stderr;
        this.fileLine = fileLine;
        this.stderrClosed = stderrClosed;
        this.timeout = timeout;
    }

    /** dumpcap on the PATH, if any. */
    public static Optional<Path> findDumpcap() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "dumpcap");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts capturing the lab's block on loopback into {@code pcap} and waits until packets are captured.
     *
     * @throws LabException when dumpcap is missing, may not capture, or does not become ready in {@code timeout}
     */
    public static DumpcapCapture start(Path pcap, LabPorts ports, Duration timeout) throws LabException {
        return start(findDumpcap(), pcap, ports, timeout);
    }

    /** {@link #start(Path, LabPorts, Duration)} with this dumpcap (empty: not installed). */
    static DumpcapCapture start(Optional<Path> dumpcapPath, Path pcap, LabPorts ports, Duration timeout) throws LabException {
        Path dumpcap = dumpcapPath.orElseThrow(() -> new LabException(
                "--pcap needs dumpcap, which is not on the PATH (Debian: apt-get install tshark)"));
        try {
            Files.deleteIfExists(pcap);
            if (pcap.toAbsolutePath().getParent() != null) {
                Files.createDirectories(pcap.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new LabException("--pcap " + pcap + ": " + e.getMessage(), e);
        }
        List<String> cmd = List.of(dumpcap.toString(), "-i", "lo", "-B", String.valueOf(BUFFER_MIB), "-f", ports.captureFilter(), "-w", pcap.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new LabException("cannot run " + dumpcap + ": " + e.getMessage(), e);
        }
        StringBuffer err = new StringBuffer();
        CompletableFuture<Void> fileLine = new CompletableFuture<>();
        CompletableFuture<Void> stderrClosed = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    err.append(line).append('\n');
                    if (line.startsWith("File:")) {
                        fileLine.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process is gone: its exit code tells
            }
            fileLine.complete(null);
            stderrClosed.complete(null);
        }, "lab-dumpcap-stderr");
        reader.setDaemon(true);
        reader.start();
        DumpcapCapture c = new DumpcapCapture(p, pcap, ports, err, fileLine, stderrClosed, timeout);
        try {
            c.awaitReady();
        } catch (LabException e) {
            c.kill();
            throw e;
        }
        LOG.info("[lab] capturing {} on lo into {}", ports.captureFilter(), pcap);
        return c;
    }

    private void awaitReady() throws LabException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            fileLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LabException("dumpcap did not start capturing within " + timeout.toSeconds() + " s: " + stderrText());
        } catch (Exception e) {
            throw new LabException("dumpcap: " + e.getMessage(), e);
        }
        if (!process.isAlive() || !Files.exists(pcap)) {
            waitExit();
            throw new LabException(refusal());
        }
        long header = size();
        probeUntilGrown(header, deadline, "start");
    }

    /** Probe connections inside the filter until the file is longer than {@code before}. */
    private void probeUntilGrown(long before, long deadline, String when) throws LabException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(lo, ports.captureProbe()));
            while (size() <= before) {
                if (!process.isAlive()) {
                    throw new LabException(refusal());
                }
                if (System.nanoTime() > deadline) {
                    throw new LabException("dumpcap wrote no probe packet within " + timeout.toSeconds()
                            + " s at the " + when + " of the capture (" + pcap + ")");
                }
                try (Socket s = new Socket(lo, ports.captureProbe()); Socket accepted = probe.accept()) {
                    accepted.getPort();
                }
                // dumpcap writes what it read at its update interval (100 ms): give it that long per probe
                waitForGrowth(Duration.ofMillis(250));
            }
        } catch (IOException e) {
            throw new LabException("capture probe on port " + ports.captureProbe() + ": " + e.getMessage(), e);
        }
    }

    private void waitForGrowth(Duration max) {
        try {
            process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);   // returns early only if dumpcap exits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long size() {
        try {
            return Files.exists(pcap) ? Files.size(pcap) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String refusal() {
        String text = stderrText();
        if (text.contains("ermission") || text.contains("not permitted")) {
            return "dumpcap may not capture on lo: " + text
                    + " (run as root, or give dumpcap the capture capabilities: dpkg-reconfigure wireshark-common)";
        }
        return "dumpcap stopped (exit " + (process.isAlive() ? "?" : process.exitValue()) + "): " + text;
    }

    private String stderrText() {
        List<String> lines = new ArrayList<>();
        for (String l : stderr.toString().split("\n")) {
            if (!l.isBlank() && !l.startsWith("Running as user")) {
                lines.add(l.strip());
            }
        }
        return lines.isEmpty() ? "(nothing on stderr)" : String.join("; ", lines);
    }

    private void waitExit() {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Probes once more so that every packet sent before has been written, then stops dumpcap (SIGTERM)
     * and waits for it to close the file.
     *
     * @return what dumpcap says it captured and dropped
     */
    public Counts stop() throws LabException {
        long deadline = System.nanoTime() + timeout.toNanos();
        probeUntilGrown(size(), deadline, "end");
        // SIGTERM through the handle: Process.destroy() would also close our end of dumpcap's stderr, losing its counts
        process.toHandle().destroy();                         // dumpcap closes the file and prints its counts
        waitExit();
        if (process.isAlive()) {
            kill();
            throw new LabException("dumpcap did not stop within " + timeout.toSeconds() + " s; " + pcap + " may be cut short");
        }
        try {
            stderrClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("[lab] dumpcap's stderr not closed: {}", e.toString());   // only the packet count is lost
        }
        Matcher m = PACKETS.matcher(stderr);
        long packets = -1;
        while (m.find()) {
            packets = Long.parseLong(m.group(1));
        }
        LOG.debug("[lab] dumpcap said: {}", stderr);
        Matcher d = DROPPED.matcher(stderr);
        long dropped = d.find() ? Long.parseLong(d.group(2)) : -1;
        LOG.info("[lab] capture stopped: {} packets ({} dropped) in {}", packets, dropped, pcap);
        return new Counts(packets, dropped);
    }

    /**
     * What dumpcap reported at the end.
     *
     * @param packets packets written, -1 when it did not say
     * @param dropped packets the kernel or dumpcap dropped, -1 when it did not say
     */
    public record Counts(long packets, long dropped) {
    }

    private void kill() {
        process.destroyForcibly();
    }

    /** Ends dumpcap if it still runs (its PID only). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitExit();
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
