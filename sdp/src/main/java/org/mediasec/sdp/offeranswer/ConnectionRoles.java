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
 *   <li>TCP: the {@code active} end opens the TCP connection (RFC 4145 §4: "'active': The endpoint
 *       will initiate an outgoing connection.").</li>
 *   <li>TLS over TCP: the TCP-active end is the TLS client. RFC 8122 §6.2: "an endpoint acting as
 *       the TLS server (i.e., one taking the 'setup:passive' role, in the terminology of
 *       connection-oriented media)" and "the client (the endpoint with the 'setup:active' role)".</li>
 *   <li>DTLS: the {@code active} end is the DTLS client. RFC 8842 §5.3: "if the answerer inserts an
 *       SDP "setup" attribute with an "active" attribute value in the answer, the answerer MUST
 *       initiate a DTLS handshake [RFC6347] by sending a DTLS ClientHello message towards the
 *       offerer"; §5.4: "if the offerer becomes DTLS client (based on the value of the SDP "setup"
 *       attribute value [RFC4145]), the offerer MUST establish a DTLS association". RFC 8842 also
 *       says "endpoints MUST NOT use the SDP "setup" attribute "holdconn" value when negotiating a
 *       DTLS association", so {@link #onHold()} should not happen for DTLS.</li>
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

    /** The TLS client over TCP: the TCP-active side (RFC 8122 §6.2). */
    public Optional<Side> tlsClient() {
        return tcpActive();
    }

    /** The DTLS client: the side whose setup is active (RFC 8842 §5.3-§5.4, RFC 5763 §5). */
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
