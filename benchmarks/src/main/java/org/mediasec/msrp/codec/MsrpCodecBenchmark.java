package org.mediasec.msrp.codec;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.mediasec.benchmarks.MsrpBenchData;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpRequest;

/**
 * Pure codec throughput ({@link MsrpCodec#encode} and {@link MsrpCodec#decode}) for one SEND chunk
 * of 1 KB, 16 KB and 64 KB. The score is messages/s; the {@code bytes} secondary result is body
 * octets/s (divide by 1e6 for MB/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MsrpCodecBenchmark {

    @Param({"1024", "16384", "65536"})
    public int size;

    private MsrpRequest chunk;
    private byte[] wire;
    private ByteBuf wireBuf;
    private ByteBuf out;

    /** Body octets processed, reported by JMH as a rate next to the message rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Octets {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        chunk = MsrpBenchData.sendChunk(MsrpBenchData.body(size, 4975), 1 + 7L * size, 100L * size,
                MsrpContinuation.MORE, new SplittableRandom(1));
        wire = MsrpCodec.toBytes(chunk).toByteArray();
        wireBuf = Unpooled.wrappedBuffer(wire);
        out = Unpooled.directBuffer(wire.length + 256);
    }

    @TearDown
    public void tearDown() {
        wireBuf.release();
        out.release();
    }

    @Benchmark
    public int encode(Octets octets) {
        out.clear();
        MsrpCodec.encode(chunk, out);
        octets.bytes += size;
        return out.writerIndex();
    }

    @Benchmark
    public Object decode(Octets octets) {
        DecodeResult r = MsrpCodec.decode(wireBuf.duplicate(), MsrpLimits.DEFAULT);
        octets.bytes += size;
        return r;
    }
}
