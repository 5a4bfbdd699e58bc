package org.mediasec.msrp.relay;

import org.mediasec.msrp.MsrpException;
import org.mediasec.msrp.MsrpStatus;

/**
 * Authentication to an MSRP relay failed (RFC 4976 §5.1): the relay refused (403), rejected the
 * credentials (a second 401 for the same challenge), asked for an Expires we cannot meet (423), sent
 * a response we cannot use, or did not answer in time (408).
 */
public final class MsrpRelayException extends MsrpException {
    private static final long serialVersionUID = 1L;

    public MsrpRelayException(MsrpStatus status, String message) {
        super(status, message);
    }
}
