package org.mediasec.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a network function until SIGINT/SIGTERM (or until {@link #stop} completes, for tests), then
 * closes it on the main thread. The shutdown hook is installed before the function starts, so a
 * signal during start still closes cleanly; the hook waits for the close before the JVM halts.
 */
public final class NetworkFunctionRunner<T extends AutoCloseable> {
    /** Completed to stop the function (by the shutdown hook, or by a test). */
    public final CompletableFuture<Void> stop = new CompletableFuture<>();
    /** Completed with the running function once started (for tests). */
    public final CompletableFuture<T> started = new CompletableFuture<>();

    private final String name;

    public NetworkFunctionRunner(String name) {
        this.name = name;
    }

    /** A one-line reason a person can act on: file errors say which file and what went wrong. */
    static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        if (e instanceof java.net.BindException) {
            return "cannot bind: " + e.getMessage() + " (another process on that address and port?)";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }

    /** Starts with {@code starter}, blocks until stopped, closes. Exit code 0, or 1 when the start failed. */
    public int run(Callable<T> starter, PrintWriter err) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.complete(null);
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            T nf;
            try {
                nf = starter.call();
            } catch (Exception e) {
                err.println("mediasec " + name + ": cannot start: " + describe(e));
                err.flush();
                started.completeExceptionally(e);
                return 1;
            }
            started.complete(nf);
            try {
                stop.join();
            } finally {
                nf.close();
            }
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: fine
            }
        }
        return 0;
    }
}
