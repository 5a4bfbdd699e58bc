package org.mediasec.msrp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.mediasec.testkit.ExternalTool;

/**
 * A bounded {@code tshark -i lo} capture of one TCP port into a pcapng file, the way
 * {@code org.mediasec.tls.KeyLogTsharkInteropTest} runs it (its helpers are package-private there):
 * tshark prints one summary line per packet ({@code -P -l}) and stops by itself after
 * {@code -a duration}; {@link #start} returns only once packets are really being captured (proven
 * with probe connections), {@link #stopAfterClose} once the connection's FIN or RST was captured.
 * Nothing sleeps; tshark is stopped by its PID.
 */
final class LoopbackCapture implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Thread outPump;
    private final Thread errPump;

    private LoopbackCapture(List<String> command) {
        this.command = List.copyOf(command);
        this.process = ExternalTool.start(command);
        this.outPump = pump(process.getInputStream(), out, "stdout");
        this.errPump = pump(process.getErrorStream(), err, "stderr");
    }

    /**
     * Starts capturing TCP {@code port} on loopback into {@code pcap}, for at most {@code limit}.
     * tshark prints "Capturing on 'Loopback: lo'" a little before the capture is live, so readiness
     * is proven with probe connections to a second, plain listener inside the capture filter: once
     * tshark prints a probe's SYN, everything after it is captured.
     */
    static LoopbackCapture start(int port, Path pcap, Duration limit) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket probe = new ServerSocket(0, 50, loopback)) {
            int probePort = probe.getLocalPort();
            LoopbackCapture c = new LoopbackCapture(List.of(ExternalTool.require("tshark").toString(), "-n", "-l", "-P",
                    "-i", "lo", "-f", "tcp port " + port + " or tcp port " + probePort,
                    "-a", "duration:" + limit.toSeconds(), "-w", pcap.toString()));
            try {
                c.await("Capturing on 'Loopback", limit);
                long deadline = System.nanoTime() + limit.toNanos();
                while (true) {
                    try (Socket ignored = new Socket(loopback, probePort)) {
                        try {
                            // any probe's SYN: tshark may print a probe only while the next one is on its way
                            c.await(" \\d+ \\S+ " + probePort + " \\[SYN\\]", Duration.ofMillis(300));
                            return c;
                        } catch (AssertionError notYet) {
                            if (System.nanoTime() > deadline) {
                                throw notYet;
                            }
                        }
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                c.close();
                throw e;
            }
        }
    }

    /**
     * Waits until the capture has shown the first FIN or RST on {@code port} (sent after the last
     * application data, so every record of the exchange is in the file), then stops tshark with
     * SIGINT and checks that it exited cleanly.
     */
    void stopAfterClose(int port, Duration timeout) throws InterruptedException {
        await("(\\b" + port + " \\S+ \\d+|\\b\\d+ \\S+ " + port + ") \\[(FIN|RST)", timeout);
        ExternalTool.run(Duration.ofSeconds(5), "kill", "-INT", Long.toString(process.pid())).requireSuccess();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(command + " did not exit within " + timeout + "\nstderr:\n" + stderr());
        }
        outPump.join(timeout.toMillis());
        errPump.join(timeout.toMillis());
        assertThat(process.exitValue()).as("tshark exit; stderr:\n%s", stderr()).isZero();
    }

    private Thread pump(InputStream in, StringBuilder sink, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (this) {
                        sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
            synchronized (this) {
                notifyAll();
            }
        }, "tshark-capture-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until stdout or stderr matches {@code regex}; fails on timeout or when tshark ends first. */
    private void await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!p.matcher(out).find() && !p.matcher(err).find()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !outPump.isAlive() && !errPump.isAlive())) {
                    throw new AssertionError("no /" + regex + "/ from " + command + " within " + timeout
                            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                            + "\nstdout:\n" + out + "\nstderr:\n" + err);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    private synchronized String stderr() {
        return err.toString();
    }

    /** Stops tshark (its PID only) if still running: SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
