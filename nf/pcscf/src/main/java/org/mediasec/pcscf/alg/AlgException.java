package org.mediasec.pcscf.alg;

import org.mediasec.common.ProtocolException;

/**
 * The SDP or the IMS-AGW's replies cannot be combined as the offer/answer rules require: an answer
 * with a different number of m-lines than the offer (RFC 3264 §6: "The answer MUST contain exactly
 * the same number of "m=" lines as the offer"), a reservation missing for an anchored stream, a TLS
 * reservation without the AGW's certificate fingerprint. The SIP layer fails the session (and
 * releases the contexts).
 */
public class AlgException extends ProtocolException {
    public AlgException(String message) {
        super(message);
    }
}
