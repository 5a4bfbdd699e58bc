package org.mediasec.h248.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.mediasec.testkit.ExternalTool;

/**
 * The Erlang/OTP megaco peer ({@code h248/peer/h248_peer.escript}) as a child process: its stdout
 * is read line by line on a daemon thread, so a test waits for {@code READY} and {@code EVENT}
 * lines instead of sleeping; {@link #send} writes a line to its stdin. Every wait is bounded;
 * {@link #close()} kills the process tree. Public for the AGW's interop test.
 */
public final class ErlangPeer implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<String> stderr;

    private ErlangPeer(Process process) {
        this.process = process;
        this.stderr = ExternalTool.drain(process.getErrorStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "erlang-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ErlangPeer start(Path escript, String... args) {
        List<String> command = new ArrayList<>();
        command.add(escript.toString());
        command.add(script().toString());
        command.addAll(List.of(args));
        return new ErlangPeer(ExternalTool.start(command));
    }

    public static Path script() {
        try {
            return Path.of(ErlangPeer.class.getResource("/h248/peer/h248_peer.escript").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the next line that starts with {@code prefix} (earlier lines are kept for the report). */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with \"" + prefix + "\" within " + timeout + "\n" + report());
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("EVENT failed") || line.startsWith("EVENT timeout")) {
                throw new AssertionError("peer gave up while we waited for \"" + prefix + "\"\n" + report());
            }
        }
    }

    /** Writes {@code line} and a newline to the peer's stdin. */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the exit code. */
    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("peer still running after " + timeout + "\n" + report());
        }
        return process.exitValue();
    }

    public String report() {
        List<String> all = new ArrayList<>(seen);
        lines.drainTo(all);
        seen.clear();
        seen.addAll(all);
        String err = stderr.isDone() ? stderr.join() : "(still running)";
        return "stdout:\n  " + String.join("\n  ", all) + "\nstderr:\n" + err;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return d.getLocalPort();
            } catch (IOException taken) {
                // the UDP port is in use: try another
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
