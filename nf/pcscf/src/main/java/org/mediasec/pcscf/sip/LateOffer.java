package org.mediasec.pcscf.sip;

import javax.sip.message.Response;

import org.mediasec.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late offer (an INVITE without SDP: RFC 3264 §4 lets the callee make the offer in its 18x/2xx and the caller
 * answer in the ACK) is not anchored by this IMS-ALG: the answer would travel in the ACK, which a proxy relays
 * without a transaction to hold it in while the IMS-AGW is configured. Relayed as offered, the media would run
 * between the UEs around the IMS-AGW, unsecured and unseen. So the callee's offer is relayed with every stream
 * refused (port 0, RFC 3264 §6: the answerer then rejects them too): the session is set up without media, and
 * the reason is logged. Fails closed, as every stream the ALG cannot secure as asked.
 */
final class LateOffer {
    private static final Logger LOG = LoggerFactory.getLogger(LateOffer.class);

    private LateOffer() {
    }

    /** The response with every stream of its SDP refused (unchanged when it carries none). */
    static Response refuse(String tag, String callId, Response response) {
        java.util.Optional<String> sdp = SdpBodies.text(response);
        if (sdp.isEmpty()) {
            return response;
        }
        SessionDescription refused = SessionControl.refuseAll(sdp.get());
        if (refused != null) {
            SdpBodies.set(response, refused);
        } else {
            response.removeContent();
        }
        LOG.warn("[{}] session {}: {} carries an offer to an INVITE without SDP (late offer): every stream refused "
                + "(port 0), late offer is not anchored at the IMS-AGW", tag, callId, response.getStatusCode());
        return response;
    }
}
