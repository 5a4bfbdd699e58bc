package org.mediasec.agw.bearer;

/**
 * Who opens the TCP connection of a termination, as the IMS-ALG gives it in the {@code a=setup}
 * attribute of the H.248 Local descriptor (RFC 4145; TS 23.334 §6.2.18).
 *
 * <p><b>TCP merge mode</b> (TS 23.334 §6.2.18.4: "The IMS-ALG preconfigures the IMS-AGW to operate in
 * TCP merge mode by providing the "a=setup:passive" attribute") is what {@link BearerRelay} always
 * does: the AGW joins ("merges") two separate TCP connections, one per termination, and establishes
 * them lazily: "incoming TCP bearer establishment triggers an outgoing TCP bearer establishment".
 * Concretely:
 * <ul>
 *   <li>a {@link #PASSIVE} leg listens from the moment the relay opens, and accepts exactly one
 *       connection (the listener then closes; later connection attempts are refused);</li>
 *   <li>an {@link #ACTIVE} leg connects once its remote address is known and <em>either</em> the other
 *       leg is established (connected, and for TLS authenticated), <em>or</em> the other leg is active
 *       too (nothing to wait for), <em>or</em> {@link BearerRelay#establish(Side)} asks for it (the
 *       "Establish (D)TLS session" / "start TCP connection establishment" IEs).</li>
 * </ul>
 * The trigger is the other leg being <em>established</em>, not merely TCP-connected: a TLS leg counts
 * only after its handshake and fingerprint check, so an unauthenticated UE cannot make the AGW open
 * connections into the core. Bytes are relayed only when both legs are established; until then the
 * AGW does not read from the leg that is ready (bounded memory).
 */
public enum TcpSetup {
    /** The AGW connects to the remote address ({@code a=setup:active} toward the peer's passive). */
    ACTIVE,
    /** The AGW listens on its local port ({@code a=setup:passive}); the peer connects. */
    PASSIVE;

    @Override
    public String toString() {
        return this == ACTIVE ? "active" : "passive";
    }
}
