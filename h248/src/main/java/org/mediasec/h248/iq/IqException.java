package org.mediasec.h248.iq;

import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.transaction.H248Exception;

/**
 * An Iq/Mp/Ix request (on the MG) or reply (on the MGC) that does not follow the profile, with the
 * H.248.8 error code the MG answers with ({@link #errorDescriptor()}, {@link #commandReply}). The
 * codes used, in {@code docs/iq-profile.md} §4: 441 Missing Remote or Local Descriptor, 449
 * Unsupported or Unknown Parameter or Property Value (the value in the text, TS 29.334 §5.17.1), 472
 * Required Information Missing, 473 Conflicting Property Values, 474 Invalid SDP Syntax, 501 Not
 * Implemented.
 */
public class IqException extends H248Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public IqException(ErrorCode errorCode, String reason) {
        super(errorCode, reason);
        this.reason = reason;
    }

    /** The reason, without the code. */
    public String reason() {
        return reason;
    }

    /** {@code Error = <code> { "<reason>" }}, the reason made quotable. */
    public ErrorDescriptor errorDescriptor() {
        return new ErrorDescriptor(errorCode(), quotable(reason));
    }

    /** The command reply that refuses the command: {@code Add = <id> { Error = ... }}. */
    public CommandReply commandReply(CommandKind kind, TerminationId terminationId) {
        return CommandReply.of(kind, terminationId, errorDescriptor());
    }

    /** Text that fits an H.248 quoted string: no double quote, no control character. */
    static String quotable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '"' ? '\'' : c < 0x20 || c > 0x7E ? ' ' : c);
        }
        return sb.toString();
    }
}
