package org.mediasec.pcscf.sip;

/**
 * What the IMS-ALG does with an SDP answer to an offer it anchored, when a forking proxy behind it may send
 * answers from several callees (different To tags) to that one offer. A proxy forwards every 2xx
 * (RFC 3261 §16.7 step 5: "any 2xx responses ... MUST be forwarded immediately"), and the caller keeps or ends
 * the extra dialogs (§13.2.2.4: it "MUST ... ACK" each and may "send a BYE"); but the AGW reservation of the
 * offer has one remote end. So the first answer that is applied fixes which callee the media goes to, and:
 * <ul>
 * <li>{@link #APPLY}: the first answer, a changed answer from the same callee, or a 2xx from another callee than
 *     the one whose early (18x) answer was applied (a 2xx supersedes an early dialog's media);</li>
 * <li>{@link #REPEAT}: the same answer from the same callee again (a 183 then the 200): the AGW is configured;</li>
 * <li>{@link #REFUSE}: an answer from another callee once a 2xx was applied, or another early answer while one
 *     early answer is applied: relayed with every stream refused (port 0), the AGW untouched, so the reservation
 *     is never moved under the dialog that has it.</li>
 * </ul>
 */
enum AnswerFork {
    APPLY, REPEAT, REFUSE;

    /**
     * @param appliedTag   the To tag of the answer applied so far (null: none yet)
     * @param appliedFinal whether that answer came in a 2xx
     * @param appliedSdp   the SDP text of that answer
     * @param tag          the To tag of the response now relayed
     * @param status       its status code (1xx or 2xx)
     * @param sdp          its SDP text
     */
    static AnswerFork of(String appliedTag, boolean appliedFinal, String appliedSdp, String tag, int status, String sdp) {
        if (appliedTag == null) {
            return APPLY;
        }
        if (appliedTag.equals(tag)) {
            return sdp.equals(appliedSdp) ? REPEAT : APPLY;
        }
        return !appliedFinal && status >= 200 ? APPLY : REFUSE;
    }
}
