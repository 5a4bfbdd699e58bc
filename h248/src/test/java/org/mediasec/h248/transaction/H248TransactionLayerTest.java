package org.mediasec.h248.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;

/** The transaction layer on a manual clock and the in-memory network (DESIGN.md §7 item 3). */
class H248TransactionLayerTest {
    static final InetSocketAddress MGC = new InetSocketAddress("127.0.0.1", 2944);
    static final InetSocketAddress MG = new InetSocketAddress("127.0.0.1", 2945);
    static final H248TransactionConfig CONFIG = H248TransactionConfig.DEFAULT;

    final LossyNetwork net = new LossyNetwork(1);
    final List<Transaction.Request> served = new ArrayList<>();
    final List<ErrorDescriptor> messageErrors = new ArrayList<>();
    final Counting mgcEvents = new Counting();
    final Counting mgEvents = new Counting();
    /** How the MG answers; default: at once, echoing each Notify. */
    java.util.function.Function<Transaction.Request, CompletionStage<Transaction.Reply>> mgAnswer =
            r -> CompletableFuture.completedFuture(echo(r));

    H248TransactionLayer mgc;
    H248TransactionLayer mg;

    void start(H248TransactionConfig mgcConfig, H248TransactionConfig mgConfig, boolean reliable) {
        mgc = new H248TransactionLayer(mgcConfig, net.timers, Runnable::run, net.transport(MGC, reliable),
                new MId.Ip4("127.0.0.1", 2944), 3, new Handler(null), mgcEvents);
        mg = new H248TransactionLayer(mgConfig, net.timers, Runnable::run, net.transport(MG, reliable),
                new MId.Ip4("127.0.0.1", 2945), 3, new Handler(served), mgEvents);
        net.attach(MGC, mgc);
        net.attach(MG, mg);
    }

    void start() {
        start(CONFIG, CONFIG, false);
    }

    final class Handler implements H248TransactionHandler {
        final List<Transaction.Request> log;

        Handler(List<Transaction.Request> log) {
            this.log = log;
        }

        @Override
        public CompletionStage<Transaction.Reply> onRequest(InetSocketAddress peer, H248Message m, Transaction.Request r) {
            if (log == null) {
                return CompletableFuture.completedFuture(echo(r));
            }
            log.add(r);
            return mgAnswer.apply(r);
        }

        @Override
        public void onMessageError(InetSocketAddress peer, H248Message message, ErrorDescriptor error) {
            messageErrors.add(error);
        }
    }

    static final class Counting implements H248TransactionEvents {
        final AtomicInteger retransmitted = new AtomicInteger();
        final AtomicInteger pendingSent = new AtomicInteger();
        final AtomicInteger pendingReceived = new AtomicInteger();
        final AtomicInteger fromCache = new AtomicInteger();
        final AtomicInteger acksSent = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger expired = new AtomicInteger();
        final AtomicInteger userFailures = new AtomicInteger();

        @Override
        public void requestRetransmitted(InetSocketAddress peer, long id, int n) {
            retransmitted.incrementAndGet();
        }

        @Override
        public void pendingSent(InetSocketAddress peer, long id) {
            pendingSent.incrementAndGet();
        }

        @Override
        public void pendingReceived(InetSocketAddress peer, long id) {
            pendingReceived.incrementAndGet();
        }

        @Override
        public void duplicateRequest(InetSocketAddress peer, long id, boolean cache) {
            if (cache) {
                fromCache.incrementAndGet();
            }
        }

        @Override
        public void ackSent(InetSocketAddress peer, int n) {
            acksSent.addAndGet(n);
        }

        @Override
        public void ackReceived(InetSocketAddress peer, int n) {
            released.addAndGet(n);
        }

        @Override
        public void replyExpired(InetSocketAddress peer, long id) {
            expired.incrementAndGet();
        }

        @Override
        public void userFailure(InetSocketAddress peer, long id, Throwable failure) {
            userFailures.incrementAndGet();
        }
    }

    static List<ActionRequest> notify(String termination) {
        return List.of(ActionRequest.of(ContextId.NULL, CommandRequest.of(CommandKind.NOTIFY, TerminationId.of(termination),
                ObservedEventsDescriptor.of(1, new ObservedEvent(null, "al/on", null, List.of())))));
    }

    static Transaction.Reply echo(Transaction.Request r) {
        List<ActionReply> replies = new ArrayList<>();
        for (ActionRequest a : r.actions()) {
            List<CommandReply> cs = a.commands().stream().map(c -> CommandReply.of(c.kind(), c.terminationId())).toList();
            replies.add(new ActionReply(a.contextId(), null, cs, null));
        }
        return new Transaction.Reply(r.id(), replies);
    }

    static String terminationOf(Transaction.Reply r) {
        return r.actions().get(0).replies().get(0).terminationId().text();
    }

    List<Transaction> transactionsSentBy(InetSocketAddress from) {
        List<Transaction> out = new ArrayList<>();
        for (LossyNetwork.Sent s : net.sentBy(from)) {
            if (s.message().body() instanceof TransactionList tl) {
                out.addAll(tl.transactions());
            }
        }
        return out;
    }

    void advance(long millis) {
        net.timers.advance(Duration.ofMillis(millis));
    }

    @Test
    void requestGetsItsReply() throws Exception {
        start();
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(100);
        assertThat(f).isDone();
        assertThat(terminationOf(f.get())).isEqualTo("t1");
        assertThat(served).hasSize(1);
        assertThat(mgcEvents.retransmitted).hasValue(0);
        assertThat(mgc.outstanding(MG)).isZero();
    }

    @Test
    void retransmitsWithExponentialBackoffThenTimesOut() {
        start();
        net.dropIf = s -> true;
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(60_000);
        List<Long> at = net.sentBy(MGC).stream().map(s -> s.atNanos() / 1_000_000).toList();
        // 1 s doubling, capped at 4 s: 0, 1, 3, 7, 11, 15 (5 retransmissions), failure 4 s after the last
        assertThat(at).containsExactly(0L, 1000L, 3000L, 7000L, 11000L, 15000L);
        assertThat(f).isCompletedExceptionally();
        assertThat(f.handle((r, e) -> e).join()).isInstanceOf(H248TimeoutException.class);
        assertThat(mgc.outstanding(MG)).isZero();
    }

    @Test
    void timeoutTimeIsExactlyAfterTheLastInterval() {
        start();
        net.dropIf = s -> true;
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(18_999);
        assertThat(f).isNotDone();
        advance(1);
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void reliableTransportNeverRepeatsAndWaitsLongTimer() {
        start(CONFIG, CONFIG, true);
        net.dropIf = s -> true;
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(29_999);
        assertThat(net.sentBy(MGC)).hasSize(1);
        assertThat(f).isNotDone();
        advance(1);
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void slowUserCausesPendingAndRequesterStopsRepeating() throws Exception {
        start();
        CompletableFuture<Transaction.Reply> later = new CompletableFuture<>();
        mgAnswer = r -> later;
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(509);         // the request arrives after 10 ms
        assertThat(mgEvents.pendingSent).hasValue(0);
        advance(1);
        assertThat(mgEvents.pendingSent).hasValue(1);
        advance(2_500);       // pendings every 500 ms; the MGC does not repeat the request
        assertThat(mgEvents.pendingSent).hasValue(6);
        assertThat(mgcEvents.pendingReceived).hasValue(5);   // the sixth is still in flight
        assertThat(mgcEvents.retransmitted).hasValue(0);
        later.complete(echo(served.get(0)));
        advance(20);
        assertThat(terminationOf(f.get())).isEqualTo("t1");
        advance(5_000);
        assertThat(mgEvents.pendingSent).hasValue(6);
        assertThat(served).hasSize(1);
    }

    @Test
    void lostReplyAfterPendingIsRecoveredByRepeatingTheRequest() throws Exception {
        start();
        CompletableFuture<Transaction.Reply> later = new CompletableFuture<>();
        mgAnswer = r -> later;
        int[] replies = {0};
        net.dropIf = s -> s.from().equals(MG) && s.message().body() instanceof TransactionList tl
                && tl.transactions().get(0) instanceof Transaction.Reply && replies[0]++ == 0;
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(600);
        assertThat(mgcEvents.pendingReceived).hasValue(1);
        later.complete(echo(served.get(0)));   // this reply is lost
        advance(4_000);
        assertThat(f).isNotDone();
        advance(2_000);                           // pendingWait (5 s) after the last Pending: repeat
        assertThat(terminationOf(f.get())).isEqualTo("t1");
        assertThat(mgEvents.fromCache).hasValue(1);
        assertThat(served).hasSize(1);
    }

    @Test
    void duplicateRequestIsAnsweredFromTheCacheNotExecutedAgain() throws Exception {
        start();
        int[] replies = {0};
        net.dropIf = s -> s.from().equals(MG) && replies[0]++ == 0;
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(999);
        assertThat(f).isNotDone();
        advance(100);
        assertThat(terminationOf(f.get())).isEqualTo("t1");
        assertThat(served).hasSize(1);
        assertThat(mgEvents.fromCache).hasValue(1);
        assertThat(mgcEvents.retransmitted).hasValue(1);
    }

    @Test
    void duplicateWhileProcessingIsAnsweredWithPending() {
        start(CONFIG, CONFIG.withPending(Duration.ofSeconds(10), Duration.ofSeconds(5), 30), false);
        mgAnswer = r -> new CompletableFuture<>();
        mgc.sendRequest(MG, notify("t1"));
        advance(1_100);   // the MGC repeats at 1 s; the MG is still busy: Pending, not a second execution
        assertThat(served).hasSize(1);
        assertThat(mgEvents.pendingSent).hasValue(1);
        assertThat(mgcEvents.pendingReceived).hasValue(1);
    }

    @Test
    void cachedReplyIsReleasedByTheAckItAskedFor() throws Exception {
        start(CONFIG, CONFIG.withAcks(Duration.ZERO, true), false);
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(15);
        assertThat(mg.cachedReplies(MGC)).isEqualTo(1);
        advance(100);
        assertThat(f.get().immAckRequired()).isTrue();
        assertThat(mgcEvents.acksSent).hasValue(1);
        assertThat(mgEvents.released).hasValue(1);
        assertThat(mg.cachedReplies(MGC)).isZero();
        assertThat(transactionsSentBy(MGC)).anySatisfy(t -> assertThat(t).isEqualTo(
                new Transaction.ResponseAck(List.of(Transaction.AckRange.of(f.get().id())))));
    }

    @Test
    void cachedReplyWithoutAckExpiresAfterLongTimer() {
        start();
        mgc.sendRequest(MG, notify("t1"));
        advance(100);
        assertThat(mg.cachedReplies(MGC)).isEqualTo(1);
        assertThat(mgcEvents.acksSent).hasValue(0);
        advance(29_000);
        assertThat(mg.cachedReplies(MGC)).isEqualTo(1);
        advance(1_000);
        assertThat(mg.cachedReplies(MGC)).isZero();
        assertThat(mgEvents.expired).hasValue(1);
    }

    @Test
    void acksAreBatchedIntoRanges() {
        start(CONFIG.withAcks(Duration.ofMillis(200), false), CONFIG.withAcks(Duration.ZERO, true), false);
        for (int i = 1; i <= 3; i++) {
            mgc.sendRequest(MG, notify("t" + i));
        }
        advance(500);
        List<Transaction> acks = transactionsSentBy(MGC).stream().filter(t -> t instanceof Transaction.ResponseAck).toList();
        assertThat(acks).containsExactly(new Transaction.ResponseAck(List.of(new Transaction.AckRange(1, 3))));
        assertThat(mgEvents.released).hasValue(3);
    }

    @Test
    void ackRidesOnTheNextRequest() {
        start(CONFIG.withAcks(Duration.ofMillis(200), false), CONFIG.withAcks(Duration.ZERO, true), false);
        mgc.sendRequest(MG, notify("t1"));
        advance(50);
        mgc.sendRequest(MG, notify("t2"));
        H248Message second = net.sentBy(MGC).get(1).message();
        assertThat(((TransactionList) second.body()).transactions()).hasSize(2)
                .first().isEqualTo(new Transaction.ResponseAck(List.of(Transaction.AckRange.of(1))));
    }

    @Test
    void severalRequestsInOneMessageAreAnsweredInOneMessage() {
        start();
        String text = "!/3 [127.0.0.1]:2944\nT=7{C=-{N=t1{OE=1{al/on}}}}T=8{C=-{N=t2{OE=1{al/on}}}}";
        net.inject(MGC, MG, text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(served).extracting(Transaction.Request::id).containsExactly(7L, 8L);
        List<LossyNetwork.Sent> sent = net.sentBy(MG);
        assertThat(sent).hasSize(1);
        assertThat(((TransactionList) sent.get(0).message().body()).transactions())
                .extracting(Transaction::transactionId).containsExactly(7L, 8L);
    }

    @Test
    void severalRequestsLeaveInOneMessageAndCompleteSeparately() throws Exception {
        start();
        List<CompletableFuture<Transaction.Reply>> fs = mgc.sendRequests(MG, List.of(notify("t1"), notify("t2"), notify("t3")));
        assertThat(net.sentBy(MGC)).hasSize(1);
        assertThat(((TransactionList) net.sentBy(MGC).get(0).message().body()).transactions()).hasSize(3);
        advance(100);
        assertThat(fs).extracting(f -> terminationOf(f.join())).containsExactly("t1", "t2", "t3");
        assertThat(net.sentBy(MG)).hasSize(1);      // and the three replies come back in one message
    }

    @Test
    void malformedRequestWithRecoveredIdGets403InAReply() {
        start();
        net.inject(MGC, MG, "MEGACO/1 [127.0.0.1]:2944\nTransaction = 42 { Context = - { Bogus } }".getBytes(StandardCharsets.ISO_8859_1));
        H248Message sent = net.sentBy(MG).get(0).message();
        assertThat(sent.version()).isEqualTo(1);
        Transaction.Reply r = (Transaction.Reply) ((TransactionList) sent.body()).transactions().get(0);
        assertThat(r.id()).isEqualTo(42);
        assertThat(r.error().code()).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_TRANSACTION_REQUEST);
        assertThat(served).isEmpty();
    }

    @Test
    void malformedMessageWithoutTransactionIdGets400AtMessageLevel() {
        start();
        net.inject(MGC, MG, "MEGACO/1 [127.0.0.1]:2944\nGarbage { }".getBytes(StandardCharsets.ISO_8859_1));
        H248Message sent = net.sentBy(MG).get(0).message();
        assertThat(sent.body()).isInstanceOf(ErrorDescriptor.class);
        assertThat(((ErrorDescriptor) sent.body()).code()).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_MESSAGE);
        // and the MGC's layer hands the message-level error to its user
        advance(100);
        assertThat(messageErrors).extracting(ErrorDescriptor::code).containsExactly(ErrorCode.SYNTAX_ERROR_IN_MESSAGE);
    }

    @Test
    void garbageWithoutHeaderIsDropped() {
        start();
        net.inject(MGC, MG, new byte[] {1, 2, 3, (byte) 0xff});
        assertThat(net.sentBy(MG)).isEmpty();
    }

    @Test
    void throwingUserGets500AndServingContinues() throws Exception {
        start();
        int[] calls = {0};
        mgAnswer = r -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("boom");
            }
            return CompletableFuture.completedFuture(echo(r));
        };
        CompletableFuture<Transaction.Reply> first = mgc.sendRequest(MG, notify("t1"));
        advance(100);
        assertThat(first.get().error().code()).isEqualTo(ErrorCode.INTERNAL_SOFTWARE_FAILURE);
        CompletableFuture<Transaction.Reply> second = mgc.sendRequest(MG, notify("t2"));
        advance(100);
        assertThat(terminationOf(second.get())).isEqualTo("t2");
        assertThat(mgEvents.userFailures).hasValue(1);
    }

    @Test
    void failedFutureGets500() throws Exception {
        start();
        mgAnswer = r -> CompletableFuture.failedFuture(new RuntimeException("later boom"));
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(100);
        assertThat(f.get().error().code().code()).isEqualTo(500);
    }

    @Test
    void tooManyPendingsFailWith506() {
        start(CONFIG.withPending(Duration.ofMillis(500), Duration.ofSeconds(5), 3), CONFIG, false);
        mgAnswer = r -> new CompletableFuture<>();
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(3_000);
        Throwable e = f.handle((r, x) -> x).join();
        assertThat(e).isInstanceOf(H248Exception.class);
        assertThat(((H248Exception) e).errorCode()).isEqualTo(ErrorCode.TOO_MANY_TRANSACTION_PENDINGS);
    }

    @Test
    void peerErrorReplyIsAnOrdinaryReply() throws ExecutionException, InterruptedException {
        start();
        mgAnswer = r -> CompletableFuture.completedFuture(Transaction.Reply.error(r.id(),
                ErrorDescriptor.of(ErrorCode.UNKNOWN_TERMINATION_ID)));
        CompletableFuture<Transaction.Reply> f = mgc.sendRequest(MG, notify("t1"));
        advance(100);
        assertThat(f.get().error().code()).isEqualTo(ErrorCode.UNKNOWN_TERMINATION_ID);
    }

    @Test
    void ackRangesCompress() {
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>(List.of(1L, 2L, 3L, 5L, 7L, 8L));
        assertThat(PeerState.ranges(ids)).containsExactly(new Transaction.AckRange(1, 3),
                Transaction.AckRange.of(5), new Transaction.AckRange(7, 8));
    }
}
