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
                err.println("mediasec " + name + ": cannot start: " + e.getMessage());
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
