package org.mediasec.pcscf.alg;

/** What the IMS-ALG does with one m-line of an offer (specs.md §1.4). */
public enum StreamAction {
    /**
     * e2ae, UE-originated: the UE offered a TLS/DTLS proto with {@code a=3ge2ae:requested} and both the UE
     * and the P-CSCF registered the mechanism; the IMS-AGW terminates TLS toward the UE, plain toward the
     * core (TS 23.334 §6.2.10.3.1.1.1, §6.2.10.3.2.1.1).
     */
    E2AE,
    /**
     * e2ae, terminating: a plain {@code TCP/MSRP}, {@code TCP/BFCP} or {@code udptl} offer from the core to a
     * UE that registered the mechanism; the access-side offer is upgraded to TLS/DTLS with
     * {@code a=3ge2ae:applied} (TS 23.334 §6.2.10.3.1.2.1; T.38: "inserting the 3ge2ae SDP attribute ...
     * with a value "applied"").
     */
    TERMINATING_UPGRADE,
    /**
     * e2e: a TLS/DTLS proto without {@code a=3ge2ae}; the IMS-AGW relays the bytes without decrypting and the
     * TLS attributes go on unmodified (TS 23.334 §6.2.10: "The IMS-ALG shall forward the SDP with unmodified
     * transport protocol for those media lines and unmodified TLS related SDP attribute(s).").
     */
    PASS_THROUGH,
    /** Other plain media: anchored at the IMS-AGW, only {@code c=}/{@code m=} rewritten. */
    ANCHOR,
    /** Refused: forwarded and answered with port 0, for the reason in the decision; never downgraded. */
    REJECT,
    /** Offered with port 0 already: forwarded as it is, nothing reserved. */
    DISABLED;

    /** True when the IMS-AGW terminates TLS/DTLS on the access side. */
    public boolean terminatesTls() {
        return this == E2AE || this == TERMINATING_UPGRADE;
    }

    /** True when the stream is anchored at the IMS-AGW (two terminations are reserved). */
    public boolean anchored() {
        return this != REJECT && this != DISABLED;
    }
}
