package org.mediasec.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediasec.testkit.ExternalTool;

/**
 * A third-party process (openssl s_server, tshark capture) running during a test, whose stdout and
 * stderr are collected as they arrive so the test can wait for a line such as
 * {@code ACCEPT 127.0.0.1:40123} or {@code Capturing on 'Loopback'} instead of sleeping.
 * Close it (try-with-resources) to stop it. Shared by the interop tests of every module.
 */
public final class RunningTool implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Thread outPump;
    private final Thread errPump;

    private RunningTool(List<String> command) {
        this.command = List.copyOf(command);
        this.process = ExternalTool.start(command);
        this.outPump = pump(process.getInputStream(), out, "stdout");
        this.errPump = pump(process.getErrorStream(), err, "stderr");
    }

    public static RunningTool start(String... command) {
        return new RunningTool(List.of(command));
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
        }, command.get(0) + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until stdout or stderr matches {@code regex}; returns the match.
     *
     * @throws AssertionError on timeout or when the process ends first
     */
    public Matcher await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                Matcher m = p.matcher(out);
                if (m.find()) {
                    return m;
                }
                m = p.matcher(err);
                if (m.find()) {
                    return m;
                }
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

    /** Writes to the process's stdin. */
    public void send(String text) throws IOException {
        OutputStream os = process.getOutputStream();
        os.write(text.getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    /** Closes the process's stdin (EOF). */
    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Sends SIGINT (the way to stop a tshark capture cleanly) to this process, by its PID. */
    public void interrupt() {
        ExternalTool.run(Duration.ofSeconds(5), "kill", "-INT", Long.toString(process.pid())).requireSuccess();
    }

    /** Waits for the process to exit; returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(command + " did not exit within " + timeout + "\nstdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        outPump.join(timeout.toMillis());
        errPump.join(timeout.toMillis());
        return process.exitValue();
    }

    public synchronized String stdout() {
        return out.toString();
    }

    public synchronized String stderr() {
        return err.toString();
    }

    /** Stops the process if still running: SIGTERM, then SIGKILL after 5 s. */
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
