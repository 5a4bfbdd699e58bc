package org.mediasec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import org.mediasec.testkit.ExternalTool;

/**
 * A bounded {@code tshark -i lo} capture of one TCP port into a pcapng file: tshark prints one
 * summary line per packet ({@code -P -l}) and stops by itself after {@code -a duration};
 * {@link #start} returns only once packets are really being captured (proven with probe
 * connections), {@link #stopAfterClose} once the connection's FIN or RST was captured.
 * Nothing sleeps; tshark is stopped by its PID.
 */
public final class LoopbackCapture implements AutoCloseable {
    private final RunningTool tshark;

    private LoopbackCapture(RunningTool tshark) {
        this.tshark = tshark;
    }

    /**
     * Starts capturing TCP {@code port} on loopback into {@code pcap}, for at most {@code limit}.
     * tshark prints "Capturing on 'Loopback: lo'" a little before the capture is live, so readiness
     * is proven with probe connections to a second, plain listener inside the capture filter: once
     * tshark prints a probe's SYN, everything after it is captured.
     */
    public static LoopbackCapture start(int port, Path pcap, Duration limit) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket probe = new ServerSocket(0, 50, loopback)) {
            int probePort = probe.getLocalPort();
            RunningTool t = RunningTool.start(ExternalTool.require("tshark").toString(), "-n", "-l", "-P",
                    "-i", "lo", "-f", "tcp port " + port + " or tcp port " + probePort,
                    "-a", "duration:" + limit.toSeconds(), "-w", pcap.toString());
            try {
                t.await("Capturing on 'Loopback", limit);
                long deadline = System.nanoTime() + limit.toNanos();
                while (true) {
                    try (Socket ignored = new Socket(loopback, probePort)) {
                        try {
                            // any probe's SYN: tshark may print a probe only while the next one is on its way
                            t.await(" \\d+ \\S+ " + probePort + " \\[SYN\\]", Duration.ofMillis(300));
                            return new LoopbackCapture(t);
                        } catch (AssertionError notYet) {
                            if (System.nanoTime() > deadline) {
                                throw notYet;
                            }
                        }
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                t.close();
                throw e;
            }
        }
    }

    /**
     * Waits until the capture has shown the first FIN or RST on {@code port} (sent after the last
     * application data, so every record of the exchange is in the file), then stops tshark with
     * SIGINT and checks that it exited cleanly.
     */
    public void stopAfterClose(int port, Duration timeout) throws InterruptedException {
        tshark.await("(\\b" + port + " \\S+ \\d+|\\b\\d+ \\S+ " + port + ") \\[(FIN|RST)", timeout);
        tshark.interrupt();
        assertThat(tshark.waitFor(timeout)).as("tshark exit; stderr:\n%s", tshark.stderr()).isZero();
    }

    /** Stops tshark (its PID only) if still running: SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() throws InterruptedException {
        tshark.close();
    }
}
