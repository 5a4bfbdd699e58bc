package org.mediasec.sdp.offeranswer;

/** One end of an offer/answer exchange. */
public enum Side {
    OFFERER,
    ANSWERER;

    public Side other() {
        return this == OFFERER ? ANSWERER : OFFERER;
    }
}
