package org.mediasec.ue;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a {@link UeScenario} on a started {@link Ue}: each step waits at most {@code stepTimeout}; one
 * line per step on {@code out} ({@code ok <step>: <what happened>}), and at the first failure
 * {@code FAILED line N <step>: <reason>} and the run stops. Owns the UE's {@link UeListener} while it runs.
 */
public final class UeScenarioRunner {
    private final Ue ue;
    private final PrintWriter out;
    private final Duration stepTimeout;
    private final Function<Path, FileProgressListener> progress;
    private final BlockingQueue<UeCall> incoming = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<ReceivedFile> files = new LinkedBlockingQueue<>();
    private final BlockingQueue<CallEnd> ends = new LinkedBlockingQueue<>();
    private UeCall call;

    /**
     * @param progress for each file sent, what to tell of its progress (e.g. a fresh progress bar)
     */
    public UeScenarioRunner(Ue ue, PrintWriter out, Duration stepTimeout, Function<Path, FileProgressListener> progress) {
        this.ue = ue;
        this.out = out;
        this.stepTimeout = stepTimeout;
        this.progress = progress;
        ue.listener(new UeListener() {
            @Override
            public void callEstablished(UeCall c) {
                incoming.add(c);
            }
        });
    }

    /** The call the scenario is on, if any. */
    public UeCall call() {
        return call;
    }

    /** Runs every step; true when all succeeded. */
    public boolean run(UeScenario scenario) {
        for (UeScenario.Step step : scenario.steps()) {
            try {
                String what = run(step);
                out.println("ok " + step + ": " + what);
                out.flush();
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                String reason = cause instanceof TimeoutException ? "nothing within " + stepTimeout.toSeconds() + " s"
                        : cause.getMessage() != null ? cause.getMessage() : cause.toString();
                out.println("FAILED line " + step.line() + " " + step + ": " + reason);
                out.flush();
                if (cause instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        }
        return true;
    }

    private String run(UeScenario.Step step) throws Exception {
        switch (step.verb()) {
            case REGISTER -> {
                RegistrationInfo r = await(ue.register());
                return "registered " + r.aor() + " for " + r.expires() + " s; Security-Server "
                        + r.securityServer().map(h -> h.value()).orElse("(none)") + "; e2ae possible for " + r.agreedText();
            }
            case CALL -> {
                SecurityMode mode = step.args().size() > 1 ? SecurityMode.parse(step.args().get(1)) : ue.config().securityMode();
                use(await(ue.call(step.args().get(0), mode)));
                return describe(call);
            }
            case WAIT_CALL -> {
                UeCall c = poll(incoming);
                use(c);
                return "from " + c.remoteAor() + ", " + describe(c);
            }
            case SAY -> {
                String id = await(current().sendText(step.rest()));
                return "delivered (" + id + ")";
            }
            case WAIT_TEXT -> {
                current();
                String t = poll(texts);
                if (!step.rest().isEmpty() && !step.rest().equals(t)) {
                    throw new IllegalStateException("received \"" + t + "\", expected \"" + step.rest() + "\"");
                }
                return "\"" + t + "\"";
            }
            case SEND_FILE -> {
                Path file = Path.of(step.rest());
                SentFile f = await(current().sendFile(file, progress.apply(file)));
                return f.size() + " octets, sha-256 " + f.sha256();
            }
            case WAIT_FILE -> {
                current();
                ReceivedFile f = poll(files);
                return "saved " + f.path() + ", " + f.size() + " octets, sha-256 " + f.sha256();
            }
            case HANGUP -> {
                CallEnd e = await(current().hangup());
                call = null;
                return e.reason();
            }
            case WAIT_HANGUP -> {
                current();
                CallEnd e = poll(ends);
                call = null;
                return e.reason();
            }
            default -> throw new IllegalStateException(step.verb().word());
        }
    }

    private void use(UeCall c) {
        call = c;
        c.addListener(new UeCallListener() {
            @Override
            public void textReceived(UeCall x, String text) {
                texts.add(text);
            }

            @Override
            public void fileReceived(UeCall x, ReceivedFile file) {
                files.add(file);
            }

            @Override
            public void ended(UeCall x, CallEnd end) {
                ends.add(end);
            }
        });
    }

    private UeCall current() {
        if (call == null) {
            throw new IllegalStateException("no call (use call or wait-call first)");
        }
        return call;
    }

    static String describe(UeCall c) {
        return c.mode() + ", " + c.tlsInfo().map(TlsInfo::summary).orElse("no TLS facts");
    }

    private <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T poll(BlockingQueue<T> q) throws InterruptedException, TimeoutException {
        T t = q.poll(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (t == null) {
            throw new TimeoutException();
        }
        return t;
    }
}
