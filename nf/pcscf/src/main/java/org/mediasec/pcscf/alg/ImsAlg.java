package org.mediasec.pcscf.alg;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.iq.IqEvents;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;
import org.mediasec.sdp.offeranswer.SetupNegotiation;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS-ALG media core of the P-CSCF as pure functions (specs.md §1.4, iq-profile.md):
 * <ol>
 *   <li>{@link #plan}: decide per m-line ({@link MediaDecider}) and build the terminations to reserve;</li>
 *   <li>{@link #forwardOffer}: with the AGW's replies, the offer to send on (toward the core for an
 *       originating session, toward the UE for a terminating one);</li>
 *   <li>{@link #onAnswer}: with the answer, the Modifies (or releases) for the AGW and the answer to send back.</li>
 * </ol>
 * Everything in the SDP that is not named below is kept as it was, line for line and in order.
 * {@code a=3ge2ae} never crosses the P-CSCF: it is an indication between the UE and its P-CSCF (TS 23.334
 * §6.2.10 puts it only in the SDP exchanged with the UE), so any received one is removed and
 * {@code a=3ge2ae:applied} is added where e2ae is applied. With CEMA ({@code a=msrp-cema} in the offer)
 * {@code a=path} is left alone (TS 23.334 §5.19 / RFC 6714); an e2ae MSRP stream offered without it
 * is put in MSRP application-aware mode ({@link MsrpAwareMode}): each peer sees the AGW's URI in
 * {@code a=path}, and the AGW gets both URIs and both peers' paths (iq-profile.md row 26). An e2ae MSRP
 * stream offered with CEMA and answered without it turns MSRP-aware in the answer's Modifies, the offerer
 * seeing the AGW's URI in the answer ({@link MsrpAwareMode#cemaDropped}).
 */
public final class ImsAlg {
    private static final Logger LOG = LoggerFactory.getLogger(ImsAlg.class);

    private final AlgConfig config;
    private final Supplier<TlsId> tlsIds;
    private final Supplier<String> msrpSessionIds;

    /**
     * @param config the IMS-ALG's choices
     * @param tlsIds where new DTLS association identities come from (RFC 8842 {@code a=tls-id})
     */
    public ImsAlg(AlgConfig config, Supplier<TlsId> tlsIds) {
        this(config, tlsIds, MsrpAwareMode.randomSessionIds(new SecureRandom()));
    }

    /**
     * @param config         the IMS-ALG's choices
     * @param tlsIds         where new DTLS association identities come from (RFC 8842 {@code a=tls-id})
     * @param msrpSessionIds where the session-ids of the AGW's MSRP URIs come from (MSRP-aware mode)
     */
    public ImsAlg(AlgConfig config, Supplier<TlsId> tlsIds, Supplier<String> msrpSessionIds) {
        this.config = Objects.requireNonNull(config, "config");
        this.tlsIds = Objects.requireNonNull(tlsIds, "tlsIds");
        this.msrpSessionIds = Objects.requireNonNull(msrpSessionIds, "msrpSessionIds");
    }

    /** Default choices, tls-ids and MSRP session-ids from a {@link SecureRandom}. */
    public static ImsAlg withDefaults() {
        SecureRandom random = new SecureRandom();
        return new ImsAlg(AlgConfig.defaults(), () -> TlsId.random(random), MsrpAwareMode.randomSessionIds(random));
    }

    public AlgConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ 1. plan

    /** Decides and plans: {@link MediaDecider#decide} then {@link #plan(SessionDescription, MediaDecision)}. */
    public IqPlan plan(SessionDescription offer, CallDirection direction, MediaSecCapabilities agreed) {
        return plan(offer, MediaDecider.decide(offer, direction, agreed));
    }

    /** The terminations to reserve for each stream of a decided offer. */
    public IqPlan plan(SessionDescription offer, MediaDecision decision) {
        if (decision.streams().size() != offer.media().size()) {
            throw new IllegalArgumentException("decision for " + decision.streams().size() + " streams, offer has "
                    + offer.media().size());
        }
        List<StreamPlan> out = new ArrayList<>();
        for (StreamDecision d : decision.streams()) {
            out.add(msrpMode(switch (d.action()) {
                case DISABLED, REJECT -> new StreamPlan(d, null, null, null);
                case E2AE -> planE2ae(offer, d);
                case TERMINATING_UPGRADE -> planUpgrade(offer, d);
                case PASS_THROUGH, ANCHOR -> planPlain(offer, d, decision.direction());
            }));
        }
        return new IqPlan(decision, out);
    }

    /**
     * MSRP application-aware mode for an anchored MSRP stream offered without {@code a=msrp-cema}: RFC 6714
     * §6.2, "The Middlebox enables that functionality [MSRP B2BUA] in cases where the offerer does not
     * support the CEMA extension"; with CEMA, TS 23.334 §5.19: the IMS-ALG "shall ensure that the IMS-AGW
     * performs application agnostic MSRP handling" (agnostic protos: the plan stays as it is).
     */
    private StreamPlan msrpMode(StreamPlan sp) {
        if (!sp.reserves() || !sp.decision().action().terminatesTls() || !MsrpAwareMode.applies(sp.access(), sp.core())) {
            // Plain anchoring (ANCHOR) keeps relaying bytes: both of its terminations are plain, the AGW makes
            // them a pass-through bearer at the Add and refuses to turn it MSRP-aware in the Modify (473), and
            // the AGW's port, part of its URI, is only known from the Add's reply.
            return sp;
        }
        return new StreamPlan(sp.decision(), sp.access(), sp.core(), sp.accessTlsId(),
                new MsrpAwareMode.SessionIds(msrpSessionIds.get(), msrpSessionIds.get()));
    }

    private IqEvents events(int index, int side) {
        return IqEvents.failuresAndHeartbeat(config.eventsBase() + 2L * index + side);
    }

    /**
     * UE-originated e2ae (TS 23.334 §6.2.10, specs.md §1.4 B/C/D): access side terminates TLS/DTLS with the
     * UE's fingerprint as "Remote certificate fingerprint" and "Local certificate fingerprint Request"; the
     * AGW's role is the complement of the UE's a=setup ("active ⇒ AGW DTLS server; passive ⇒ AGW DTLS
     * client; actpass ⇒ IMS-ALG decides"); core side plain, the AGW connecting (the offer toward the core
     * carries no a=setup, RFC 4145 §4.1 default active).
     */
    private StreamPlan planE2ae(SessionDescription sdp, StreamDecision d) {
        MediaDescription m = sdp.media().get(d.index());
        Optional<Setup> received = sdp.get(m, SdpAttributes.SETUP);
        Setup x = Streams.effectiveOffer(m, received);
        boolean dtls = m.proto().isDtls();
        Setup role = x == Setup.ACTPASS ? (dtls ? config.dtlsActpassRole() : config.tcpActpassRole()) : Streams.complement(x);
        // TS 23.334 §6.2.10 (DTLS): "If offer has a=tls-id ⇒ create a new DTLS association identity".
        TlsId accessTlsId = dtls ? tlsIds.get() : null;
        TlsTermination.Builder b = accessBuilder(d, role);
        RemoteMedia ue = new RemoteMedia(endpoint(sdp, m), received.orElse(null), sdp.getAll(m, SdpAttributes.FINGERPRINT),
                sdp.get(m, SdpAttributes.TLS_ID).orElse(null));
        b.remote(ue).mode(StreamMode.INACTIVE).events(events(d.index(), 0));
        if (config.tlsIdToAgw() && accessTlsId != null) {
            b.localTlsId(accessTlsId);
        }
        PlainTermination core = coreTermination(d, Setup.ACTIVE).withMode(StreamMode.INACTIVE)
                .withEvents(events(d.index(), 1));
        return new StreamPlan(d, b.build(), core, accessTlsId);
    }

    /**
     * Terminating e2ae (specs.md §1.4 A, C): access side TLS/DTLS, reserved before the UE is known, the AGW
     * listening (TCP) or without a role yet (DTLS, iq-profile.md row 10); core side plain with the core
     * offerer as Remote, the AGW taking the role that answers the core's a=setup.
     */
    private StreamPlan planUpgrade(SessionDescription sdp, StreamDecision d) {
        MediaDescription m = sdp.media().get(d.index());
        boolean tcp = m.proto().isTcp();
        Optional<Setup> received = sdp.get(m, SdpAttributes.SETUP);
        Setup coreRole = tcp ? Streams.answerSideRole(Streams.effectiveOffer(m, received)) : null;
        PlainTermination core = coreTermination(d, coreRole)
                .withRemote(new RemoteMedia(endpoint(sdp, m), tcp ? received.orElse(null) : null, List.of(), null))
                .withMode(StreamMode.INACTIVE).withEvents(events(d.index(), 1));
        boolean dtls = m.proto().secureEquivalent().orElseThrow().isDtls();
        // TS 23.334 §6.2.10 T.38 step 3: "add a=tls-id: with a new DTLS association identity".
        TlsId accessTlsId = dtls ? tlsIds.get() : null;
        TlsTermination.Builder b = accessBuilder(d, tcp ? Setup.PASSIVE : null)
                .mode(StreamMode.INACTIVE).events(events(d.index(), 0));
        if (config.tlsIdToAgw() && accessTlsId != null) {
            b.localTlsId(accessTlsId);
        }
        return new StreamPlan(d, b.build(), core, accessTlsId);
    }

    /** The access-side TLS termination for the stream's mechanism (iq-profile.md rows 1-3, 16). */
    private TlsTermination.Builder accessBuilder(StreamDecision d, Setup role) {
        return switch (d.mechanism()) {
            case MSRP_TLS -> d.msrpHandling() == MsrpHandling.APPLICATION_AGNOSTIC
                    ? TlsTermination.msrpAgnostic(role) : TlsTermination.msrp(role);
            case BFCP_TLS -> TlsTermination.bfcp(role);
            case UDPTL_DTLS -> TlsTermination.builder("image", config.t38AccessProto(), "t38").setup(role)
                    .requestLocalFingerprint(true);
            default -> throw new IllegalStateException("no e2ae termination for " + d.mechanism());
        };
    }

    /** The core-side plain termination (iq-profile.md row 4). */
    private static PlainTermination coreTermination(StreamDecision d, Setup role) {
        return switch (d.mechanism()) {
            case MSRP_TLS -> PlainTermination.msrpCore(d.msrpHandling() == null ? MsrpHandling.APPLICATION_AWARE
                    : d.msrpHandling(), role);
            case BFCP_TLS -> PlainTermination.bfcpCore(role);
            case UDPTL_DTLS -> PlainTermination.t38Core();
            default -> throw new IllegalStateException("no e2ae termination for " + d.mechanism());
        };
    }

    /**
     * Pass-through and anchoring: both terminations plain, no TLS information ("configuring the IMS-AGW to
     * pass media transparently", TS 23.334 §6.2.10). The termination facing the offerer answers its a=setup
     * (TCP merge mode, TS 23.334 §6.2.18.4); the one facing the answerer takes the offerer's role.
     */
    private StreamPlan planPlain(SessionDescription sdp, StreamDecision d, CallDirection direction) {
        MediaDescription m = sdp.media().get(d.index());
        Proto agw = Streams.agwPlainProto(m, d.msrpHandling());
        List<String> formats = Streams.agwFormats(agw, m);
        boolean tcp = agw.isTcp();
        Optional<Setup> received = sdp.get(m, SdpAttributes.SETUP);
        Setup x = tcp ? Streams.effectiveOffer(m, received) : null;
        RemoteMedia offerer = new RemoteMedia(endpoint(sdp, m), tcp ? received.orElse(null) : null, List.of(), null);
        boolean originating = direction == CallDirection.ORIGINATING;
        PlainTermination answerSide = new PlainTermination(m.media(), agw, formats, MediaEndpoint.choose(),
                tcp ? Streams.answerSideRole(x) : null, offerer, StreamMode.INACTIVE, events(d.index(), originating ? 0 : 1));
        PlainTermination offerSide = new PlainTermination(m.media(), agw, formats, MediaEndpoint.choose(),
                tcp ? Streams.offerSideRole(x) : null, null, StreamMode.INACTIVE, events(d.index(), originating ? 1 : 0));
        return originating ? new StreamPlan(d, answerSide, offerSide, null) : new StreamPlan(d, offerSide, answerSide, null);
    }

    private static MediaEndpoint endpoint(SessionDescription sdp, MediaDescription m) {
        ConnectionData c = sdp.connectionFor(m).orElseThrow(() -> new AlgException("no c= line for " + m.mediaLineText()));
        return new MediaEndpoint(new ConnectionData(c.netType(), c.addrType(), c.host()), m.port());
    }

    // ------------------------------------------------------------------ 2. offer

    /**
     * The offer to send on, given what the AGW reserved.
     *
     * @param offer    the offer as received
     * @param plan     its plan
     * @param reserved the AGW's reservation per anchored m-line index
     * @throws AlgException when an anchored stream has no reservation, or a TLS one no AGW fingerprint
     */
    public SessionDescription forwardOffer(SessionDescription offer, IqPlan plan, Map<Integer, AgwReservation> reserved) {
        SessionDescription sdp = SessionTls.pushDown(offer);
        boolean originating = plan.direction() == CallDirection.ORIGINATING;
        List<MediaDescription> out = new ArrayList<>();
        Map<Integer, ConnectionData> conns = new LinkedHashMap<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            StreamPlan sp = plan.stream(i);
            MediaDescription m = sdp.media().get(i);
            MediaDescription.Builder b = m.toBuilder().remove(SdpAttributes.E2AE);
            if (!sp.reserves()) {
                if (sp.decision().action() == StreamAction.REJECT) {
                    b.port(0).numberOfPorts(0);   // RFC 3264 §8.2: port 0 disables the stream
                }
                out.add(b.build());
                continue;
            }
            AgwReservation res = reservation(reserved, i);
            IqLocal fwd = originating ? res.core() : res.access();
            b.port(fwd.endpoint().port()).numberOfPorts(0);
            switch (sp.decision().action()) {
                case E2AE -> // offer toward the core: plain proto, without the UE's TLS information and setup
                        // (TS 23.334 §6.2.10: "offer to core: remove setup attribute, proto RTP/AVP"; MSRP/BFCP/T.38 alike).
                        b.proto(m.proto().plainEquivalent()).remove(SdpAttributes.FINGERPRINT)
                                .remove(SdpAttributes.SETUP).remove(SdpAttributes.TLS_ID);
                case TERMINATING_UPGRADE -> {
                    // TS 23.334 §6.2.10 T.38 step 3: proto udptl → UDP/TLS/UDPTL; "inserting the 3ge2ae SDP attribute
                    // ... with a value "applied""; a=fingerprint with "the value of the Local certificate fingerprint
                    // IE received from the IMS-AGW"; a=tls-id with a new DTLS association identity; a=setup actpass.
                    b.proto(m.proto().secureEquivalent().orElseThrow()).remove(SdpAttributes.FINGERPRINT)
                            .remove(SdpAttributes.TLS_ID).set(SdpAttributes.SETUP, Setup.ACTPASS);
                    for (CertificateFingerprint f : agwFingerprints(res, i)) {
                        b.add(SdpAttributes.FINGERPRINT, f);
                    }
                    if (sp.accessTlsId() != null) {
                        b.add(SdpAttributes.TLS_ID, sp.accessTlsId());
                    }
                    b.add(SdpAttributes.E2AE, E2aeIndication.APPLIED);
                }
                default -> {
                    // pass-through / anchoring: only c= and m= change (TS 23.334 §6.2.10: "forward the SDP with
                    // unmodified transport protocol ... and unmodified TLS related SDP attribute(s)").
                }
            }
            if (sp.msrpAware()) {
                // MSRP-aware mode: the answerer sees the AGW as its MSRP peer (iq-profile.md row 26).
                MsrpAwareMode.rewrite(b, MsrpAwareMode.uri(fwd, originating ? sp.msrpSessions().core()
                        : sp.msrpSessions().access()));
            }
            out.add(b.build());
            conns.put(i, fwd.endpoint().connection());
        }
        return withConnections(sdp, out, conns);
    }

    // ------------------------------------------------------------------ 3. answer

    /**
     * Applies the answer: per anchored stream the Modifies for the AGW (or a release), and the answer to
     * send back (toward the UE for an originating session, toward the core for a terminating one).
     *
     * @param offer    the offer as originally received (not the forwarded one)
     * @param plan     its plan
     * @param reserved the AGW's reservation per anchored m-line index
     * @param answer   the answer as received
     * @throws AlgException when the answer has a different number of m-lines (RFC 3264 §6), or a
     *                      reservation is missing
     */
    public AnswerResult onAnswer(SessionDescription offer, IqPlan plan, Map<Integer, AgwReservation> reserved,
                                 SessionDescription answer) {
        if (answer.media().size() != offer.media().size()) {
            // RFC 3264 §6: "The answer MUST contain exactly the same number of "m=" lines as the offer."
            throw new AlgException("answer has " + answer.media().size() + " m-lines, the offer " + offer.media().size()
                    + " (RFC 3264 §6)");
        }
        SessionDescription off = SessionTls.pushDown(offer);
        SessionDescription ans = SessionTls.pushDown(answer);
        boolean originating = plan.direction() == CallDirection.ORIGINATING;
        List<MediaDescription> out = new ArrayList<>();
        List<StreamUpdate> updates = new ArrayList<>();
        Map<Integer, ConnectionData> conns = new LinkedHashMap<>();
        for (int i = 0; i < ans.media().size(); i++) {
            StreamPlan sp = plan.stream(i);
            MediaDescription m = off.media().get(i);
            MediaDescription a = ans.media().get(i);
            if (!sp.reserves()) {
                out.add(a.toBuilder().port(0).numberOfPorts(0).remove(SdpAttributes.E2AE).build());
                continue;
            }
            AgwReservation res = reservation(reserved, i);
            Proto backProto = m.proto();   // the proto the receiver of the answer offered
            if (a.port() == 0) {
                out.add(closed(a, backProto, sp));
                updates.add(new StreamUpdate(i, res, null, null, null));
                continue;
            }
            Applied applied;
            try {
                applied = originating ? answerOriginating(off, m, ans, a, sp, res) : answerTerminating(off, m, ans, a, sp, res);
                if (sp.msrpAware()) {
                    applied = msrpAware(applied, sp, res, m, a, originating);
                } else if (MsrpAwareMode.cemaDropped(sp, m, a)) {
                    applied = cemaDropped(applied, res, m, a, originating);
                }
            } catch (AlgException | IllegalArgumentException e) {
                String why = e.getMessage();
                LOG.warn("{} m-line {} released: {}", plan.direction(), i, why);
                out.add(closed(a, backProto, sp));
                updates.add(new StreamUpdate(i, res, null, null, why));
                continue;
            }
            out.add(applied.media());
            updates.add(applied.update());
            conns.put(i, (originating ? res.access() : res.core()).endpoint().connection());
        }
        return new AnswerResult(withConnections(ans, out, conns), updates);
    }

    private record Applied(MediaDescription media, StreamUpdate update) {
    }

    /**
     * MSRP-aware mode at the answer (iq-profile.md row 26): each termination gets the AGW's URI toward its
     * peer as Local {@code a=path} (the URI written into the SDP that peer got) and the peer's own path as
     * Remote {@code a=path}; the answer sent back names the AGW's URI toward its receiver.
     */
    private static Applied msrpAware(Applied applied, StreamPlan sp, AgwReservation res, MediaDescription offered,
                                     MediaDescription answered, boolean originating) {
        String accessUri = MsrpAwareMode.uri(res.access(), sp.msrpSessions().access());
        String coreUri = MsrpAwareMode.uri(res.core(), sp.msrpSessions().core());
        // originating: the UE offered, the core answered; terminating: the other way round
        List<String> uePath = MsrpAwareMode.peerPath(originating ? offered : answered, "the UE");
        List<String> corePath = MsrpAwareMode.peerPath(originating ? answered : offered, "the core peer");
        StreamUpdate u = applied.update();
        IqTermination access = withPaths(u.access(), accessUri, uePath);
        IqTermination core = withPaths(u.core(), coreUri, corePath);
        MediaDescription back = MsrpAwareMode.rewrite(applied.media().toBuilder(), originating ? accessUri : coreUri)
                .build();
        return new Applied(back, new StreamUpdate(u.index(), u.reservation(), access, core, u.failure()));
    }

    /**
     * The answer to an offer with {@code a=msrp-cema} has none (iq-profile.md row 26, §10): the answerer
     * does not apply RFC 6714, so the byte relay planned for the offer no longer joins two matching MSRP
     * sessions, and the IMS-ALG turns the stream MSRP-aware in the answer's Modifies (RFC 6714 §6.2: the
     * Middlebox "is MSRP aware ... it implements MSRP B2BUA functionality"; "If it does not use the CEMA
     * procedures, it will never forward the SDP 'msrp-cema' attribute in SDP offers and answers"). The
     * offer already went on with the offerer's {@code a=path}, so the AGW keeps that URI toward the
     * answerer (who addresses it in To-Path and expects it in From-Path); toward the offerer it takes a
     * new URI at its own address and port, written into the answer sent back, whose c/m-line therefore
     * matches its {@code a=path}: the offerer sees no Middlebox to fall back for (RFC 6714 §4.2,
     * criterion 1: "The SDP c/m-line address information ... does not match ... the MSRP URI of the
     * 'path' attribute(s)") and, active or passive, reaches the AGW. The terminations get the
     * application-aware protos (TS 23.334 §6.2.18.4: "TCP/MSRP" media "for application-aware
     * interworking"). TS 23.334 §5.19.2-§5.19.5 (what the IMS-ALG does with an answer without
     * {@code a=msrp-cema}): UNCONFIRMED, only §5.19.1 was found (specs.md §1.4 C).
     */
    private Applied cemaDropped(Applied applied, AgwReservation res, MediaDescription offered,
                                MediaDescription answered, boolean originating) {
        List<String> offererPath = MsrpAwareMode.peerPath(offered, originating ? "the UE" : "the core peer");
        List<String> answererPath = MsrpAwareMode.peerPath(answered, originating ? "the core peer" : "the UE");
        String agwUri = MsrpAwareMode.uri(originating ? res.access() : res.core(), msrpSessionIds.get());
        StreamUpdate u = applied.update();
        IqTermination towardOfferer = MsrpAwareMode.turnAware(originating ? u.access() : u.core(), List.of(agwUri),
                offererPath);
        IqTermination towardAnswerer = MsrpAwareMode.turnAware(originating ? u.core() : u.access(), offererPath,
                answererPath);
        LOG.info("{} m-line {}: the answer has no a=msrp-cema, the offer had it: MSRP-aware mode (the offerer now "
                + "sees {})", originating ? CallDirection.ORIGINATING : CallDirection.TERMINATING, u.index(), agwUri);
        MediaDescription back = MsrpAwareMode.rewrite(applied.media().toBuilder(), agwUri).build();
        return new Applied(back, new StreamUpdate(u.index(), u.reservation(), originating ? towardOfferer : towardAnswerer,
                originating ? towardAnswerer : towardOfferer, u.failure()));
    }

    private static IqTermination withPaths(IqTermination t, String localUri, List<String> peerPath) {
        if (t instanceof TlsTermination tls) {
            return tls.toBuilder().localMsrpPath(List.of(localUri)).remote(tls.remote().withMsrpPath(peerPath)).build();
        }
        PlainTermination plain = (PlainTermination) t;
        return plain.withLocalMsrpPath(List.of(localUri)).withRemote(plain.remote().withMsrpPath(peerPath));
    }

    /** The answer's m-line refused: port 0, the proto its receiver offered, no TLS information of the other side. */
    private static MediaDescription closed(MediaDescription a, Proto backProto, StreamPlan sp) {
        MediaDescription.Builder b = a.toBuilder().proto(backProto).port(0).numberOfPorts(0).remove(SdpAttributes.E2AE);
        if (sp.decision().action().terminatesTls()) {
            b.remove(SdpAttributes.FINGERPRINT).remove(SdpAttributes.TLS_ID).remove(SdpAttributes.SETUP);
        }
        return b.build();
    }

    private Applied answerOriginating(SessionDescription off, MediaDescription m, SessionDescription ans,
                                      MediaDescription a, StreamPlan sp, AgwReservation res) {
        int i = sp.index();
        Optional<Setup> answered = ans.get(a, SdpAttributes.SETUP);
        MediaEndpoint peer = endpoint(ans, a);
        if (sp.decision().action() == StreamAction.E2AE) {
            PlainTermination core = (PlainTermination) sp.core();
            if (core.proto().isTcp()) {
                // Our offer had no a=setup: RFC 4145 §4.1 default active, so the core must answer passive (or holdconn).
                SetupNegotiation.roles(Optional.empty(), answered);
            }
            List<CertificateFingerprint> agwFp = agwFingerprints(res, i);
            core = core.withLocal(res.core().endpoint())
                    .withRemote(new RemoteMedia(peer, core.proto().isTcp() ? answered.orElse(null) : null, List.of(), null))
                    .withMode(StreamMode.SEND_RECEIVE).withEvents(null);
            TlsTermination access = ((TlsTermination) sp.access()).toBuilder().local(res.access().endpoint())
                    .requestLocalFingerprint(false).mode(StreamMode.SEND_RECEIVE).events(null).build();
            // Answer to the UE (specs.md §1.4 B step 5, C): the UE's TLS proto, the AGW's fingerprint, the
            // complementary setup role, the AGW's access address, a=3ge2ae:applied.
            MediaDescription.Builder b = a.toBuilder().proto(m.proto()).port(res.access().endpoint().port()).numberOfPorts(0)
                    .remove(SdpAttributes.E2AE).remove(SdpAttributes.FINGERPRINT).remove(SdpAttributes.TLS_ID)
                    .set(SdpAttributes.SETUP, access.setup());
            for (CertificateFingerprint f : agwFp) {
                b.add(SdpAttributes.FINGERPRINT, f);
            }
            if (sp.accessTlsId() != null) {
                b.add(SdpAttributes.TLS_ID, sp.accessTlsId());
            }
            b.add(SdpAttributes.E2AE, E2aeIndication.APPLIED);
            return new Applied(b.build(), new StreamUpdate(i, res, access, core, null));
        }
        // pass-through / anchoring: the access termination answers the UE as the core did, the core one takes
        // the UE's (offerer's) role.
        PlainTermination access = (PlainTermination) sp.access();
        PlainTermination core = (PlainTermination) sp.core();
        Setup accessRole = access.setup();
        Setup coreRole = core.setup();
        if (access.proto().isTcp()) {
            Setup x = Streams.effectiveOffer(m, off.get(m, SdpAttributes.SETUP));
            Setup ansSetup = Streams.effectiveAnswer(m.proto(), answered);
            checkAnswer(x, ansSetup);
            if (ansSetup != Setup.HOLDCONN) {
                accessRole = ansSetup;
                coreRole = Streams.complement(ansSetup);
            }
        }
        access = access.withLocal(res.access().endpoint()).withSetup(accessRole).withMode(StreamMode.SEND_RECEIVE).withEvents(null);
        core = core.withLocal(res.core().endpoint()).withSetup(coreRole)
                .withRemote(new RemoteMedia(peer, core.proto().isTcp() ? answered.orElse(null) : null, List.of(), null))
                .withMode(StreamMode.SEND_RECEIVE).withEvents(null);
        MediaDescription md = a.toBuilder().port(res.access().endpoint().port()).numberOfPorts(0)
                .remove(SdpAttributes.E2AE).build();
        return new Applied(md, new StreamUpdate(i, res, access, core, null));
    }

    private Applied answerTerminating(SessionDescription off, MediaDescription m, SessionDescription ans,
                                      MediaDescription a, StreamPlan sp, AgwReservation res) {
        int i = sp.index();
        Optional<Setup> answered = ans.get(a, SdpAttributes.SETUP);
        MediaEndpoint peer = endpoint(ans, a);
        if (sp.decision().action() == StreamAction.TERMINATING_UPGRADE) {
            TlsTermination access = (TlsTermination) sp.access();
            if (!a.proto().is(access.proto()) && !a.proto().is(m.proto().secureEquivalent().orElseThrow())) {
                throw new AlgException("the UE answered " + a.proto() + " to the offer of "
                        + m.proto().secureEquivalent().orElseThrow());
            }
            List<CertificateFingerprint> ueFp = ans.getAll(a, SdpAttributes.FINGERPRINT);
            if (ueFp.isEmpty()) {
                throw new AlgException("the UE's answer has no a=fingerprint (RFC 8122 §5)");
            }
            // TS 23.334 §6.2.10 T.38 step 4: "active ⇒ AGW is DTLS server; passive ⇒ AGW is DTLS client"; if the
            // AGW is client, "include Establish (D)TLS session" (iq-profile.md row 11: Local a=setup:active with
            // a Remote); include the Remote certificate fingerprint = the UE's.
            Setup ue = Streams.effectiveAnswer(a.proto(), answered);
            checkAnswer(Setup.ACTPASS, ue);
            if (ue == Setup.HOLDCONN) {
                throw new AlgException("a=setup:holdconn in the UE's answer: no TLS/DTLS role (RFC 8842 §5.1 forbids it for DTLS)");
            }
            TlsTermination accessNow = access.toBuilder().local(res.access().endpoint()).setup(Streams.complement(ue))
                    .requestLocalFingerprint(false)
                    .remote(new RemoteMedia(peer, answered.orElse(null), ueFp, ans.get(a, SdpAttributes.TLS_ID).orElse(null)))
                    .mode(StreamMode.SEND_RECEIVE).events(null).build();
            PlainTermination core = ((PlainTermination) sp.core()).withLocal(res.core().endpoint())
                    .withMode(StreamMode.SEND_RECEIVE).withEvents(null);
            // Answer to the core: the plain proto it offered, no TLS information, the AGW's core address and role.
            MediaDescription.Builder b = a.toBuilder().proto(m.proto()).port(res.core().endpoint().port()).numberOfPorts(0)
                    .remove(SdpAttributes.E2AE).remove(SdpAttributes.FINGERPRINT).remove(SdpAttributes.TLS_ID);
            if (core.setup() != null) {
                b.set(SdpAttributes.SETUP, core.setup());
            } else {
                b.remove(SdpAttributes.SETUP);
            }
            return new Applied(b.build(), new StreamUpdate(i, res, accessNow, core, null));
        }
        PlainTermination access = (PlainTermination) sp.access();
        PlainTermination core = (PlainTermination) sp.core();
        Setup accessRole = access.setup();
        Setup coreRole = core.setup();
        if (access.proto().isTcp()) {
            Setup x = Streams.effectiveOffer(m, off.get(m, SdpAttributes.SETUP));
            Setup ansSetup = Streams.effectiveAnswer(m.proto(), answered);
            checkAnswer(x, ansSetup);
            if (ansSetup != Setup.HOLDCONN) {
                coreRole = ansSetup;
                accessRole = Streams.complement(ansSetup);
            }
        }
        access = access.withLocal(res.access().endpoint()).withSetup(accessRole)
                .withRemote(new RemoteMedia(peer, access.proto().isTcp() ? answered.orElse(null) : null, List.of(), null))
                .withMode(StreamMode.SEND_RECEIVE).withEvents(null);
        core = core.withLocal(res.core().endpoint()).withSetup(coreRole).withMode(StreamMode.SEND_RECEIVE).withEvents(null);
        MediaDescription md = a.toBuilder().port(res.core().endpoint().port()).numberOfPorts(0)
                .remove(SdpAttributes.E2AE).build();
        return new Applied(md, new StreamUpdate(i, res, access, core, null));
    }

    private static void checkAnswer(Setup offer, Setup answer) {
        if (!SetupNegotiation.isValidAnswer(offer, answer)) {
            throw new AlgException("a=setup:" + answer + " is not a valid answer to a=setup:" + offer
                    + " (RFC 4145 §4.1 allows " + SetupNegotiation.allowedAnswers(offer) + ")");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static AgwReservation reservation(Map<Integer, AgwReservation> reserved, int i) {
        AgwReservation r = reserved.get(i);
        if (r == null) {
            throw new AlgException("no IMS-AGW reservation for anchored m-line " + i);
        }
        return r;
    }

    /** The "Local certificate fingerprint" from the reply; none is a failed reservation (specs.md §5.6.1). */
    private static List<CertificateFingerprint> agwFingerprints(AgwReservation res, int i) {
        if (res.access().fingerprints().isEmpty()) {
            throw new AlgException("the IMS-AGW reply for m-line " + i + " has no Local certificate fingerprint");
        }
        return res.access().fingerprints();
    }

    /**
     * Puts the AGW addresses in: a media-level {@code c=} is replaced; the session-level one (if any) becomes
     * the address of the first anchored stream, and a stream whose AGW address differs from it gets its own.
     */
    static SessionDescription withConnections(SessionDescription base, List<MediaDescription> media,
                                              Map<Integer, ConnectionData> conns) {
        SessionDescription.Builder sb = base.toBuilder().media(List.of());
        Optional<ConnectionData> sessionC = base.connection();
        ConnectionData newSession = sessionC.orElse(null);
        if (sessionC.isPresent() && !conns.isEmpty()) {
            newSession = conns.values().iterator().next();
            sb.connection(newSession);
        }
        for (int i = 0; i < media.size(); i++) {
            MediaDescription md = media.get(i);
            ConnectionData c = conns.get(i);
            if (c != null && (md.connection().isPresent() || !c.equals(newSession))) {
                md = md.toBuilder().connection(c).build();
            }
            sb.addMedia(md);
        }
        return sb.build();
    }
}
