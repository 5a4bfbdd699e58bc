package org.mediasec.ue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Origin;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;

/**
 * The SDP of the UE's MSRP stream: the offer it sends, the answer it gives to an offer, and the
 * checks on what it receives. Always {@code TCP/TLS/MSRP} with the UE's certificate fingerprint:
 * the UE never sends or accepts plain MSRP (a stream it cannot secure is refused, never downgraded).
 *
 * <p>Offer (specs.md §1.4 (C), TS 23.334 §6.2.10.3.1.1.1 step 1): {@code m=message <port> TCP/TLS/MSRP *},
 * {@code c=} the MSRP host, {@code a=accept-types}, {@code a=max-size}, {@code a=path:msrps://...;tcp},
 * {@code a=msrp-cema} (RFC 6714: "A peer applying RFC 6714 will include the "a=msrp-cema" SDP attribute in
 * the first SDP offer it sends", TS 23.334 §5.19), {@code a=setup:actpass} (RFC 6135 §4.2.2: "the UA MUST use
 * the a=setup "actpass" attribute value in SDP offers" when it has a reachable address), {@code a=fingerprint},
 * and in e2ae {@code a=3ge2ae:requested}. In e2e the same without {@code 3ge2ae}.
 */
public final class UeSdp {
    /** What this UE accepts (RFC 4975 §8.6): chat text, files, and CPIM-wrapped chat text (RFC 3862). */
    public static final List<String> ACCEPT_TYPES = List.of("message/cpim", "text/plain", "application/octet-stream");
    /** What this UE accepts inside {@code message/cpim} (RFC 4975 §8.6 {@code a=accept-wrapped-types}). */
    public static final List<String> ACCEPT_WRAPPED_TYPES = List.of("text/plain");

    private UeSdp() {
    }

    /**
     * What the UE puts in its SDP.
     *
     * @param user        o= user name
     * @param host        c= address and the host of the path URI
     * @param port        the MSRP listening port
     * @param path        our {@code a=path} URI ({@code msrps://host:port/id;tcp})
     * @param fingerprint our certificate's fingerprint
     * @param maxSize     {@code a=max-size}
     */
    public record Local(String user, String host, int port, MsrpUri path, CertificateFingerprint fingerprint, long maxSize) {
        public Local {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** A received SDP does not fit: {@code status} is the SIP response to refuse it with (488). */
    public static final class Rejection extends UeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Rejection(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Our answer and what it agreed. */
    public record Answer(SessionDescription sdp, int index, SecurityMode mode, Setup setup) {
    }

    /** What a received answer agreed for the stream at {@code index}. */
    public record Agreed(int index, SecurityMode mode) {
    }

    /** The offer for one MSRP stream in {@code mode}. */
    public static SessionDescription offer(SecurityMode mode, Local local, long sessionId) {
        MediaDescription.Builder m = MediaDescription.builder("message", local.port(), Proto.TCP_TLS_MSRP, "*")
                .set(SdpAttributes.ACCEPT_TYPES, ACCEPT_TYPES)
                .set(SdpAttributes.ACCEPT_WRAPPED_TYPES, ACCEPT_WRAPPED_TYPES)
                .set(SdpAttributes.MAX_SIZE, local.maxSize())
                .set(SdpAttributes.PATH, List.of(local.path().toString()))
                .flag("msrp-cema")
                .set(SdpAttributes.SETUP, Setup.ACTPASS)
                .set(SdpAttributes.FINGERPRINT, local.fingerprint());
        if (mode == SecurityMode.E2AE) {
            m.set(SdpAttributes.E2AE, E2aeIndication.REQUESTED);
        }
        return SessionDescription.builder(origin(local, sessionId))
                .connection(ConnectionData.of(local.host()))
                .addMedia(m.build())
                .build();
    }

    /**
     * Our answer to {@code offer}: the first {@code m=message} stream with a port is answered
     * {@code TCP/TLS/MSRP} with our fingerprint and the complementary setup role, every other stream
     * refused with port 0 (RFC 3264 §6: "An offered stream MAY be rejected in the answer").
     *
     * @throws Rejection when there is no usable MSRP stream, it is not TLS, or it has no fingerprint
     */
    public static Answer answer(SessionDescription offer, Local local, long sessionId) {
        int index = -1;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            if (m.media().equalsIgnoreCase("message") && !m.isRejected()) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw new Rejection(488, "the offer has no MSRP stream (m=message)");
        }
        MediaDescription om = offer.media().get(index);
        if (!om.proto().is(Proto.TCP_TLS_MSRP)) {
            // fail closed: never answer plain MSRP
            throw new Rejection(488, "the MSRP stream is " + om.proto() + ", this UE accepts only TCP/TLS/MSRP");
        }
        if (offer.getAll(om, SdpAttributes.FINGERPRINT).isEmpty()) {
            // RFC 8122 §5: the fingerprint is what authenticates the peer
            throw new Rejection(488, "the MSRP stream has no a=fingerprint (RFC 8122 §5)");
        }
        if (om.get(SdpAttributes.PATH).isEmpty()) {
            throw new Rejection(488, "the MSRP stream has no a=path (RFC 4975 §8.2)");
        }
        Optional<E2aeIndication> e2ae = offer.get(om, SdpAttributes.E2AE);
        SecurityMode mode = e2ae.isPresent() ? SecurityMode.E2AE : SecurityMode.E2E;
        Setup offered = offer.get(om, SdpAttributes.SETUP).filter(s -> s != Setup.HOLDCONN).orElse(Setup.ACTIVE);
        // RFC 6135 §4.2.2: to actpass the answerer "SHOULD include an a=setup "passive" attribute value if it
        // knows that it is not located behind a NAT"; RFC 4145 §4.1: active and passive are answered by the other.
        Setup setup = offered == Setup.PASSIVE ? Setup.ACTIVE : Setup.PASSIVE;
        MediaDescription.Builder m = MediaDescription.builder("message",
                        setup == Setup.ACTIVE ? 9 : local.port(), Proto.TCP_TLS_MSRP, "*")
                .set(SdpAttributes.ACCEPT_TYPES, ACCEPT_TYPES)
                .set(SdpAttributes.ACCEPT_WRAPPED_TYPES, ACCEPT_WRAPPED_TYPES)
                .set(SdpAttributes.MAX_SIZE, local.maxSize())
                .set(SdpAttributes.PATH, List.of(local.path().toString()))
                .flag("msrp-cema")
                .set(SdpAttributes.SETUP, setup)
                .set(SdpAttributes.FINGERPRINT, local.fingerprint());
        if (mode == SecurityMode.E2AE) {
            // the network told us it applies e2ae; our answer says we take part (TS 24.229 3ge2ae "applied")
            m.set(SdpAttributes.E2AE, E2aeIndication.APPLIED);
        }
        SessionDescription.Builder b = SessionDescription.builder(origin(local, sessionId))
                .connection(ConnectionData.of(local.host()));
        for (int i = 0; i < offer.media().size(); i++) {
            b.addMedia(i == index ? m.build() : offer.media().get(i).rejected());
        }
        return new Answer(b.build(), index, mode, setup);
    }

    /**
     * Checks an answer to our {@link #offer}: the MSRP stream accepted, {@code TCP/TLS/MSRP}, with a
     * fingerprint. The mode applied is e2ae when the answer says {@code a=3ge2ae:applied}.
     *
     * @throws UeException naming what is wrong
     */
    public static Agreed checkAnswer(SessionDescription offer, SessionDescription answer) {
        if (answer.media().size() != offer.media().size()) {
            // RFC 3264 §6: "The answer MUST contain exactly the same number of "m=" lines as the offer."
            throw new UeException("the answer has " + answer.media().size() + " m-lines, the offer " + offer.media().size()
                    + " (RFC 3264 §6)");
        }
        MediaDescription am = answer.media().get(0);
        if (am.isRejected()) {
            throw new UeException("the MSRP stream was refused (port 0 in the answer)");
        }
        if (!am.proto().is(Proto.TCP_TLS_MSRP)) {
            throw new UeException("the answer's MSRP stream is " + am.proto() + ", not TCP/TLS/MSRP: refused (no downgrade)");
        }
        if (answer.getAll(am, SdpAttributes.FINGERPRINT).isEmpty()) {
            throw new UeException("the answer's MSRP stream has no a=fingerprint (RFC 8122 §5)");
        }
        boolean applied = answer.get(am, SdpAttributes.E2AE).filter(E2aeIndication.APPLIED::equals).isPresent();
        return new Agreed(0, applied ? SecurityMode.E2AE : SecurityMode.E2E);
    }

    private static Origin origin(Local local, long sessionId) {
        Origin o = Origin.of(Long.toString(sessionId), "1", local.host());
        return new Origin(local.user(), o.sessionId(), o.sessionVersion(), o.netType(), o.addrType(), o.address());
    }
}
