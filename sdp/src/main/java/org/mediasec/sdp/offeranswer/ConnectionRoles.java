package org.mediasec.sdp.offeranswer;

import java.util.Objects;
import java.util.Optional;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/**
 * Who opens the connection and who starts the handshake, derived from the negotiated
 * {@code a=setup} values (see {@link SetupNegotiation#roles}).
 *
 * <ul>
 *   <li>TCP: the {@code active} end opens the TCP connection (RFC 4145 §4).</li>
 *   <li>TLS over TCP: "the endpoint that is the active endpoint of the TCP connection MUST be the
 *       TLS client" — the TCP-active end is the TLS client (RFC 4572 §6.2, kept by RFC 8122).</li>
 *   <li>DTLS: the {@code active} end is the DTLS client (RFC 5763 §5, RFC 8842 §5).</li>
 * </ul>
 *
 * @param offer      the offer's (effective) setup value
 * @param answer     the answer's (effective) setup value
 * @param activeSide the side whose effective role is active; {@code null} when the answer is holdconn
 */
public record ConnectionRoles(Setup offer, Setup answer, Side activeSide) {
    public ConnectionRoles {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(answer, "answer");
    }

    /** True when no connection is to be set up now ({@code holdconn}). */
    public boolean onHold() {
        return activeSide == null;
    }

    /** The side that opens the TCP connection. */
    public Optional<Side> tcpActive() {
        return Optional.ofNullable(activeSide);
    }

    /** The side that waits for the TCP connection. */
    public Optional<Side> tcpPassive() {
        return tcpActive().map(Side::other);
    }

    /** The TLS client over TCP: the TCP-active side (RFC 4572 §6.2 / RFC 8122). */
    public Optional<Side> tlsClient() {
        return tcpActive();
    }

    /** The DTLS client: the side whose setup is active (RFC 5763 §5, RFC 8842). */
    public Optional<Side> dtlsClient() {
        return tcpActive();
    }

    /** The TLS or DTLS client for this proto (same side under both rules). */
    public Optional<Side> handshakeClient(Proto proto) {
        return proto.isDtls() ? dtlsClient() : tlsClient();
    }

    /** True when {@code side} opens the connection and starts the (D)TLS handshake. */
    public boolean isClient(Side side) {
        return side == activeSide;
    }

    /** The effective setup of {@code side} after negotiation ({@code active}, {@code passive} or {@code holdconn}). */
    public Setup effective(Side side) {
        if (activeSide == null) {
            return Setup.HOLDCONN;
        }
        return side == activeSide ? Setup.ACTIVE : Setup.PASSIVE;
    }
}
