package org.mediasec.ue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared helpers of the UE tests: configs on loopback, bounded waits, a recording call listener. */
final class UeTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("mediasec.ue.timeoutSeconds", 20));

    private UeTestSupport() {
    }

    /** A UE config on loopback with free ports, {@code proxyPort} as outbound proxy, downloads under {@code dir}. */
    static UeConfig config(String user, int proxyPort, Path dir) {
        return UeConfig.defaults(user).withOutboundProxy("127.0.0.1:" + proxyPort)
                .withDownloadDirectory(dir.resolve(user + "-downloads").toString()).withCallTimeout(15);
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code condition} holds, checking on every event-free 20 ms, failing after {@link #TIMEOUT}. */
    static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    /** Records a call's events in queues. */
    static final class Recorder implements UeCallListener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final BlockingQueue<ReceivedFile> files = new LinkedBlockingQueue<>();
        final CompletableFuture<CallEnd> ended = new CompletableFuture<>();

        @Override
        public void textReceived(UeCall call, String text) {
            texts.add(text);
        }

        @Override
        public void fileReceived(UeCall call, ReceivedFile file) {
            files.add(file);
        }

        @Override
        public void ended(UeCall call, CallEnd end) {
            ended.complete(end);
        }

        String nextText() throws InterruptedException {
            String t = texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no text within " + TIMEOUT);
            }
            return t;
        }

        ReceivedFile nextFile() throws InterruptedException {
            ReceivedFile f = files.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no file within " + TIMEOUT);
            }
            return f;
        }
    }

    /** Completes with the calls a UE reports established or failed. */
    static final class Incoming implements UeListener {
        final BlockingQueue<UeCall> established = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failed = new LinkedBlockingQueue<>();

        @Override
        public void callEstablished(UeCall call) {
            established.add(call);
        }

        @Override
        public void callFailed(String from, String reason) {
            failed.add(from + ": " + reason);
        }

        UeCall next() throws InterruptedException {
            UeCall c = established.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (c == null) {
                throw new AssertionError("no incoming call established within " + TIMEOUT + "; failures: " + failed);
            }
            return c;
        }
    }
}
