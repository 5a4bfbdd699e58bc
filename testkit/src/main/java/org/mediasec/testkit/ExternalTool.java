package org.mediasec.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a third-party tool (tshark, openssl, erl, sipp ...) for an interop test, bounded in time.
 *
 * <p>{@link #require(String)} skips the test when the tool is absent, unless the environment says
 * {@code CI=true}: in CI every tool is installed by {@code .ci/run}, so a missing tool is a failure,
 * never a silent skip.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The tool's path on PATH; assumption failure (skip) locally, assertion failure in CI. */
    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(name + " is not installed, but CI=true: .ci/run must install it");
            }
            Assumptions.abort(name + " is not installed; skipping interop test");
        }
        return found.get();
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Result of a finished run. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** Runs the command to completion (killed after {@code timeout}), feeding {@code stdin} if non-null. */
    public static Result run(Duration timeout, byte[] stdin, List<String> command) {
        Process p = start(command);
        try {
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (var os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin);
                }
            } catch (IOException ignored) {
                // the tool may exit before reading its input
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new AssertionError("timed out after " + timeout + ": " + command
                        + "\nstdout:\n" + out.join() + "\nstderr:\n" + err.join());
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static Result run(Duration timeout, String... command) {
        return run(timeout, null, List.of(command));
    }

    /** Starts a long-running peer (a server); the caller must {@link Process#destroy()} it. */
    public static Process start(List<String> command) {
        try {
            return new ProcessBuilder(new ArrayList<>(command)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<read failed: " + e + ">";
            }
        });
    }
}
