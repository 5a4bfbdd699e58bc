package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.msrp.internal.MsrpSessionMachine;
import org.mediasec.msrp.internal.MsrpWire;
import org.mediasec.msrp.internal.OutgoingStream;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.testkit.ManualTimerService;

/**
 * Two session machines with {@link MsrpSessionConfig#DEFAULT} (streamed chunks) talking through the real
 * connection writer ({@link MsrpOutbound} on an embedded channel each way, decoded by
 * {@link MsrpFrameDecoder}), one thread, a manual clock, the writer's turns and every completion run
 * when the test steps. While Alice streams a message, Bob's message to her makes her answer 200s, which
 * interrupt her chunk; the transactions of her message cover it exactly and each got its 200. An abort
 * or a 413 ends the open chunk with {@code #}.
 */
class MsrpStreamedSessionTest {
    static final MsrpUri ALICE = MsrpUri.parse("msrp://alice.example.com:7777/iau39soe2843z;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
    static final int PIECE = 16 << 10;
    static final int TURN = 64 << 10;

    @TempDir
    Path tmp;

    final ManualTimerService clock = new ManualTimerService();
    /** Writer turns, write completions and chunk reports of both sides, run in order by {@link #step}. */
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    final Events alice = new Events();
    final Events bob = new Events();
    Link toBob;
    Link toAlice;
    MsrpSessionMachine machineA;
    MsrpSessionMachine machineB;
    MsrpSessionConfig config;

    @BeforeEach
    void setUp() {
        config = MsrpSessionConfig.DEFAULT.withSpillDirectory(tmp);
        assertThat(config.chunking()).isEqualTo(MsrpSessionConfig.Chunking.STREAMED);
    }

    static final class Events implements MsrpSessionListener {
        final List<ReceivedMessage> received = new ArrayList<>();
        final List<SendFailure> failures = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final List<String> aborted = new ArrayList<>();
        final List<MsrpReport> reports = new ArrayList<>();
        long lastProgress;
        int connected;

        @Override public void connected(MsrpSession session) { connected++; }
        @Override public void messageReceived(ReceivedMessage m) { received.add(m); }
        @Override public void messageSent(String id) { sent.add(id); }
        @Override public void sendFailed(SendFailure f) { failures.add(f); }
        @Override public void messageAborted(String id) { aborted.add(id); }
        @Override public void reportReceived(MsrpReport r) { reports.add(r); }
        @Override public void progress(String id, boolean sending, long done, long total) {
            if (sending) {
                lastProgress = done;
            }
        }
    }

    /** One direction of the connection: the sender's writer, and what the peer decodes. */
    final class Link implements MsrpWire {
        final MsrpOutbound writer;
        final EmbeddedChannel channel;
        final EmbeddedChannel decoder = new EmbeddedChannel(new MsrpFrameDecoder(MsrpLimits.DEFAULT));
        /** Everything the peer decoded, in wire order. */
        final List<MsrpMessage> log = new ArrayList<>();

        Link(long seed) {
            writer = new MsrpOutbound(new SplittableRandom(seed), PIECE, TURN, tasks::add);
            channel = new EmbeddedChannel(MsrpMessageEncoder.INSTANCE, writer);
        }

        @Override
        public boolean writable() {
            return channel.isWritable();
        }

        @Override
        public void write(MsrpMessage message, Consumer<Throwable> done) {
            channel.writeAndFlush(message).addListener(f -> tasks.add(() -> done.accept(f.isSuccess() ? null : f.cause())));
        }

        @Override
        public void stream(OutgoingStream stream) {
            stream.reportVia(tasks::add); // like DefaultMsrpSession: reports come back as tasks of the session
            writer.stream(stream);
        }

        @Override
        public String describe() {
            return "embedded";
        }

        /** Decodes what was written and hands it to {@code to}; true if anything moved. */
        boolean deliver(MsrpSessionMachine to, Link back) {
            boolean moved = false;
            for (Object o; (o = channel.readOutbound()) != null; ) {
                decoder.writeInbound((ByteBuf) o);
                moved = true;
            }
            for (Object o; (o = decoder.readInbound()) != null; ) {
                MsrpMessage m = (MsrpMessage) o;
                log.add(m);
                // handed over as a task, like a read reaching the session's executor behind the reports the
                // writer queued before (a response can only follow the end-line it answers)
                if (m instanceof MsrpRequest r) {
                    tasks.add(() -> to.onRequest(back, r));
                } else {
                    tasks.add(() -> to.onResponse((MsrpResponse) m));
                }
            }
            return moved;
        }
    }

    void connect(MsrpSessionConfig aliceConfig, MsrpSessionConfig bobConfig) {
        toBob = new Link(1);
        toAlice = new Link(2);
        machineA = new MsrpSessionMachine(List.of(ALICE), List.of(BOB), aliceConfig, clock, new SplittableRandom(3), alice);
        machineB = new MsrpSessionMachine(List.of(BOB), List.of(ALICE), bobConfig, clock, new SplittableRandom(4), bob);
        machineA.bind(toBob, true);
        settle();
        assertThat(alice.connected).isEqualTo(1);
        assertThat(bob.connected).isEqualTo(1);
    }

    /** One task, then the wire both ways; false when nothing is left to do. */
    boolean step() {
        Runnable r = tasks.pollFirst();
        if (r != null) {
            r.run();
        }
        boolean moved = toBob.deliver(machineB, toAlice) | toAlice.deliver(machineA, toBob);
        return r != null || moved;
    }

    void settle() {
        for (int i = 0; step(); i++) {
            assertThat(i).as("settles").isLessThan(1_000_000);
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static List<MsrpRequest> sendsOf(List<MsrpMessage> log, String messageId) {
        return log.stream().filter(m -> m instanceof MsrpRequest r && r.method() == MsrpMethod.SEND
                && r.messageId().map(id -> id.id().equals(messageId)).orElse(false)).map(m -> (MsrpRequest) m).toList();
    }

    @Test
    void responsesInterruptTheStreamAndTheTransactionsCoverTheMessageExactly() {
        connect(config, config);
        byte[] big = bytes(700 << 10, 1);
        byte[] other = bytes(300 << 10, 2);
        machineA.send("alice-big", MsrpPayload.of("application/octet-stream", Bytes.of(big)), SendOptions.DEFAULT);
        machineB.send("bob-other", MsrpPayload.of("application/octet-stream", Bytes.of(other)), SendOptions.DEFAULT);
        settle();

        assertThat(bob.received).singleElement().satisfies(m -> assertThat(m.data().orElseThrow().toByteArray()).isEqualTo(big));
        assertThat(alice.received).singleElement().satisfies(m -> assertThat(m.data().orElseThrow().toByteArray()).isEqualTo(other));
        assertThat(alice.sent).containsExactly("alice-big");
        assertThat(bob.sent).containsExactly("bob-other");
        assertThat(alice.lastProgress).isEqualTo(big.length);
        assertThat(alice.failures).isEmpty();
        assertThat(machineA.pendingTransactions()).isZero();
        assertThat(machineB.pendingTransactions()).isZero();
        assertThat(clock.pending()).isZero();

        // Alice's transactions: contiguous, exact, together the message; each answered by exactly one 200
        List<MsrpRequest> sends = sendsOf(toBob.log, "alice-big");
        Map<String, Integer> oks = new HashMap<>();
        toAlice.log.stream().filter(m -> m instanceof MsrpResponse).map(m -> (MsrpResponse) m)
                .forEach(r -> oks.merge(r.transactionId(), r.status().equals(MsrpStatus.OK) ? 1 : 1000, Integer::sum));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long next = 1;
        for (MsrpRequest s : sends) {
            MsrpHeader.ByteRange r = s.byteRange().orElseThrow();
            assertThat(r.start()).as(s.transactionId()).isEqualTo(next);
            assertThat(r.endKnown()).isFalse();
            assertThat(r.total()).isEqualTo(big.length);
            assertThat(oks.get(s.transactionId())).as("200s to " + s.transactionId()).isEqualTo(1);
            next += s.body().size();
            body.writeBytes(s.body().toByteArray());
        }
        assertThat(body.toByteArray()).isEqualTo(big);
        assertThat(sends.get(sends.size() - 1).continuation()).isEqualTo(MsrpContinuation.COMPLETE);
        assertThat(sends.subList(0, sends.size() - 1)).allSatisfy(s -> {
            assertThat(s.continuation()).isEqualTo(MsrpContinuation.MORE);
            assertThat(s.body().size()).as("interrupted after 2048 octets at least").isGreaterThanOrEqualTo(2048);
        });
        // Alice's 200s to Bob's chunks went out between the transactions of her message (interruptions)
        int first = toBob.log.indexOf(sends.get(0));
        int last = toBob.log.indexOf(sends.get(sends.size() - 1));
        assertThat(toBob.log.subList(first, last)).anyMatch(m -> m instanceof MsrpResponse);
        assertThat(sends.size()).as("far fewer transactions than 2048-octet increments").isLessThan(big.length / 2048 / 4);
    }

    @Test
    void aSecondMessageOfTheSessionInterleavesByInterruption() {
        connect(config, config);
        byte[] one = bytes(600 << 10, 7);
        byte[] two = bytes(200 << 10, 8);
        machineA.send("msg-one", MsrpPayload.of("application/octet-stream", Bytes.of(one)), SendOptions.DEFAULT);
        machineA.send("msg-two", MsrpPayload.of("application/octet-stream", Bytes.of(two)), SendOptions.DEFAULT);
        settle();
        assertThat(bob.received).extracting(ReceivedMessage::messageId).containsExactly("msg-two", "msg-one");
        assertThat(bob.received.get(1).data().orElseThrow().toByteArray()).isEqualTo(one);
        assertThat(bob.received.get(0).data().orElseThrow().toByteArray()).isEqualTo(two);
        assertThat(alice.sent).containsExactly("msg-two", "msg-one");
        List<String> order = toBob.log.stream().filter(m -> m instanceof MsrpRequest r && r.method() == MsrpMethod.SEND
                && r.body().size() > 0).map(m -> ((MsrpRequest) m).messageId().orElseThrow().id()).toList();
        // one's first turn, then two interrupts it, and they alternate until two is done
        assertThat(order.subList(0, 4)).containsExactly("msg-one", "msg-two", "msg-one", "msg-two");
        List<MsrpRequest> first = sendsOf(toBob.log, "msg-one");
        assertThat(first.get(0).body().size()).as("the chunk open when msg-two came").isEqualTo(TURN);
        assertThat(machineA.pendingTransactions()).isZero();
    }

    @Test
    void abortMidChunkEndsTheOpenChunkWithHash() {
        connect(config, config);
        machineA.send("abort-me", MsrpPayload.of("application/octet-stream", Bytes.of(bytes(1 << 20, 3))), SendOptions.DEFAULT);
        // the first turn went out with the send; the chunk is open
        assertThat(tasks).hasSize(1);
        machineA.abort("abort-me");
        settle();
        List<MsrpRequest> sends = sendsOf(toBob.log, "abort-me");
        assertThat(sends).singleElement().satisfies(s -> {
            assertThat(s.continuation()).isEqualTo(MsrpContinuation.ABORT);
            assertThat(s.body().size()).isEqualTo(TURN);
        });
        assertThat(bob.aborted).containsExactly("abort-me");
        assertThat(bob.received).isEmpty();
        assertThat(alice.sent).isEmpty();
        assertThat(alice.failures).isEmpty();
        assertThat(machineA.pendingTransactions()).isZero();
        assertThat(machineB.incomingCount()).isZero();
    }

    @Test
    void a413EndsTheOpenChunkWithHashAndStopsTheMessage() {
        connect(config, config.withMaxMessageSize(100 << 10)); // the 413 comes while the second chunk is open
        byte[] big = bytes(1 << 20, 4);
        machineA.send("too-big", MsrpPayload.of("application/octet-stream", Bytes.of(big)), SendOptions.DEFAULT);
        settle();
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(MsrpStatus.STOP_SENDING));
        List<MsrpRequest> sends = sendsOf(toBob.log, "too-big");
        assertThat(sends.get(sends.size() - 1).continuation()).isEqualTo(MsrpContinuation.ABORT);
        assertThat(sends.stream().mapToLong(s -> s.body().size()).sum()).isLessThan(big.length);
        assertThat(bob.received).isEmpty();
        assertThat(machineA.pendingTransactions()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aMissing200TimesOutWith408ThirtySecondsAfterTheEndLine() {
        connect(config, config);
        machineA.send("lost-msg", MsrpPayload.of("application/octet-stream", Bytes.of(bytes(600 << 10, 6))), SendOptions.DEFAULT);
        // everything Alice writes is lost on the way: Bob never answers
        for (Runnable r; (r = tasks.pollFirst()) != null; ) {
            r.run();
            for (Object o; (o = toBob.channel.readOutbound()) != null; ) {
                ((ByteBuf) o).release();
            }
        }
        assertThat(machineA.pendingTransactions()).as("one per streamed chunk of 256 KiB").isEqualTo(3);
        clock.advance(java.time.Duration.ofSeconds(29));
        assertThat(alice.failures).isEmpty();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(alice.reports).first().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MsrpStatus.TIMEOUT);
            assertThat(r.local()).isTrue();
            assertThat(r.range().value()).isEqualTo("1-262144/614400");
        });
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(MsrpStatus.TIMEOUT));
        assertThat(machineA.pendingTransactions()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aFileLargerThanTheSpillThresholdArrivesWhole() throws Exception {
        connect(config, config.withSpillThreshold(64 << 10));
        byte[] big = bytes(3 << 20, 5);
        machineA.send("file-msg", MsrpPayload.of("application/octet-stream", Bytes.of(big)), SendOptions.DEFAULT.withSuccessReport(true));
        settle();
        assertThat(bob.received).singleElement().satisfies(m -> assertThat(Files.readAllBytes(m.file().orElseThrow())).isEqualTo(big));
        assertThat(alice.reports).singleElement().satisfies(r -> assertThat(r.range().value()).isEqualTo("1-" + big.length + "/" + big.length));
        assertThat(sendsOf(toBob.log, "file-msg")).hasSize(12); // 256 KiB chunks
    }
}
