package org.mediasec.msrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.testkit.ManualTimerService;

/**
 * {@link DefaultMsrpSession#deliver(MsrpWire, MsrpRequest, ByteBuffer, Runnable)}, the session side of a
 * SEND whose body the connection kept in its own (direct) memory: stored from the buffer (spilled
 * here), answered as any SEND, and the release action run exactly once on every path.
 */
class DefaultMsrpSessionSpooledTest {
    static final MsrpUri ALICE = MsrpUri.parse("msrps://alice.example.com:7777/iau39soe2843z;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrps://bob.example.com:8888/9di4eae923wzd;tcp");
    static final MsrpUri OTHER = MsrpUri.parse("msrps://bob.example.com:8888/other000000;tcp");

    @TempDir
    Path tmp;
    final WirePair pair = new WirePair();
    final Recorder bob = new Recorder();
    final AtomicInteger released = new AtomicInteger();

    DefaultMsrpSession session(Executor executor) {
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withSpillThreshold(1024).withSpillDirectory(tmp);
        return new DefaultMsrpSession(List.of(BOB), List.of(ALICE), config, executor, new ManualTimerService(), bob,
                s -> { });
    }

    /** The head of a chunk as the decoder passes it: the SEND decoded with an empty body. */
    static MsrpRequest head(String tid, MsrpUri to, long start, long length, long total, MsrpContinuation flag) {
        return new MsrpRequest(tid, MsrpMethod.SEND, List.of(to), List.of(ALICE),
                List.of(new MsrpHeader.MessageId("msg0001"), MsrpHeader.ByteRange.ofChunk(start, length, total)),
                Optional.of(MsrpContent.of("application/octet-stream", Bytes.EMPTY)), flag);
    }

    static ByteBuffer direct(byte[] a, int from, int to) {
        return ByteBuffer.allocateDirect(to - from).put(a, from, to - from).flip();
    }

    List<MsrpStatus> responses() {
        return pair.b.log.stream().filter(m -> m instanceof MsrpResponse).map(m -> ((MsrpResponse) m).status()).toList();
    }

    @Test
    void aSpilledMessageIsStoredFromTheBuffersAndEachIsReleasedOnce() throws Exception {
        byte[] file = new byte[5000];
        new SplittableRandom(3).nextBytes(file);
        DefaultMsrpSession s = session(Runnable::run);
        int[] cuts = {0, 1777, 1778, 4096, 5000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            int from = cuts[i];
            int to = cuts[i + 1];
            MsrpContinuation flag = to == file.length ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE;
            s.deliver(pair.b, head("t" + i + "abc", BOB, from + 1, to - from, file.length, flag), direct(file, from, to),
                    released::incrementAndGet);
        }
        assertThat(released).hasValue(4);
        assertThat(responses()).containsExactly(MsrpStatus.OK, MsrpStatus.OK, MsrpStatus.OK, MsrpStatus.OK);
        assertThat(bob.received).hasSize(1);
        ReceivedMessage m = bob.received.get(0);
        assertThat(m.size()).isEqualTo(file.length);
        assertThat(m.file()).as("spilled").isPresent();
        assertThat(Arrays.copyOf(Files.readAllBytes(m.file().get()), file.length)).isEqualTo(file);
    }

    @Test
    void aSendForAnotherSessionPathIsAnswered481AndReleased() {
        DefaultMsrpSession s = session(Runnable::run);
        s.deliver(pair.b, head("t1abc", OTHER, 1, 10, 10, MsrpContinuation.COMPLETE), direct(new byte[10], 0, 10),
                released::incrementAndGet);
        assertThat(released).hasValue(1);
        assertThat(responses()).containsExactly(MsrpStatus.SESSION_DOES_NOT_EXIST);
        assertThat(bob.received).isEmpty();
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndItsChunksReleased() throws Exception {
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withSpillThreshold(1024).withSpillDirectory(tmp)
                .withMaxMessageSize(4000);
        DefaultMsrpSession s = new DefaultMsrpSession(List.of(BOB), List.of(ALICE), config, Runnable::run,
                new ManualTimerService(), bob, x -> { });
        byte[] file = new byte[5000];
        s.deliver(pair.b, head("t1abc", BOB, 1, 3000, 5000, MsrpContinuation.MORE), direct(file, 0, 3000),
                released::incrementAndGet);
        assertThat(released).hasValue(1);
        assertThat(responses()).containsExactly(MsrpStatus.STOP_SENDING);
        try (var left = Files.list(tmp)) {
            assertThat(left).as("no spill file left").isEmpty();
        }
    }

    @Test
    void aTaskTheExecutorRefusesReleasesTheBody() {
        DefaultMsrpSession s = session(r -> {
            throw new RejectedExecutionException("shut down");
        });
        s.deliver(pair.b, head("t1abc", BOB, 1, 10, 10, MsrpContinuation.COMPLETE), direct(new byte[10], 0, 10),
                released::incrementAndGet);
        assertThat(released).hasValue(1);
        assertThat(pair.b.log).isEmpty();
    }
}
