package org.mediasec.agw.bearer;

/**
 * Told what happens to a relay, so the H.248 layer can send Notify and count. Every method runs on
 * the relay's event loop: be quick, never block; an exception thrown here is logged and ignored.
 * For one relay the order is: {@code legEstablished} (each leg, as it comes up), {@code established}
 * (both up, bytes flow), then at most one {@code failed}, then exactly one {@code closed}.
 */
public interface BearerListener {
    /** Ignores everything. */
    BearerListener NONE = new BearerListener() {
    };

    /** A leg is up: TCP connected, and for TLS the handshake and fingerprint check passed. */
    default void legEstablished(BearerRelay relay, LegStats leg) {
    }

    /** Both legs are up; bytes are relayed from now on. */
    default void established(BearerRelay relay, RelayStats stats) {
    }

    /** Reads from {@code side} paused because the other leg cannot take more (backpressure). */
    default void readsPaused(BearerRelay relay, Side side) {
    }

    /** Reads from {@code side} resumed. */
    default void readsResumed(BearerRelay relay, Side side) {
    }

    /** The relay failed; both legs are being closed. Called once, before {@link #closed}. */
    default void failed(BearerRelay relay, BearerFailure failure) {
    }

    /** Every socket and port of the relay is released; {@code stats} are final. Called once. */
    default void closed(BearerRelay relay, RelayStats stats) {
    }
}
