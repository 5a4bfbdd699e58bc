package org.mediasec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shape every {@code mediasec <nf>} command shares: {@code --config FILE} (YAML, every key optional),
 * {@code --print-default-config}, INFO logging for the function's own loggers, and a run until SIGINT/SIGTERM
 * through {@link NetworkFunctionRunner}. A subclass says how its configuration loads and how the function starts.
 *
 * @param <C> the configuration
 * @param <T> the running function
 */
public abstract class NetworkFunctionCommand<C, T extends AutoCloseable> implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration; every key optional (see --print-default-config).")
    protected Path config;

    @Option(names = "--print-default-config",
            description = "Print the configuration file with every key, its default and what it means, then exit.")
    protected boolean printDefaults;

    /** Runs the function until SIGINT/SIGTERM; its {@code stop} and {@code started} futures are for tests. */
    public final NetworkFunctionRunner<T> runner;

    private final String name;
    private final List<String> infoLoggers;

    /**
     * @param name        the subcommand's name, used in messages ({@code mediasec <name>: ...})
     * @param infoLoggers the loggers that say at INFO what the function serves and does
     */
    protected NetworkFunctionCommand(String name, String... infoLoggers) {
        this.name = name;
        this.infoLoggers = List.of(infoLoggers);
        this.runner = new NetworkFunctionRunner<>(name);
    }

    /** The commented configuration file with every key and its default. */
    protected abstract String defaultYaml();

    /** The configuration when no file is given. */
    protected abstract C defaults();

    /** Reads and validates a configuration file. */
    protected abstract C load(Path file) throws Exception;

    /** Starts the function; may print one line on {@code out} saying what it serves. */
    protected abstract T start(C config, PrintWriter out) throws Exception;

    /**
     * The CLI logs WARN and up by default (tools stay quiet); a network function also says at INFO what it
     * serves and what happens to it. {@code MEDIASEC_LOG_LEVEL} still decides when set.
     */
    private void serverLogging() {
        if (System.getenv("MEDIASEC_LOG_LEVEL") != null
                || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
            return;
        }
        for (String logger : infoLoggers) {
            ch.qos.logback.classic.Logger l = ctx.getLogger(logger);
            if (l.getLevel() == null) {
                l.setLevel(ch.qos.logback.classic.Level.INFO);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printDefaults) {
            out.print(defaultYaml());
            out.flush();
            return 0;
        }
        serverLogging();
        C c;
        try {
            c = config == null ? defaults() : load(config);
        } catch (Exception e) {
            err.println("mediasec " + name + ": " + (config == null ? "defaults" : config) + ": "
                    + NetworkFunctionRunner.describe(e));
            err.flush();
            return 2;
        }
        return runner.run(() -> {
            T nf = start(c, out);
            out.flush();
            return nf;
        }, err);
    }
}
