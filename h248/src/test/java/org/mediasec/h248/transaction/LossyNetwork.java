package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.mediasec.h248.H248Message;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.testkit.ManualTimerService;

/**
 * An in-memory datagram network on a {@link ManualTimerService}: every message is encoded with our
 * text codec and decoded at the receiver, after a delay; a seeded random drops, duplicates and
 * reorders (random delays), and a test can drop chosen messages deterministically.
 */
public final class LossyNetwork {
    /** One message put on the network. */
    public record Sent(long atNanos, InetSocketAddress from, InetSocketAddress to, H248Message message, boolean dropped) {
    }

    public final ManualTimerService timers = new ManualTimerService();
    private final SplittableRandom random;
    private final Map<InetSocketAddress, H248Receiver> nodes = new HashMap<>();
    public final List<Sent> log = new ArrayList<>();
    public double dropRate;
    public double duplicateRate;
    public Duration minDelay = Duration.ofMillis(10);
    public Duration maxDelay = Duration.ofMillis(10);
    /** Messages matching this are dropped (deterministic loss); {@link #dropRate} applies to the rest. */
    public Predicate<Sent> dropIf = s -> false;

    public LossyNetwork(long seed) {
        this.random = new SplittableRandom(seed);
    }

    void attach(InetSocketAddress address, H248TransactionLayer layer) {
        nodes.put(address, layer::receive);
    }

    /** A transport factory for a node at {@code self} (datagram semantics: not reliable). */
    public H248TransportFactory factory(InetSocketAddress self) {
        return receiver -> {
            nodes.put(self, receiver);
            return transport(self, false);
        };
    }

    /** Takes the node at {@code address} off the network: what is sent to it is lost. */
    public void detach(InetSocketAddress address) {
        nodes.remove(address);
    }

    /** The transport of the node at {@code self}. */
    public H248Transport transport(InetSocketAddress self, boolean reliable) {
        return new H248Transport() {
            @Override
            public boolean reliable() {
                return reliable;
            }

            @Override
            public void send(InetSocketAddress peer, H248Message message) {
                deliver(self, peer, message);
            }
        };
    }

    private void deliver(InetSocketAddress from, InetSocketAddress to, H248Message message) {
        Style style = random.nextBoolean() ? Style.PRETTY : Style.COMPACT;
        byte[] bytes = H248TextCodec.encode(message, style);
        Sent probe = new Sent(timers.nanoTime(), from, to, message, false);
        boolean drop = dropIf.test(probe) || random.nextDouble() < dropRate;
        log.add(new Sent(probe.atNanos(), from, to, message, drop));
        if (drop) {
            return;
        }
        int copies = random.nextDouble() < duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long span = maxDelay.toNanos() - minDelay.toNanos();
            Duration delay = minDelay.plusNanos(span <= 0 ? 0 : random.nextLong(span + 1));
            timers.schedule(delay, () -> inject(from, to, bytes));
        }
    }

    /** Delivers raw bytes to {@code to} now, as if {@code from} had sent them. */
    public void inject(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        H248Receiver node = nodes.get(to);
        if (node != null) {
            node.received(from, H248TextCodec.decode(bytes));
        }
    }

    public List<Sent> sentBy(InetSocketAddress from) {
        return log.stream().filter(s -> s.from().equals(from)).toList();
    }
}
