package org.mediasec.pcscf.sip;

import java.util.List;

import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;

/**
 * What the P-CSCF keeps of an established dialog to end it itself (BYE both ways, RFC 3261 §15.1.1):
 * both parties with their tags, their targets, and the Record-Route of the 2xx, top to bottom.
 *
 * @param callId        the Call-ID
 * @param caller        the INVITE's From (with the caller's tag)
 * @param callee        the 2xx's To (with the callee's tag)
 * @param callerContact the caller's remote target (the INVITE's Contact)
 * @param calleeContact the callee's remote target (the 2xx's Contact)
 * @param recordRoute   the 2xx's Record-Route values, top to bottom
 */
record Dialog(String callId, FromHeader caller, ToHeader callee, URI callerContact, URI calleeContact,
              List<String> recordRoute) {
    Dialog {
        recordRoute = List.copyOf(recordRoute);
    }
}
