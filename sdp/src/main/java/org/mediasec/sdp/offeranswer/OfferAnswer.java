package org.mediasec.sdp.offeranswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.Direction;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TcpConnection;
import org.mediasec.sdp.Timing;

/**
 * RFC 3264 answer generation as a pure function. Rejected streams are answered with port 0
 * ("To reject an offered stream, the port number in the corresponding stream in the answer MUST be
 * set to zero", RFC 3264 §6), never with an exception; the answer always has as many m-lines as the
 * offer, in the same order.
 */
public final class OfferAnswer {
    private OfferAnswer() {
    }

    /**
     * Answers {@code offer} with {@code local}. Per offered m-line: an offered port 0 stays
     * rejected; otherwise the first capability with the same media type and an accepted proto is
     * used, with the offered formats it accepts (in offer order); no capability or no common format
     * rejects the stream. An accepted stream gets the capability's port and attributes, the
     * mirrored direction (sendonly ↔ recvonly, inactive), and, for TCP and DTLS protos or when the
     * offer has {@code a=setup}, the RFC 4145 {@code a=setup} answer and, over TCP, the offer's
     * {@code a=connection} (never over UDP: RFC 7345 §4.1). A TCP answer that is {@code active} gets
     * port 9 (RFC 4145 §4.1). For MSRP an offered {@code holdconn} is read as no setup (RFC 6135).
     *
     * @throws org.mediasec.sdp.SdpAttributeException when an offered {@code a=setup} or
     *                                                {@code a=connection} is malformed
     */
    public static Answer answer(SessionDescription offer, LocalCapabilities local) {
        SessionDescription.Builder b = SessionDescription.builder().version(0).origin(local.origin())
                .sessionName("-").connection(local.connection());
        List<Timing> timings = offer.timings();
        b.addTiming(timings.isEmpty() ? Timing.UNBOUNDED : timings.get(0));
        for (Attribute a : local.sessionAttributes()) {
            b.addAttribute(a);
        }
        List<Answer.Stream> streams = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            Answer.Stream s = answerStream(offer, m, i, local, b);
            streams.add(s);
        }
        return new Answer(b.build(), streams);
    }

    private static Answer.Stream answerStream(SessionDescription offer, MediaDescription m, int index,
                                              LocalCapabilities local, SessionDescription.Builder out) {
        if (m.port() == 0) {
            out.addMedia(reject(m));
            return rejected(index, "rejected or disabled in the offer (port 0)");
        }
        MediaCapability cap = null;
        for (MediaCapability c : local.media()) {
            if (c.accepts(m)) {
                cap = c;
                break;
            }
        }
        if (cap == null) {
            out.addMedia(reject(m));
            return rejected(index, "no local capability for " + m.media() + " over " + m.proto());
        }
        List<String> formats = new ArrayList<>();
        for (String f : m.formats()) {
            if (cap.acceptsAnyFormat() || cap.formats().contains(f)) {
                formats.add(f);
            }
        }
        if (formats.isEmpty() && !m.formats().isEmpty()) {
            out.addMedia(reject(m));
            return rejected(index, "no common format (offered " + m.formats() + ", accepted " + cap.formats() + ")");
        }
        MediaDescription.Builder a = MediaDescription.builder().media(m.media()).port(cap.port()).proto(m.proto())
                .formats(formats);
        for (Attribute attr : cap.attributes()) {
            a.addAttribute(attr);
        }
        direction(offer, m).ifPresent(d -> a.flag(d.token()));
        Optional<ConnectionRoles> roles = Optional.empty();
        Optional<Setup> offeredSetup = offer.get(m, SdpAttributes.SETUP);
        if (m.proto().isMsrp()) {
            offeredSetup = SetupNegotiation.forMsrp(offeredSetup);
        }
        if (offeredSetup.isPresent() || m.proto().isTcp() || m.proto().isDtls()) {
            Setup o = offeredSetup.orElse(SetupNegotiation.DEFAULT_OFFER);
            Setup ans = SetupNegotiation.answer(o, cap.preferredSetup());
            a.set(SdpAttributes.SETUP, ans);
            if (ans == Setup.ACTIVE && m.proto().isTcp()) {
                a.port(SetupNegotiation.DISCARD_PORT);
            }
            roles = Optional.of(SetupNegotiation.roles(o, ans));
            Optional<TcpConnection> conn = offer.get(m, SdpAttributes.CONNECTION);
            if (conn.isPresent() && m.proto().isTcp()) {
                a.set(SdpAttributes.CONNECTION, conn.get());
            }
        }
        out.addMedia(a.build());
        return new Answer.Stream(index, true, "", Optional.of(cap), roles);
    }

    /** The answer's direction attribute for an offered stream (RFC 3264 §6.1), when the offer states one. */
    static Optional<Direction> direction(SessionDescription session, MediaDescription m) {
        return Direction.of(m).or(() -> Direction.of(session)).map(Direction::answer);
    }

    /** The offered m-line with port 0 and its formats, no attributes (RFC 3264 §6). */
    public static MediaDescription reject(MediaDescription offered) {
        List<String> formats = offered.formats().isEmpty() ? List.of("*") : offered.formats();
        return MediaDescription.builder().media(offered.media()).port(0).proto(offered.proto()).formats(formats).build();
    }

    private static Answer.Stream rejected(int index, String reason) {
        return new Answer.Stream(index, false, reason, Optional.empty(), Optional.empty());
    }
}
