package org.mediasec.msrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
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
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.testkit.ManualTimerService;

class MsrpSessionMachineTest {
    static final MsrpUri ALICE = MsrpUri.parse("msrps://alice.example.com:7777/iau39soe2843z;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrps://bob.example.com:8888/9di4eae923wzd;tcp");

    @TempDir
    Path tmp;
    final ManualTimerService clock = new ManualTimerService();
    final WirePair pair = new WirePair();
    final Recorder alice = new Recorder();
    final Recorder bob = new Recorder();
    MsrpSessionConfig config;

    @BeforeEach
    void setUp() {
        // whole chunks (the RFC 4975 §7.1.1 increments strategy) of 10 octets; streaming: MsrpSessionMachineStreamTest
        config = MsrpSessionConfig.RFC4975_INCREMENTS.withSpillDirectory(tmp).withChunkSize(10);
    }

    /** Alice active, Bob passive; both bound after the initial SEND and its 200. */
    void connect(MsrpSessionConfig aliceConfig, MsrpSessionConfig bobConfig) {
        pair.machineA = new MsrpSessionMachine(List.of(ALICE), List.of(BOB), aliceConfig, clock, new SplittableRandom(1), alice);
        pair.machineB = new MsrpSessionMachine(List.of(BOB), List.of(ALICE), bobConfig, clock, new SplittableRandom(2), bob);
        pair.machineA.bind(pair.a, true);
        pair.settle();
        assertThat(alice.connected).isEqualTo(1);
        assertThat(bob.connected).isEqualTo(1);
    }

    void connect() {
        connect(config, config);
    }

    static MsrpPayload bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return MsrpPayload.of("application/octet-stream", Bytes.of(b));
    }

    @Test
    void activeSideSendsBodylessSendAtOnceAndPassiveSideBindsOnIt() {
        connect();
        MsrpRequest first = pair.a.requests().get(0);
        assertThat(first.method()).isEqualTo(MsrpMethod.SEND);
        assertThat(first.content()).isEmpty();
        assertThat(first.toPath()).containsExactly(BOB);
        assertThat(first.fromPath()).containsExactly(ALICE);
        assertThat(pair.b.responses()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(MsrpStatus.OK));
        assertThat(bob.received).isEmpty();
        assertThat(pair.machineB.wire()).isSameAs(pair.b);
    }

    /**
     * RFC 4976 §5.1: behind a relay our a=path is the Use-Path reversed plus our URI; requests carry
     * To-Path = Use-Path + the peer's a=path and From-Path = our URI alone (the relays add themselves
     * to From-Path; the end-to-end route is MsrpRelayKamailioInteropTest's).
     */
    @Test
    void behindARelayToPathIsUsePathThenPeerPath() {
        MsrpUri r1 = MsrpUri.parse("msrps://r1.example.net:2855/u1;tcp");
        MsrpUri r2 = MsrpUri.parse("msrps://r2.example.net:2855/u2;tcp");
        // Use-Path "r1 r2" (r1 nearest to Alice) is advertised reversed: a=path r2 r1 alice
        MsrpSessionMachine m = new MsrpSessionMachine(List.of(r2, r1, ALICE), List.of(BOB), config, clock,
                new SplittableRandom(1), alice);
        assertThat(m.toPath()).containsExactly(r1, r2, BOB);
        assertThat(m.remotePath()).containsExactly(BOB);
        assertThat(m.localUri()).isEqualTo(ALICE);
        m.bind(pair.a, true);
        MsrpRequest first = pair.a.requests().get(0);
        m.onResponse(MsrpResponse.to(first, MsrpStatus.OK));
        assertThat(alice.connected).isEqualTo(1);
        m.send("via-relay-1", MsrpPayload.text("hi"), SendOptions.DEFAULT);
        assertThat(pair.a.requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.toPath()).containsExactly(r1, r2, BOB);
            assertThat(r.fromPath()).containsExactly(ALICE);
        });
    }

    @Test
    void chatBothWays() {
        connect();
        String id = pair.machineA.newMessageId();
        pair.machineA.send(id, MsrpPayload.text("Hey Bob, are you there?"), SendOptions.DEFAULT);
        pair.settle();
        assertThat(bob.received).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.text()).isEqualTo("Hey Bob, are you there?");
            assertThat(m.contentType()).isEqualTo("text/plain");
        });
        assertThat(alice.sent).containsExactly(id);
        pair.machineB.send(pair.machineB.newMessageId(), MsrpPayload.text("yes"), SendOptions.DEFAULT);
        pair.settle();
        assertThat(alice.received).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("yes"));
        assertThat(pair.machineA.pendingTransactions()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void chunksTwoMessagesInterleavedWithByteRanges() {
        connect();
        pair.a.writable = false; // queue both before the connection drains
        pair.machineA.send("msg-one-1", bytes(35), SendOptions.DEFAULT);
        pair.machineA.send("msg-two-2", bytes(25), SendOptions.DEFAULT);
        pair.a.writable = true;
        pair.machineA.onWritable();
        pair.settle();
        List<MsrpRequest> chunks = pair.a.requests().subList(1, pair.a.requests().size());
        assertThat(chunks).extracting(r -> r.messageId().orElseThrow().id() + " " + r.byteRange().orElseThrow().value()
                + r.continuation()).containsExactly(
                "msg-one-1 1-10/35+", "msg-two-2 1-10/25+", "msg-one-1 11-20/35+", "msg-two-2 11-20/25+",
                "msg-one-1 21-30/35+", "msg-two-2 21-25/25$", "msg-one-1 31-35/35$");
        assertThat(bob.received).extracting(m -> m.messageId() + " " + m.data().orElseThrow().utf8())
                .containsExactlyInAnyOrder("msg-one-1 abcdefghijklmnopqrstuvwxyzabcdefghi", "msg-two-2 abcdefghijklmnopqrstuvwxy");
        assertThat(alice.sent).containsExactlyInAnyOrder("msg-one-1", "msg-two-2");
        assertThat(alice.progress).filteredOn(p -> p[0] == 1).extracting(p -> p[1] + "/" + p[2])
                .contains("10/35", "35/35", "25/25");
    }

    @Test
    void abortEndsTheMessageWithHashAndTheReceiverDiscardsIt() {
        connect(config.withMaxInflightBytes(20), config);
        pair.machineA.send("abort-me-1", bytes(100), SendOptions.DEFAULT);
        pair.deliver(pair.a); // two chunks went out, the in-flight budget is used up
        assertThat(pair.a.requests()).hasSize(3);
        pair.machineA.abort("abort-me-1");
        pair.settle();
        MsrpRequest last = pair.a.requests().get(pair.a.requests().size() - 1);
        assertThat(last.continuation()).isEqualTo(MsrpContinuation.ABORT);
        assertThat(last.content()).isEmpty();
        assertThat(last.byteRange().orElseThrow().value()).isEqualTo("1-0/100"); // zero-length: range-start 1
        assertThat(bob.aborted).containsExactly("abort-me-1");
        assertThat(bob.received).isEmpty();
        assertThat(pair.machineB.incomingCount()).isZero();
        assertThat(alice.sent).isEmpty();
        assertThat(alice.failures).isEmpty();
    }

    @Test
    void stopsSendingOn413() {
        connect(config.withMaxInflightBytes(20), config.withMaxMessageSize(50));
        pair.machineA.send("too-big-1", bytes(100), SendOptions.DEFAULT);
        pair.settle();
        assertThat(pair.b.responses()).extracting(r -> r.status().code()).contains(413);
        assertThat(alice.failures).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(MsrpStatus.STOP_SENDING);
            assertThat(f.messageId()).isEqualTo("too-big-1");
        });
        // the first chunk got 413 (its total is over the limit); the sender stopped before all 10 chunks
        assertThat(pair.a.requests().size() - 1).isLessThan(10);
        assertThat(bob.received).isEmpty();
        assertThat(pair.machineA.pendingTransactions()).isZero();
    }

    @Test
    void transactionTimeoutGives408AndALocalFailureReport() {
        connect(config.withTransactionTimeout(Duration.ofSeconds(30)), config);
        pair.machineA.send("lost-msg-1", MsrpPayload.text("anyone?"), SendOptions.DEFAULT);
        pair.a.completeWrites();
        pair.a.outbox.clear(); // the chunk is lost: Bob never sees it
        clock.advance(Duration.ofSeconds(29));
        assertThat(alice.failures).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(alice.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MsrpStatus.TIMEOUT);
            assertThat(r.local()).isTrue();
            assertThat(r.range().value()).isEqualTo("1-7/7");
        });
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status().code()).isEqualTo(408));
        assertThat(alice.events).containsSubsequence("report 408", "failed 408");
        assertThat(clock.pending()).isZero();
    }

    @Test
    void noTimeoutFailureWhenFailureReportIsNoOrPartial() {
        connect();
        pair.machineA.send("no-resp-1", MsrpPayload.text("x"), SendOptions.DEFAULT.withFailureReport(MsrpHeader.FailureReport.Kind.NO));
        pair.machineA.send("partial-1", MsrpPayload.text("y"), SendOptions.DEFAULT.withFailureReport(MsrpHeader.FailureReport.Kind.PARTIAL));
        pair.settle();
        clock.advance(Duration.ofSeconds(30)); // the partial transaction's entry expires silently
        assertThat(clock.pending()).isZero();
        assertThat(alice.failures).isEmpty();
        assertThat(bob.received).hasSize(2);
        // partial: no 200 (only negative responses would be sent); no: nothing
        assertThat(pair.b.responses()).hasSize(1); // the 200 to the initial SEND only
        assertThat(alice.sent).containsExactly("no-resp-1", "partial-1");
    }

    @Test
    void successReportCoversTheWholeMessage() {
        connect();
        pair.machineA.send("report-me-1", bytes(25), SendOptions.DEFAULT.withSuccessReport(true));
        pair.settle();
        MsrpRequest report = pair.b.requests().get(0);
        assertThat(report.method()).isEqualTo(MsrpMethod.REPORT);
        assertThat(report.messageId().orElseThrow().id()).isEqualTo("report-me-1");
        assertThat(report.byteRange().orElseThrow().value()).isEqualTo("1-25/25");
        assertThat(report.statusHeader().orElseThrow().value()).isEqualTo("000 200 OK");
        assertThat(report.toPath()).containsExactly(ALICE);
        // every chunk carried Success-Report: yes
        assertThat(pair.a.requests().subList(1, 4)).allMatch(MsrpRequest::successReport);
        assertThat(alice.reports).singleElement().satisfies(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.local()).isFalse();
            assertThat(r.range().value()).isEqualTo("1-25/25");
        });
        // REPORTs are never answered
        assertThat(pair.a.responses()).isEmpty();
    }

    static MsrpRequest send(MsrpUri to, MsrpUri from, String tid, String messageId, String range, String body,
                            MsrpContinuation flag) {
        String[] p = range.split("[-/]");
        long start = Long.parseLong(p[0]);
        long end = p[1].equals("*") ? MsrpHeader.ByteRange.UNKNOWN : Long.parseLong(p[1]);
        long total = p[2].equals("*") ? MsrpHeader.ByteRange.UNKNOWN : Long.parseLong(p[2]);
        return new MsrpRequest(tid, MsrpMethod.SEND, List.of(to), List.of(from),
                List.of(new MsrpHeader.MessageId(messageId), new MsrpHeader.ByteRange(start, end, total)),
                Optional.of(MsrpContent.text(body)), flag);
    }

    @Test
    void answers481WhenToPathOrFromPathDoesNotMatchAnd506OnASecondConnection() {
        connect();
        MsrpUri otherSession = MsrpUri.parse("msrps://bob.example.com:8888/unknownsession;tcp");
        MsrpUri stranger = MsrpUri.parse("msrps://mallory.example.com:7777/xyz;tcp");
        pair.machineB.onRequest(pair.b, send(otherSession, ALICE, "tid481a1", "m1xx", "1-2/2", "hi", MsrpContinuation.COMPLETE));
        pair.machineB.onRequest(pair.b, send(BOB, stranger, "tid481b1", "m2xx", "1-2/2", "hi", MsrpContinuation.COMPLETE));
        assertThat(pair.b.responses()).extracting(r -> r.transactionId() + " " + r.status().code())
                .contains("tid481a1 481", "tid481b1 481");
        WirePair other = new WirePair();
        pair.machineB.onRequest(other.b, send(BOB, ALICE, "tid506x1", "m3xx", "1-2/2", "hi", MsrpContinuation.COMPLETE));
        assertThat(other.b.responses()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MsrpStatus.SESSION_ALREADY_IN_USE);
            assertThat(r.toPath()).containsExactly(ALICE);
        });
        assertThat(bob.received).isEmpty();
    }

    @Test
    void reassemblesOutOfOrderChunksWithUnknownTotals() {
        connect();
        MsrpSessionMachine b = pair.machineB;
        b.onRequest(pair.b, send(BOB, ALICE, "tidooo01", "ooo-msg1", "11-15/*", "KLMNO", MsrpContinuation.COMPLETE));
        b.onRequest(pair.b, send(BOB, ALICE, "tidooo02", "ooo-msg1", "1-5/*", "ABCDE", MsrpContinuation.MORE));
        assertThat(bob.received).isEmpty();
        b.onRequest(pair.b, send(BOB, ALICE, "tidooo03", "ooo-msg1", "6-*/*", "FGHIJ", MsrpContinuation.MORE));
        assertThat(bob.received).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("ABCDEFGHIJKLMNO");
            assertThat(m.size()).isEqualTo(15);
        });
        assertThat(b.incomingCount()).isZero();
    }

    @Test
    void contradictoryTotalsAre400AndLateFailureIsReported() {
        connect(config, config.withMaxMessageSize(12));
        MsrpSessionMachine b = pair.machineB;
        b.onRequest(pair.b, send(BOB, ALICE, "tidrep01", "late-fail", "1-10/*", "0123456789", MsrpContinuation.MORE));
        b.onRequest(pair.b, send(BOB, ALICE, "tidrep02", "late-fail", "11-20/*", "0123456789", MsrpContinuation.MORE));
        assertThat(pair.b.responses()).extracting(r -> r.transactionId() + " " + r.status().code())
                .contains("tidrep01 200", "tidrep02 413");
        MsrpRequest report = pair.b.requests().get(pair.b.requests().size() - 1);
        assertThat(report.method()).isEqualTo(MsrpMethod.REPORT);
        assertThat(report.statusHeader().orElseThrow().code()).isEqualTo(MsrpStatus.STOP_SENDING);
        assertThat(report.byteRange().orElseThrow().value()).isEqualTo("11-20/*");
        b.onRequest(pair.b, send(BOB, ALICE, "tidbad01", "bad-total", "1-2/5", "ab", MsrpContinuation.MORE));
        b.onRequest(pair.b, send(BOB, ALICE, "tidbad02", "bad-total", "3-4/6", "cd", MsrpContinuation.MORE));
        assertThat(pair.b.responses()).extracting(r -> r.transactionId() + " " + r.status().code())
                .contains("tidbad01 200", "tidbad02 400");
        assertThat(b.incomingCount()).isZero();
    }

    @Test
    void spillsLargeBodiesToAFile() throws Exception {
        connect(config.withChunkSize(64), config.withSpillThreshold(100));
        pair.machineA.send("big-one-1", bytes(1000), SendOptions.DEFAULT);
        pair.machineA.send("small-one", bytes(50), SendOptions.DEFAULT);
        pair.settle();
        assertThat(bob.received).hasSize(2);
        var big = bob.received.stream().filter(m -> m.messageId().equals("big-one-1")).findFirst().orElseThrow();
        assertThat(big.file()).isPresent();
        assertThat(big.data()).isEmpty();
        byte[] expected = new byte[1000];
        bytes(1000).read(0, java.nio.ByteBuffer.wrap(expected));
        assertThat(Files.readAllBytes(big.file().get())).isEqualTo(expected);
        assertThat(big.file().get().getParent()).isEqualTo(tmp);
        var small = bob.received.stream().filter(m -> m.messageId().equals("small-one")).findFirst().orElseThrow();
        assertThat(small.data()).isPresent();
    }

    @Test
    void closeDeletesPartialSpillFiles() throws Exception {
        connect(config, config.withSpillThreshold(4));
        pair.machineB.onRequest(pair.b, send(BOB, ALICE, "tidpart1", "partial-m", "1-10/100", "0123456789", MsrpContinuation.MORE));
        try (var files = Files.list(tmp)) {
            assertThat(files.count()).isEqualTo(1);
        }
        pair.machineB.close();
        try (var files = Files.list(tmp)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void pausesWhileTheConnectionIsNotWritable() {
        connect();
        pair.a.writable = false;
        pair.machineA.send("paused-m1", bytes(30), SendOptions.DEFAULT);
        assertThat(pair.a.outbox).isEmpty();
        pair.a.writable = true;
        pair.machineA.onWritable();
        pair.settle();
        assertThat(bob.received).hasSize(1);
    }

    @Test
    void streamedChunkingSendsASmallMessageWhileAStreamKeepsTheChannelBusy() {
        MsrpSessionConfig streamed = MsrpSessionConfig.DEFAULT.withSpillDirectory(tmp).withMaxInflightBytes(100);
        connect(streamed, streamed);
        pair.a.writable = false; // e.g. a streamed chunk holds the channel at its high-water mark
        pair.machineA.send("chat-1", bytes(150), SendOptions.DEFAULT); // goes out, and uses up the in-flight budget
        pair.machineA.send("chat-2", MsrpPayload.text("still there?"), SendOptions.DEFAULT); // waits for the budget
        assertThat(pair.a.outbox).extracting(m -> ((MsrpRequest) m).messageId().orElseThrow().id()).containsExactly("chat-1");
        pair.a.completeWrites();
        assertThat(pair.a.outbox).hasSize(2);
        pair.a.writable = true;
        pair.settle();
        assertThat(bob.received).extracting(ReceivedMessage::messageId).containsExactly("chat-1", "chat-2");
    }

    @Test
    void streamedChunkingHandsLargeMessagesToTheConnection() {
        MsrpSessionConfig streamed = MsrpSessionConfig.DEFAULT.withSpillDirectory(tmp).withChunkSize(4096);
        connect(streamed, streamed);
        pair.machineA.send("big-1", bytes(10_000), SendOptions.DEFAULT.withSuccessReport(true));
        pair.settle();
        // the stand-in connection writes one transaction of at most chunkSize per turn, range-end '*'
        assertThat(pair.a.requests().subList(1, pair.a.requests().size())).extracting(r -> r.byteRange().orElseThrow().value()
                + r.continuation()).containsExactly("1-*/10000+", "4097-*/10000+", "8193-*/10000$");
        assertThat(bob.received).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(10_000));
        assertThat(alice.reports).singleElement().satisfies(r -> assertThat(r.range().value()).isEqualTo("1-10000/10000"));
        assertThat(alice.sent).containsExactly("big-1");
        assertThat(alice.progress).filteredOn(p -> p[0] == 1).extracting(p -> p[1]).containsExactly(4096L, 8192L, 10_000L);
        assertThat(pair.machineA.pendingTransactions()).isZero();
    }

    @Test
    void inflightBudgetBoundsWhatIsQueued() {
        connect(config.withMaxInflightBytes(30), config);
        pair.machineA.send("budget-m1", bytes(1000), SendOptions.DEFAULT);
        assertThat(pair.a.outbox).hasSize(3); // 3 x 10 octets, then it waits for writes to complete
        pair.settle();
        assertThat(bob.received).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(1000));
    }

    @Test
    void passiveSideDoesNotSendBeforeItIsBound() {
        pair.machineB = new MsrpSessionMachine(List.of(BOB), List.of(ALICE), config, clock, new SplittableRandom(2), bob);
        pair.machineB.send("early-msg", MsrpPayload.text("early"), SendOptions.DEFAULT);
        assertThat(pair.b.log).isEmpty();
        pair.machineA = new MsrpSessionMachine(List.of(ALICE), List.of(BOB), config, clock, new SplittableRandom(1), alice);
        pair.machineA.bind(pair.a, true);
        pair.settle();
        assertThat(alice.received).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("early"));
    }

    @Test
    void initialSendRefusedFailsTheSession() {
        pair.machineA = new MsrpSessionMachine(List.of(ALICE), List.of(BOB), config, clock, new SplittableRandom(1), alice);
        pair.machineA.bind(pair.a, true);
        MsrpRequest first = (MsrpRequest) pair.a.outbox.remove(0);
        pair.machineA.onResponse(MsrpResponse.to(first, MsrpStatus.SESSION_DOES_NOT_EXIST));
        assertThat(alice.sessionFailure).contains("481");
        assertThat(pair.machineA.connectedFuture()).isCompletedExceptionally();
    }

    @Test
    void emptyMessageIsDeliveredUnlikeTheBodylessBindingSend() {
        connect();
        pair.machineA.send("empty-msg", MsrpPayload.text(""), SendOptions.DEFAULT);
        pair.settle();
        assertThat(bob.received).singleElement().satisfies(m -> {
            assertThat(m.size()).isZero();
            assertThat(m.text()).isEmpty();
        });
        assertThat(alice.sent).containsExactly("empty-msg");
    }

    @Test
    void partialFailureReportStillGetsNegativeResponses() {
        connect(config, config.withMaxMessageSize(5));
        pair.machineA.send("partial-big", bytes(20), SendOptions.DEFAULT.withFailureReport(MsrpHeader.FailureReport.Kind.PARTIAL));
        pair.settle();
        assertThat(pair.b.responses()).extracting(r -> r.status().code()).containsOnly(200, 413); // 200 is the initial SEND's
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(MsrpStatus.STOP_SENDING));
        clock.advance(Duration.ofSeconds(30));
        assertThat(alice.failures).hasSize(1);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void peerFailureReportStopsTheMessage() {
        connect(config.withMaxInflightBytes(10), config);
        pair.machineA.send("reported-1", bytes(100), SendOptions.DEFAULT);
        MsrpRequest report = new MsrpRequest("tidreport1", MsrpMethod.REPORT, List.of(ALICE), List.of(BOB),
                List.of(new MsrpHeader.MessageId("reported-1"), new MsrpHeader.ByteRange(1, 10, 100),
                        MsrpHeader.Status.of(MsrpStatus.MIME_NOT_UNDERSTOOD)), Optional.empty(), MsrpContinuation.COMPLETE);
        pair.machineA.onRequest(pair.a, report);
        pair.settle();
        assertThat(alice.reports).singleElement().satisfies(r -> assertThat(r.status().code()).isEqualTo(415));
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status().code()).isEqualTo(415));
        assertThat(bob.received).isEmpty();
        assertThat(pair.a.responses()).isEmpty(); // REPORTs are not answered
    }

    @Test
    void passiveSessionFailsWhenNobodyConnects() {
        pair.machineB = new MsrpSessionMachine(List.of(BOB), List.of(ALICE), config, clock, new SplittableRandom(2), bob);
        pair.machineB.expectConnection();
        clock.advance(Duration.ofSeconds(29));
        assertThat(bob.sessionFailure).isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(bob.sessionFailure).isEqualTo("no connection from the peer within 30 s");
        assertThat(pair.machineB.connectedFuture()).isCompletedExceptionally();
    }

    @Test
    void expectConnectionTimerIsCancelledOnBinding() {
        pair.machineB = new MsrpSessionMachine(List.of(BOB), List.of(ALICE), config, clock, new SplittableRandom(2), bob);
        pair.machineB.expectConnection();
        pair.machineA = new MsrpSessionMachine(List.of(ALICE), List.of(BOB), config, clock, new SplittableRandom(1), alice);
        pair.machineA.bind(pair.a, true);
        pair.settle();
        assertThat(clock.pending()).isZero();
        clock.advance(Duration.ofSeconds(60));
        assertThat(bob.sessionFailure).isNull();
    }

    @Test
    void contentTypeOutsideAcceptTypesGets415() {
        connect();
        pair.machineB.setAcceptTypes(List.of("text/*", "message/cpim"));
        pair.machineA.send("img-msg-1", MsrpPayload.of("image/png", Bytes.of(new byte[] {1, 2, 3})), SendOptions.DEFAULT);
        pair.machineA.send("txt-msg-1", MsrpPayload.text("fine"), SendOptions.DEFAULT);
        pair.settle();
        assertThat(pair.b.responses()).extracting(r -> r.status().code()).contains(415);
        assertThat(alice.failures).singleElement().satisfies(f -> {
            assertThat(f.messageId()).isEqualTo("img-msg-1");
            assertThat(f.status()).isEqualTo(MsrpStatus.MIME_NOT_UNDERSTOOD);
        });
        assertThat(bob.received).extracting(m -> m.messageId()).containsExactly("txt-msg-1");
    }

    @Test
    void messageAbovePeersMaxSizeIsNotSent() {
        connect();
        pair.machineA.setPeerMaxSize(10);
        pair.machineA.send("too-large", bytes(11), SendOptions.DEFAULT);
        pair.settle();
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.reason()).contains("a=max-size 10"));
        assertThat(pair.a.requests()).hasSize(1); // only the initial SEND
    }

    @Test
    void chunksAbove2048OctetsHaveAStarRangeEnd() {
        connect(config.withChunkSize(4096), config);
        pair.machineA.send("big-chunks", bytes(5000), SendOptions.DEFAULT);
        pair.settle();
        assertThat(pair.a.requests().subList(1, 3)).extracting(r -> r.byteRange().orElseThrow().value())
                .containsExactly("1-*/5000", "4097-5000/5000");
        assertThat(bob.received).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(5000));
        assertThat(alice.sent).containsExactly("big-chunks");
    }

    @Test
    void a408ResponseIsTreatedLikeALocalTimeout() {
        connect();
        pair.machineA.send("relay-408", MsrpPayload.text("x"), SendOptions.DEFAULT);
        pair.a.completeWrites();
        MsrpRequest chunk = (MsrpRequest) pair.a.outbox.remove(0);
        pair.machineA.onResponse(MsrpResponse.to(chunk, MsrpStatus.TIMEOUT));
        assertThat(alice.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MsrpStatus.TIMEOUT);
            assertThat(r.local()).isTrue();
        });
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status().code()).isEqualTo(408));
        assertThat(clock.pending()).isZero();
    }

    @Test
    void timerStartsWhenTheChunkIsWritten() {
        connect();
        pair.machineA.send("slow-write", MsrpPayload.text("x"), SendOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(60)); // still in the connection's buffer: no timer yet
        assertThat(alice.failures).isEmpty();
        pair.a.completeWrites();
        pair.a.outbox.clear();
        clock.advance(Duration.ofSeconds(30));
        assertThat(alice.failures).singleElement().satisfies(f -> assertThat(f.status().code()).isEqualTo(408));
    }

    @Test
    void multipartIsAlwaysAccepted() {
        connect();
        pair.machineB.setAcceptTypes(List.of("text/plain"));
        pair.machineA.send("multi-msg", MsrpPayload.of("multipart/mixed; boundary=x", Bytes.utf8("--x--")), SendOptions.DEFAULT);
        pair.settle();
        assertThat(bob.received).extracting(m -> m.messageId()).containsExactly("multi-msg");
    }

    @Test
    void textSurvivesUtf8() {
        connect();
        String text = "grüße → 👋";
        pair.machineA.send("utf8-msg1", MsrpPayload.text(text), SendOptions.DEFAULT);
        pair.settle();
        assertThat(new String(bob.received.get(0).data().orElseThrow().toByteArray(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(new ArrayList<>(alice.sent)).containsExactly("utf8-msg1");
    }
}
