package org.mediasec.cli.ue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.mediasec.cli.NetworkFunctionRunner;
import org.mediasec.ue.CallEnd;
import org.mediasec.ue.ReceivedFile;
import org.mediasec.ue.RegistrationInfo;
import org.mediasec.ue.SecurityMode;
import org.mediasec.ue.SentFile;
import org.mediasec.ue.TlsInfo;
import org.mediasec.ue.Ue;
import org.mediasec.ue.UeCall;
import org.mediasec.ue.UeCallListener;
import org.mediasec.ue.UeConfig;
import org.mediasec.ue.UeConfigYaml;
import org.mediasec.ue.UeListener;
import org.mediasec.ue.UeScenario;
import org.mediasec.ue.UeScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mediasec ue}: an IMS user agent. Three ways to run it:
 * <ul>
 * <li>{@code --scenario FILE}: run a scenario ({@link UeScenario}) and exit 0 when every step held, else 1;</li>
 * <li>{@code --call USER [--mode e2ae|e2e]}: register, call; then send every {@code --send-text} and
 *     {@code --send-file} (progress bar on stderr) and hang up, or, with none given, send each line typed
 *     on stdin as a chat message until end of input;</li>
 * <li>neither: register and wait for calls until SIGINT/SIGTERM; once a call is up, lines typed on stdin
 *     are sent on it.</li>
 * </ul>
 * Received messages and files are printed on stdout.
 */
@Command(name = "ue", mixinStandardHelpOptions = true,
        description = "Run an IMS UE: REGISTER with Security-Client msrp-tls;mediasec, bfcp-tls;mediasec, "
                + "udptl-dtls;mediasec, then call or answer with MSRP over TLS secured e2ae (TLS to the IMS-AGW) or e2e "
                + "(TLS to the other UE, certificates checked against the SDP fingerprints); chat and send files.")
public final class UeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; every key optional (see --print-default-config).")
    Path config;

    @Option(names = "--print-default-config", description = "Print the configuration file with every key and its default, then exit.")
    boolean printDefaults;

    @Option(names = "--call", paramLabel = "USER", description = "Call USER (a user of the domain, or a sip: URI).")
    String call;

    @Option(names = "--mode", paramLabel = "MODE", description = "e2ae or e2e (default: securityMode of the configuration).")
    String mode;

    @Option(names = "--send-text", paramLabel = "TEXT", description = "With --call: send TEXT (repeatable), then hang up.")
    List<String> texts = new ArrayList<>();

    @Option(names = "--send-file", paramLabel = "PATH", description = "With --call: send the file (repeatable), then hang up.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "FILE", description = "Run a scenario file (see examples/*.scenario) and exit.")
    Path scenario;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Longest wait of one scenario step or send (default: ${DEFAULT-VALUE}).")
    int stepTimeout;

    /** The UE's console input (tests replace it). */
    InputStream in = System.in;

    final NetworkFunctionRunner<Ue> runner = new NetworkFunctionRunner<>("ue");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printDefaults) {
            out.print(UeConfigYaml.defaultYaml());
            out.flush();
            return 0;
        }
        UeConfig c;
        SecurityMode m;
        try {
            c = config == null ? UeConfig.defaults(UeConfigYaml.DEFAULT_USER) : UeConfigYaml.load(config);
            m = mode == null ? c.securityMode() : SecurityMode.parse(mode);
        } catch (Exception e) {
            err.println("mediasec ue: " + (config == null ? "" : config + ": ") + e.getMessage());
            err.flush();
            return 2;
        }
        UeScenario script = null;
        if (scenario != null) {
            try {
                script = UeScenario.parse(Files.readString(scenario, StandardCharsets.UTF_8));
            } catch (Exception e) {
                err.println("mediasec ue: " + scenario + ": " + reason(e));
                err.flush();
                return 2;
            }
        }
        if ((!texts.isEmpty() || !files.isEmpty()) && call == null) {
            err.println("mediasec ue: --send-text and --send-file need --call");
            err.flush();
            return 2;
        }
        Duration step = Duration.ofSeconds(stepTimeout);
        if (script != null) {
            try (Ue ue = Ue.start(c)) {
                boolean ok = new UeScenarioRunner(ue, out, step, f -> new ProgressBar(err, f.getFileName().toString())).run(script);
                return ok ? 0 : 1;
            }
        }
        if (call != null) {
            return callAndTalk(c, m, step, out, err);
        }
        return runner.run(() -> {
            Ue ue = Ue.start(c);
            try {
                RegistrationInfo r = ue.register().toCompletableFuture().get(c.callTimeout(), TimeUnit.SECONDS);
                out.println("mediasec ue: " + describe(r) + "; waiting for calls (Ctrl-C to stop)");
                out.flush();
            } catch (Exception e) {
                ue.close();
                throw new IllegalStateException(reason(e), e);
            }
            AtomicReference<UeCall> current = new AtomicReference<>();
            ue.listener(new UeListener() {
                @Override
                public void callEstablished(UeCall call) {
                    current.set(call);
                    call.addListener(new Printer(out));
                    out.println("call from " + call.remoteAor() + ": " + call.mode() + ", "
                            + call.tlsInfo().map(TlsInfo::summary).orElse("?"));
                    out.flush();
                }

                @Override
                public void callFailed(String from, String reason) {
                    out.println("call from " + from + " failed: " + reason);
                    out.flush();
                }
            });
            startConsole(current, err);
            return ue;
        }, err);
    }

    private int callAndTalk(UeConfig c, SecurityMode m, Duration step, PrintWriter out, PrintWriter err) {
        try (Ue ue = Ue.start(c)) {
            RegistrationInfo r = ue.register().toCompletableFuture().get(step.toSeconds(), TimeUnit.SECONDS);
            out.println("mediasec ue: " + describe(r));
            UeCall call = ue.call(this.call, m).toCompletableFuture().get(step.toSeconds(), TimeUnit.SECONDS);
            call.addListener(new Printer(out));
            out.println("call to " + call.remoteAor() + ": " + call.mode() + ", " + call.tlsInfo().map(TlsInfo::summary).orElse("?"));
            out.flush();
            if (texts.isEmpty() && files.isEmpty()) {
                BufferedReader console = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while (call.active() && (line = console.readLine()) != null) {
                    if (!line.isBlank()) {
                        call.sendText(line).toCompletableFuture().get(step.toSeconds(), TimeUnit.SECONDS);
                    }
                }
            }
            for (String t : texts) {
                call.sendText(t).toCompletableFuture().get(step.toSeconds(), TimeUnit.SECONDS);
                out.println("sent \"" + t + "\"");
            }
            for (Path f : files) {
                SentFile sent = call.sendFile(f, new ProgressBar(err, f.getFileName().toString()))
                        .toCompletableFuture().get(step.toSeconds(), TimeUnit.SECONDS);
                out.println("sent " + f + " (" + sent.size() + " octets, sha-256 " + sent.sha256() + ")");
            }
            if (call.active()) {
                CallEnd end = call.hangup().toCompletableFuture().get(step.toSeconds(), TimeUnit.SECONDS);
                out.println("call ended: " + end.reason());
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            err.println("mediasec ue: " + reason(e));
            err.flush();
            return 1;
        }
    }

    /** Sends stdin lines on the current call, on a daemon thread (the main thread waits for the signal). */
    private void startConsole(AtomicReference<UeCall> current, PrintWriter err) {
        Thread t = new Thread(() -> {
            BufferedReader console = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = console.readLine()) != null) {
                    UeCall call = current.get();
                    if (line.isBlank()) {
                        continue;
                    }
                    if (call == null || !call.active()) {
                        err.println("(no call: not sent)");
                        err.flush();
                        continue;
                    }
                    call.sendText(line).whenComplete((id, e) -> {
                        if (e != null) {
                            err.println("not delivered: " + reason(e));
                            err.flush();
                        }
                    });
                }
            } catch (java.io.IOException e) {
                err.println("console: " + e.getMessage());
                err.flush();
            }
        }, "ue-console");
        t.setDaemon(true);
        t.start();
    }

    static String describe(RegistrationInfo r) {
        return "registered " + r.aor() + " for " + r.expires() + " s (Security-Server "
                + r.securityServer().map(h -> h.value()).orElse("none") + ", e2ae possible for " + r.agreedText() + ")";
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "no answer in time";
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** Prints what arrives on a call. */
    static final class Printer implements UeCallListener {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void textReceived(UeCall call, String text) {
            synchronized (out) {
                out.println("[" + call.remoteAor() + "] " + text);
                out.flush();
            }
        }

        @Override
        public void fileReceived(UeCall call, ReceivedFile file) {
            synchronized (out) {
                out.println("[" + call.remoteAor() + "] file " + file.path() + " (" + file.size() + " octets, sha-256 "
                        + file.sha256() + ")");
                out.flush();
            }
        }

        /** A call this command hung up itself is reported where it hangs up ("call ended: ..."), not twice. */
        @Override
        public void ended(UeCall call, CallEnd end) {
            if (end.cause() == CallEnd.Cause.HUNG_UP) {
                return;
            }
            synchronized (out) {
                out.println("call with " + call.remoteAor() + " ended: " + end.reason());
                out.flush();
            }
        }
    }
}
