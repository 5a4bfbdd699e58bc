package org.mediasec.agw.bearer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import org.mediasec.common.Checks;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AGW's bearer layer: its realms with their port allocators, the process's event loops, and the
 * relays it made. The H.248 termination model creates one {@link BearerRelay} per context that joins
 * two TCP terminations. Thread-safe.
 */
public final class BearerRelays implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BearerRelays.class);

    private final Transports transports;
    private final BearerConfig config;
    private final Map<String, PortAllocator> allocators = new LinkedHashMap<>();
    private final Set<BearerRelay> relays = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final LegTlsContexts tlsContexts = new LegTlsContexts();

    /**
     * @param transports the process's event loops (not closed here)
     * @param config     data path tuning
     * @param realms     the realms relays may use; names must differ
     */
    public BearerRelays(Transports transports, BearerConfig config, Collection<Realm> realms) {
        this.transports = Checks.notNull(transports, "transports");
        this.config = Checks.notNull(config, "config");
        for (Realm r : realms) {
            if (allocators.putIfAbsent(r.name(), new PortAllocator(r)) != null) {
                throw new IllegalArgumentException("realms: duplicate name " + r.name());
            }
        }
        if (allocators.isEmpty()) {
            throw new IllegalArgumentException("realms: empty");
        }
    }

    public BearerConfig config() {
        return config;
    }

    Transports transports() {
        return transports;
    }

    LegTlsContexts tlsContexts() {
        return tlsContexts;
    }

    /** The port allocator of a realm. */
    public PortAllocator allocator(Realm realm) {
        PortAllocator a = allocators.get(realm.name());
        if (a == null || !a.realm().equals(realm)) {
            throw new IllegalArgumentException("realm: unknown " + realm + " (expected one of " + allocators.keySet() + ")");
        }
        return a;
    }

    /** Every realm's allocator. */
    public List<PortAllocator> allocators() {
        return List.copyOf(allocators.values());
    }

    /**
     * A new relay between {@code access} and {@code core}, on the next event loop; call
     * {@link BearerRelay#open()} to start it.
     */
    public BearerRelay newRelay(String id, BearerLeg access, BearerLeg core, BearerListener listener) {
        Checks.notEmpty(id, "id");
        Checks.notNull(access, "access");
        Checks.notNull(core, "core");
        Checks.notNull(listener, "listener");
        BearerRelay r = new BearerRelay(id, this, transports.group().next(), access, core, listener);
        relays.add(r);
        return r;
    }

    /** Relays not closed yet. */
    public int relays() {
        return relays.size();
    }

    /** Sockets (listening or connected) of all relays that are still open. */
    public int openChannels() {
        return channels.size();
    }

    void track(Channel ch) {
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
    }

    void closed(BearerRelay relay) {
        relays.remove(relay);
    }

    /**
     * Closes every relay and waits (at most about the close timeout) for them. Blocks: never call it
     * on an event loop (use each relay's {@link BearerRelay#close()} future there).
     *
     * @throws IllegalStateException when called on one of the event loops
     */
    @Override
    public void close() {
        for (EventExecutor e : transports.group()) {
            if (e.inEventLoop()) {
                throw new IllegalStateException("BearerRelays.close() blocks: not on an event loop");
            }
        }
        List<BearerRelay> all = List.copyOf(relays);
        CompletableFuture<?>[] fs = all.stream().map(BearerRelay::close).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(fs).get(config.closeTimeout().toMillis() + 5000,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("[bearer] {} relays did not close in time: {}", relays.size(), e.toString());
        }
        tlsContexts.close();
    }
}
