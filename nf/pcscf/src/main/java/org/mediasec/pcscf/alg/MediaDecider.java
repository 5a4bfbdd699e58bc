package org.mediasec.pcscf.alg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributeException;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per m-line, what the IMS-ALG does with an offer: a pure function of the offer, its
 * direction and the capabilities both the UE and this P-CSCF registered ({@code MediaSecRegistrations.capabilities}).
 * Rejections are logged at INFO with their reason.
 */
public final class MediaDecider {
    private static final Logger LOG = LoggerFactory.getLogger(MediaDecider.class);

    private MediaDecider() {
    }

    /**
     * @param offer     the offer as received
     * @param direction where it came from
     * @param agreed    the mechanisms both the UE and the P-CSCF indicated at registration
     */
    public static MediaDecision decide(SessionDescription offer, CallDirection direction, MediaSecCapabilities agreed) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(agreed, "agreed");
        List<StreamDecision> out = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            StreamDecision d = decide(offer, i, direction, agreed);
            if (d.action() == StreamAction.REJECT) {
                LOG.info("{} m-line {} ({}) rejected: {}", direction, i, offer.media().get(i).mediaLineText(), d.reason());
            }
            out.add(d);
        }
        return new MediaDecision(direction, out);
    }

    private static StreamDecision decide(SessionDescription sdp, int i, CallDirection direction, MediaSecCapabilities agreed) {
        MediaDescription m = sdp.media().get(i);
        Proto p = m.proto();
        MediaSecMechanism mech = Streams.mechanism(p);
        MsrpHandling handling = Streams.msrpHandling(m);
        if (m.port() == 0) {
            return new StreamDecision(i, StreamAction.DISABLED, mech, handling, "offered with port 0");
        }
        Optional<E2aeIndication> e2ae;
        Optional<Setup> setup;
        boolean hasFingerprint;
        try {
            e2ae = m.get(SdpAttributes.E2AE);
            setup = sdp.get(m, SdpAttributes.SETUP);
            hasFingerprint = !sdp.getAll(m, SdpAttributes.FINGERPRINT).isEmpty();
            sdp.get(m, SdpAttributes.TLS_ID);
        } catch (SdpAttributeException e) {
            return reject(i, mech, handling, "malformed attribute: " + e.getMessage());
        }
        if (sdp.connectionFor(m).isEmpty()) {
            return reject(i, mech, handling, "no c= line for the stream");
        }
        if (Streams.needsRole(p) && Streams.effectiveOffer(m, setup) == Setup.HOLDCONN) {
            return reject(i, mech, handling, "a=setup:holdconn: no connection role to give the IMS-AGW");
        }
        boolean secure = p.isTls();
        if (direction == CallDirection.ORIGINATING && e2ae.isPresent()) {
            // TS 23.334 §6.2.10.3.1.1.1 step 1: "IMS UE A sends an SDP offer ... together with an
            // "a=3ge2ae:requested" SDP attribute for the MSRP-related SDP m-line" (BFCP: §6.2.10.3.2.1.1).
            if (!E2aeIndication.REQUESTED.equals(e2ae.get())) {
                return reject(i, mech, handling, "a=3ge2ae:" + e2ae.get() + " in a UE offer (expected: requested)");
            }
            if (!secure) {
                return reject(i, mech, handling, "a=3ge2ae:requested on the plain proto " + p
                        + " (e2ae needs the TLS/DTLS proto in the UE's offer)");
            }
            if (mech == null) {
                return reject(i, null, handling, "a=3ge2ae:requested on " + p + ", for which there is no e2ae procedure");
            }
            // TS 23.334 §6.2.10.3.1.2.1: e2ae "if both the IMS UE and P-CSCF (IMS-ALG) indicated support
            // for e2ae-security for MSRP during registration". Not registered: refused, never downgraded.
            if (!agreed.contains(mech)) {
                return reject(i, mech, handling, "a=3ge2ae:requested on " + p + " but " + mech.token()
                        + ";mediasec was not indicated by both the UE and the P-CSCF at registration");
            }
            if (!hasFingerprint) {
                return reject(i, mech, handling, "a=3ge2ae:requested on " + p
                        + " without a=fingerprint (the Remote certificate fingerprint, RFC 8122)");
            }
            if (Streams.agwPlainProto(m.toBuilder().proto(p.plainEquivalent()).build(), handling) == null) {
                return reject(i, mech, handling, "no plain transport toward the core for " + p);
            }
            return new StreamDecision(i, StreamAction.E2AE, mech, handling, "e2ae requested and registered");
        }
        if (direction == CallDirection.TERMINATING && !secure && mech != null && agreed.contains(mech)) {
            // TS 23.334 §6.2.10.3.1.2.1: "For each MSRP media stream offered with transport "TCP/MSRP", if
            // both the IMS UE and P-CSCF (IMS-ALG) indicated support for e2ae-security for MSRP during
            // registration, the P-CSCF (IMS-ALG) ..." upgrades the access-side offer (T.38 and BFCP alike).
            return new StreamDecision(i, StreamAction.TERMINATING_UPGRADE, mech, handling,
                    mech.token() + " registered: access side upgraded to " + p.secureEquivalent().orElseThrow());
        }
        if (Streams.agwPlainProto(m, handling) == null) {
            return reject(i, mech, handling, "the IMS-AGW cannot anchor proto " + p);
        }
        if (secure) {
            // TS 23.334 §6.2.10 (e2e): "IMS-ALG providing "TCP" to the IMS-AGW as transport protocol and not
            // providing any TLS related information ... and configuring the IMS-AGW to pass media transparently."
            return new StreamDecision(i, StreamAction.PASS_THROUGH, mech, handling, "TLS without 3ge2ae: end-to-end");
        }
        return new StreamDecision(i, StreamAction.ANCHOR, mech, handling,
                mech == null ? "plain media" : "plain media (" + mech.token() + " not registered)");
    }

    private static StreamDecision reject(int i, MediaSecMechanism mech, MsrpHandling handling, String reason) {
        return new StreamDecision(i, StreamAction.REJECT, mech, handling, reason);
    }
}
