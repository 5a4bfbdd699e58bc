package org.mediasec.msrp.netty;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

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
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.codec.MsrpLimits;

/**
 * The Netty pipeline path: {@link MsrpFrameDecoder} on a stream fed the way an SslHandler hands it
 * decrypted data (at most one 16 KB TLS record per read), and {@link MsrpMessageEncoder} writing to
 * pooled buffers. Same sizes and counters as {@code MsrpCodecBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MsrpFrameDecoderBenchmark {
    /** Largest TLS record payload (RFC 8446 §5.1): what one SslHandler read delivers at most. */
    static final int RECORD = 16384;

    @Param({"1024", "16384", "65536"})
    public int size;

    private MsrpRequest chunk;
    private ByteBuf wire;
    private EmbeddedChannel decoderChannel;
    private EmbeddedChannel encoderChannel;

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
        byte[] b = MsrpCodec.toBytes(chunk).toByteArray();
        wire = PooledByteBufAllocator.DEFAULT.directBuffer(b.length).writeBytes(b);
        decoderChannel = new EmbeddedChannel(new MsrpFrameDecoder(MsrpLimits.DEFAULT.withMaxChunkSize(1 << 20)));
        decoderChannel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        encoderChannel = new EmbeddedChannel(MsrpMessageEncoder.INSTANCE);
        encoderChannel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    }

    @TearDown
    public void tearDown() {
        wire.release();
        decoderChannel.finishAndReleaseAll();
        encoderChannel.finishAndReleaseAll();
    }

    @Benchmark
    public MsrpMessage decode(Octets octets) {
        int n = wire.readableBytes();
        for (int off = 0; off < n; off += RECORD) {
            decoderChannel.writeInbound(wire.retainedSlice(off, Math.min(RECORD, n - off)));
        }
        MsrpMessage m = decoderChannel.readInbound();
        if (m == null) {
            throw new IllegalStateException("no message decoded");
        }
        octets.bytes += size;
        return m;
    }

    @Benchmark
    public int encode(Octets octets) {
        encoderChannel.writeOutbound(chunk);
        ByteBuf out = encoderChannel.readOutbound();
        int n = out.readableBytes();
        out.release();
        octets.bytes += size;
        return n;
    }
}
