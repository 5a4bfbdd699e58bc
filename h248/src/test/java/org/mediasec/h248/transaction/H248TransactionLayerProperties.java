package org.mediasec.h248.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.Transaction;

/**
 * Under seeded loss, duplication and reordering, every request gets the reply to itself, and the
 * user executes each request exactly once (at-most-once through the reply cache, at-least-once
 * through retransmission). Both sides send requests at the same time; the MG is sometimes slow
 * (pendings), and replies ask for acks half of the time.
 */
class H248TransactionLayerProperties {
    static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 2944);
    static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 2945);

    static LongStream seeds() {
        long fixed = Long.getLong("mediasec.seed", 0L);
        return fixed != 0 ? LongStream.of(fixed) : new SplittableRandom().longs(Integer.getInteger("mediasec.cases", 60));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void everyRequestAnsweredOnceUnderLoss(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LossyNetwork net = new LossyNetwork(seed);
        net.dropRate = 0.2;
        net.duplicateRate = 0.2;
        net.minDelay = Duration.ofMillis(1);
        net.maxDelay = Duration.ofMillis(random.nextInt(1, 1500));
        boolean acks = random.nextBoolean();
        H248TransactionConfig config = H248TransactionConfig.DEFAULT
                .withRetransmission(Duration.ofSeconds(1), Duration.ofSeconds(4), 12)
                .withLongTimer(Duration.ofSeconds(120))
                .withAcks(Duration.ofMillis(random.nextInt(0, 300)), acks);
        Map<InetSocketAddress, Map<Long, Integer>> executions = new HashMap<>();
        H248TransactionLayer[] layers = new H248TransactionLayer[2];
        InetSocketAddress[] addresses = {A, B};
        for (int i = 0; i < 2; i++) {
            InetSocketAddress self = addresses[i];
            Map<Long, Integer> mine = new HashMap<>();
            executions.put(self, mine);
            H248TransactionHandler handler = new H248TransactionHandler() {
                @Override
                public CompletionStage<Transaction.Reply> onRequest(InetSocketAddress peer, H248Message m, Transaction.Request r) {
                    mine.merge(r.id(), 1, Integer::sum);
                    Transaction.Reply reply = H248TransactionLayerTest.echo(r);
                    if (random.nextInt(4) == 0) {
                        CompletableFuture<Transaction.Reply> later = new CompletableFuture<>();
                        net.timers.schedule(Duration.ofMillis(random.nextInt(100, 3000)), () -> later.complete(reply));
                        return later;
                    }
                    return CompletableFuture.completedFuture(reply);
                }
            };
            layers[i] = new H248TransactionLayer(config, net.timers, Runnable::run, net.transport(self, false),
                    new MId.Ip4("127.0.0.1", self.getPort()), 3, handler, null);
            net.attach(self, layers[i]);
        }
        int n = 20;
        List<CompletableFuture<Transaction.Reply>> futures = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int from = random.nextInt(2);
            String name = "t" + k;
            names.add(name);
            futures.add(layers[from].sendRequest(addresses[1 - from], H248TransactionLayerTest.notify(name)));
            net.timers.advance(Duration.ofMillis(random.nextInt(0, 300)));
        }
        net.timers.advance(Duration.ofSeconds(300));
        for (int k = 0; k < n; k++) {
            CompletableFuture<Transaction.Reply> f = futures.get(k);
            String expected = names.get(k);
            assertThat(f).as("seed=%d request %d", seed, k).isCompletedWithValueMatching(
                    r -> H248TransactionLayerTest.terminationOf(r).equals(expected));
        }
        int executed = 0;
        for (Map<Long, Integer> m : executions.values()) {
            assertThat(m.values()).as("seed=%d executions per transaction", seed).allMatch(c -> c == 1);
            executed += m.size();
        }
        assertThat(executed).as("seed=%d", seed).isEqualTo(n);
        assertThat(layers[0].outstanding(B) + layers[1].outstanding(A)).isZero();
        assertThat(net.timers.pending()).as("seed=%d timers left", seed).isZero();
    }
}
