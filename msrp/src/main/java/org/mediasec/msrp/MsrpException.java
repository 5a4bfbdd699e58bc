package org.mediasec.msrp;

import java.util.Objects;

import org.mediasec.common.ProtocolException;

/**
 * A stack-level MSRP failure that maps to a status code (style.md §2.6), e.g. a transaction that
 * timed out (408) or a session that does not exist (481). Wire-input problems are never exceptions:
 * the codec reports them as {@link org.mediasec.msrp.codec.DecodeResult.Malformed}.
 */
public class MsrpException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final MsrpStatus status;

    public MsrpException(MsrpStatus status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    public MsrpStatus status() {
        return status;
    }
}
