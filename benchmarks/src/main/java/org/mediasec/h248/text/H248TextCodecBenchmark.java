package org.mediasec.h248.text;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.mediasec.h248.H248Message;

/**
 * {@link H248TextCodec} decode and encode time per message over 27 of the 28 messages of
 * RFC 3525 Appendix A ({@link H248BenchCorpus} says why, and how the input is made), in pretty and
 * compact style. One invocation goes once through the whole set, so the score is the average ns
 * per message; with {@code -prof gc}, {@code gc.alloc.rate.norm} is the average B allocated per
 * message.
 *
 * <p>{@code decode}: octets to model ({@code decode(byte[])}, as they come off the wire).
 * {@code encode}: model to octets ({@code encode(message, style)}). The Erlang megaco baseline on
 * the same octets is {@code benchmarks/erlang/megaco_codec_bench.escript};
 * {@code benchmarks/h248-vs-megaco.sh} runs both.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
@OperationsPerInvocation(H248TextCodecBenchmark.MESSAGES)
public class H248TextCodecBenchmark {
    /** The size of the message set. */
    static final int MESSAGES = 27;

    @Param({"PRETTY", "COMPACT"})
    public Style style;

    private byte[][] wire;
    private H248Message[] messages;

    @Setup
    public void setUp() {
        List<H248BenchCorpus.Entry> corpus = H248BenchCorpus.load();
        if (corpus.size() != MESSAGES) {
            throw new IllegalStateException("expected " + MESSAGES + " messages, found " + corpus.size());
        }
        wire = new byte[MESSAGES][];
        messages = new H248Message[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            wire[i] = corpus.get(i).wire(style);
            messages[i] = H248TextCodec.decode(wire[i]).orThrow();
        }
    }

    /**
     * CPU time of the benchmark thread (secondary scores, JMH sums them over the iterations):
     * {@code cpuNs} / {@code msgs} is the CPU ns per message. On a shared, loaded machine the thread
     * is descheduled part of the time, which inflates the wall-clock score but not this ratio. (GC
     * and JIT threads are not counted.)
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private long start;
        public long msgs;
        public long cpuNs;

        @Setup(Level.Iteration)
        public void begin() {
            msgs = 0;
            cpuNs = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void end() {
            cpuNs = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    @Benchmark
    public void decode(Blackhole bh, Cpu cpu) {
        for (byte[] w : wire) {
            bh.consume(H248TextCodec.decode(w));
        }
        cpu.msgs += MESSAGES;
    }

    @Benchmark
    public void encode(Blackhole bh, Cpu cpu) {
        for (H248Message m : messages) {
            bh.consume(H248TextCodec.encode(m, style));
        }
        cpu.msgs += MESSAGES;
    }
}
