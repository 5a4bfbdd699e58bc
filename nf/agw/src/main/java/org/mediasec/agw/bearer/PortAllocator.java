package org.mediasec.agw.bearer;

import java.util.BitSet;

import org.mediasec.common.Checks;

/**
 * Hands out the TCP ports of one {@link Realm}: {@link #next()} for the CHOOSE wildcard
 * ({@code $}: the next free port after the last one handed out, round robin, so a port just
 * released is not reused at once), {@link #take(int)} for a port the IMS-ALG names.
 * A port stays allocated until {@link #release(int)}. Thread-safe.
 *
 * <p>Allocation only books the port in this table; binding may still fail when another process
 * holds it, and {@link BearerRelay} then releases it and tries the next one.
 */
public final class PortAllocator {
    private final Realm realm;
    private final BitSet used;
    private int cursor;

    public PortAllocator(Realm realm) {
        this.realm = Checks.notNull(realm, "realm");
        this.used = new BitSet(realm.size());
    }

    public Realm realm() {
        return realm;
    }

    /**
     * The next free port of the range.
     *
     * @throws IllegalStateException when every port of the range is allocated
     */
    public synchronized int next() {
        int size = realm.size();
        for (int i = 0; i < size; i++) {
            int idx = (cursor + i) % size;
            if (!used.get(idx)) {
                used.set(idx);
                cursor = (idx + 1) % size;
                return realm.minPort() + idx;
            }
        }
        throw new IllegalStateException("realm " + realm.name() + ": all " + size + " ports in use");
    }

    /**
     * Allocates exactly {@code port}.
     *
     * @throws IllegalArgumentException when the port is outside the range
     * @throws IllegalStateException    when it is already allocated
     */
    public synchronized int take(int port) {
        if (!realm.contains(port)) {
            throw new IllegalArgumentException("port: " + port + " (expected: " + realm.minPort() + ".."
                    + realm.maxPort() + " in realm " + realm.name() + ")");
        }
        int idx = port - realm.minPort();
        if (used.get(idx)) {
            throw new IllegalStateException("realm " + realm.name() + ": port " + port + " already in use");
        }
        used.set(idx);
        return port;
    }

    /** Frees {@code port}; freeing a port that is not allocated is a bug. */
    public synchronized void release(int port) {
        int idx = port - realm.minPort();
        if (!realm.contains(port) || !used.get(idx)) {
            throw new IllegalStateException("realm " + realm.name() + ": port " + port + " is not allocated");
        }
        used.clear(idx);
    }

    /** Number of ports allocated now. */
    public synchronized int inUse() {
        return used.cardinality();
    }

    @Override
    public String toString() {
        return "PortAllocator[" + realm + ", in use " + inUse() + "]";
    }
}
