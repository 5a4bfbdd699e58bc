package org.mediasec.h248.transaction;

import org.mediasec.common.ProtocolException;
import org.mediasec.h248.ErrorCode;

/**
 * A stack-level failure that carries an H.248.8 error code (style §2.6), e.g. 506 when a peer sends
 * more TransactionPendings than allowed. An error reply from the peer is not an exception: it
 * arrives as an ordinary {@code Transaction.Reply} with an error descriptor.
 */
public class H248Exception extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;

    public H248Exception(ErrorCode errorCode, String message) {
        super(errorCode.code() + " " + message);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
