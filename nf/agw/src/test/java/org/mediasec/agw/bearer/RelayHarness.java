package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.util.ResourceLeakDetector;
import org.mediasec.transport.Transports;

/** One test's AGW: realms on loopback with a random port range, the bearer layer and its events. */
final class RelayHarness implements AutoCloseable {
    /** How long a test waits for any one outcome; {@code -Dmediasec.test.wait=N} (seconds) on a slow machine. */
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("mediasec.test.wait",
            ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID ? 180 : 60));

    final Realm accessRealm;
    final Realm coreRealm;
    final BearerRelays relays;
    final Events events = new Events();

    RelayHarness(Transports transports, BearerConfig config) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int base = 20000 + ThreadLocalRandom.current().nextInt(120) * 100;  // below the ephemeral range (32768-)
        accessRealm = new Realm("access", lo, base, base + 49);
        coreRealm = new Realm("core", lo, base + 50, base + 99);
        relays = new BearerRelays(transports, config, List.of(accessRealm, coreRealm));
    }

    BearerRelay open(BearerLeg access, BearerLeg core) {
        BearerRelay r = relays.newRelay("ctx1", access, core, events);
        await(r.open());
        return r;
    }

    int portsInUse() {
        return relays.allocators().stream().mapToInt(PortAllocator::inUse).sum();
    }

    /** Asserts that nothing of the bearer layer is left. */
    void assertReleased() {
        assertThat(relays.openChannels()).as("open AGW channels").isZero();
        assertThat(relays.relays()).as("live relays").isZero();
        assertThat(portsInUse()).as("allocated ports").isZero();
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not completed within " + WAIT + ": " + e, e);
        }
    }

    @Override
    public void close() {
        relays.close();
    }

    /** Records every listener call; futures for the ones tests wait on. */
    static final class Events implements BearerListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CompletableFuture<RelayStats> established = new CompletableFuture<>();
        final CompletableFuture<BearerFailure> failed = new CompletableFuture<>();
        final CompletableFuture<RelayStats> closed = new CompletableFuture<>();
        final CompletableFuture<Void> accessPaused = new CompletableFuture<>();
        final Set<Side> legsUp = ConcurrentHashMap.newKeySet();

        @Override
        public void legEstablished(BearerRelay relay, LegStats leg) {
            calls.add("legEstablished " + leg.side());
            legsUp.add(leg.side());
        }

        @Override
        public void established(BearerRelay relay, RelayStats stats) {
            calls.add("established");
            established.complete(stats);
        }

        @Override
        public void readsPaused(BearerRelay relay, Side side) {
            if (side == Side.ACCESS) {
                accessPaused.complete(null);
            }
        }

        @Override
        public void failed(BearerRelay relay, BearerFailure failure) {
            calls.add("failed " + failure.side() + " " + failure.kind());
            failed.complete(failure);
        }

        @Override
        public void closed(BearerRelay relay, RelayStats stats) {
            calls.add("closed");
            closed.complete(stats);
        }
    }
}
