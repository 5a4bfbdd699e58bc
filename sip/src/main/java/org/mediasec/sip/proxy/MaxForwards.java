package org.mediasec.sip.proxy;

import javax.sip.InvalidArgumentException;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;

/** Max-Forwards for a proxy (RFC 3261 §16.3 step 3 and §16.6 step 3). */
public final class MaxForwards {
    /** RFC 3261 §16.6 step 3: the value to add when a request has none ("which SHOULD be 70"). */
    public static final int INITIAL = 70;

    private MaxForwards() {
    }

    /**
     * True if the request must not be forwarded. RFC 3261 §16.3 step 3: "If the request contains a
     * Max-Forwards header field with a field value of zero (0), the element MUST NOT forward the
     * request. ... Otherwise, the element MUST return a 483 (Too many hops) response." Without the
     * header the check passes ("If the request does not contain a Max-Forwards header field, this
     * check is passed").
     */
    public static boolean exhausted(Request request) {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        return mf != null && mf.getMaxForwards() <= 0;
    }

    /**
     * RFC 3261 §16.6 step 3: "If the copy contains a Max-Forwards header field, the proxy MUST
     * decrement its value by one (1). If the copy does not contain a Max-Forwards header field, the
     * proxy MUST add one with a field value, which SHOULD be 70."
     *
     * @throws IllegalStateException if the value is already 0 (check {@link #exhausted} first)
     */
    public static void decrement(Request copy) {
        MaxForwardsHeader mf = (MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME);
        try {
            if (mf == null) {
                copy.setHeader(SipHeaders.HEADERS.createMaxForwardsHeader(INITIAL));
            } else if (mf.getMaxForwards() <= 0) {
                throw new IllegalStateException("Max-Forwards is 0: the request must be answered 483, not forwarded");
            } else {
                mf.setMaxForwards(mf.getMaxForwards() - 1);
            }
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
