package org.mediasec.interop.pcscf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.mediasec.testkit.ExternalTool;

/**
 * SIPp (sip-tester 3.6.1) runs for the P-CSCF interop test: one scenario from the test resources
 * {@code /pcscf/} on loopback, {@code -m 1}, bounded by SIPp's own {@code -timeout} (exit non-zero on
 * timeout) and by a process timeout, with the message trace and the error file in the test's directory
 * ({@code <name>.msg}, {@code <name>.err}).
 */
final class Sipp {
    static final String HOST = "127.0.0.1";
    private static final String SIPP_TIMEOUT = "15s";
    static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final Path exe;
    private final Path work;
    private final String transport;

    /** @param tcp SIPp's {@code -t t1} (one TCP connection) instead of {@code -t u1} */
    Sipp(Path exe, Path work, boolean tcp) {
        this.exe = exe;
        this.work = work;
        this.transport = tcp ? "t1" : "u1";
    }

    /** The command of one SIPp run; {@code target} null for a UAS; {@code keys} as name, value pairs ({@code -key}). */
    List<String> command(String scenario, String target, int port, String name, String... keys) {
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        if (target != null) {
            cmd.add(target);
        }
        cmd.addAll(List.of("-sf", scenario(scenario).toString(), "-i", HOST, "-p", Integer.toString(port),
                "-t", transport, "-m", "1", "-timeout", SIPP_TIMEOUT, "-timeout_error", "-nostdin",
                "-trace_msg", "-message_file", msgFile(name).toString(),
                "-trace_err", "-error_file", work.resolve(name + ".err").toString(),
                "-trace_logs", "-log_file", work.resolve(name + ".log").toString()));
        for (int i = 0; i + 1 < keys.length; i += 2) {
            cmd.addAll(List.of("-key", keys[i], keys[i + 1]));
        }
        return cmd;
    }

    /** Runs a UAC to completion; the result's exit code is 0 only if the call succeeded with every check held. */
    ExternalTool.Result run(String scenario, String target, int port, String name, String... keys) {
        return ExternalTool.run(PROCESS_TIMEOUT, null, command(scenario, target, port, name, keys));
    }

    /** Starts a UAS and returns once it listens on {@code port}. */
    Process startUas(String scenario, int port, String name, String... keys) {
        Process uas = ExternalTool.start(command(scenario, null, port, name, keys));
        ExternalTool.drain(uas.getInputStream());
        ExternalTool.drain(uas.getErrorStream());
        awaitListening(port, uas);
        return uas;
    }

    /** Waits (bounded) for a UAS to end and returns its exit code. */
    static int awaitExit(Process uas) throws InterruptedException {
        if (!uas.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            uas.destroyForcibly();
            throw new AssertionError("SIPp UAS still running after " + PROCESS_TIMEOUT);
        }
        return uas.exitValue();
    }

    Path msgFile(String name) {
        return work.resolve(name + ".msg");
    }

    SippTrace trace(String name) throws IOException {
        return SippTrace.read(msgFile(name));
    }

    /** The message trace, error file and log of a run, for assertion messages. */
    String log(String name) {
        StringBuilder sb = new StringBuilder();
        for (String ext : List.of(".err", ".log", ".msg")) {
            Path p = work.resolve(name + ext);
            if (Files.exists(p)) {
                try {
                    sb.append("---- ").append(p.getFileName()).append('\n').append(Files.readString(p)).append('\n');
                } catch (IOException e) {
                    sb.append(p).append(": ").append(e).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * Waits until SIPp has bound its port, so nothing is sent to a port nobody listens on yet: over UDP the
     * port can no longer be bound; over TCP a connection is accepted.
     */
    private void awaitListening(int port, Process sipp) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sipp.isAlive()) {
                throw new AssertionError("SIPp UAS exited early with " + sipp.exitValue());
            }
            if (transport.equals("u1")) {
                try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(HOST, port))) {
                    // still free
                } catch (IOException bound) {
                    return;
                }
            } else {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(HOST, port), 200);
                    return;
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new AssertionError("SIPp UAS not listening on " + port + " within " + READY_TIMEOUT);
    }

    private Path scenario(String name) {
        Path target = work.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = Sipp.class.getResourceAsStream("/pcscf/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test resource /pcscf/" + name);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }
}
