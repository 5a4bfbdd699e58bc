package org.mediasec.msrp;

/**
 * An MSRP status code (RFC 4975 §10, RFC 4976 §10.3, IANA "MSRP Status Codes"). Open enum: the
 * registered codes are constants; {@link #of(int)} returns them or a new instance with an empty
 * description.
 *
 * @param code        three-digit code, 0..999 on the wire ({@code status-code = 3DIGIT})
 * @param description a short phrase for the code, used as the default response comment. The registry
 *                    holds no phrase (RFC 4975 §15.3: "Code [RFC Number]"); RFC 4975 §10 only
 *                    describes each code in prose, and RFC 4976 §10.3 gives "Unauthorized" as "the
 *                    default response phrase" of 401. The RFC examples write {@code 200 OK}.
 */
public record MsrpStatus(int code, String description) {
    /** 200: the transaction was successful. */
    public static final MsrpStatus OK = new MsrpStatus(200, "OK");
    /** 400: the request was unintelligible. */
    public static final MsrpStatus UNINTELLIGIBLE = new MsrpStatus(400, "Unintelligible");
    /**
     * 401 (RFC 4976 §10.3): "an AUTH request contained no credentials, an expired nonce value, or
     * invalid credentials".
     */
    public static final MsrpStatus UNAUTHORIZED = new MsrpStatus(401, "Unauthorized");
    /** 403: the attempted action is not allowed. */
    public static final MsrpStatus ACTION_NOT_ALLOWED = new MsrpStatus(403, "Action-not-allowed");
    /**
     * 408: "a downstream transaction did not complete in the allotted time" (RFC 4975 §10.4). Endpoints
     * never send it; relays do (RFC 4976), and "An endpoint MUST treat a 408 response in the same
     * manner as it would treat a local timeout".
     */
    public static final MsrpStatus TIMEOUT = new MsrpStatus(408, "Transaction-did-not-complete-in-allotted-time");
    /** 413: the receiver wants the sender to stop sending this message. */
    public static final MsrpStatus STOP_SENDING = new MsrpStatus(413, "Stop-sending-message");
    /** 415: the Content-Type (or a wrapped type) is not understood. */
    public static final MsrpStatus MIME_NOT_UNDERSTOOD = new MsrpStatus(415, "MIME-not-understood");
    /** 423: "one of the requested parameters is out of bounds" (RFC 4975 §10.7), e.g. Expires (RFC 4976 §4.6). */
    public static final MsrpStatus PARAMETER_OUT_OF_BOUNDS = new MsrpStatus(423, "Parameter-out-of-bounds");
    /** 481: the session does not exist (To-Path does not match a known session). */
    public static final MsrpStatus SESSION_DOES_NOT_EXIST = new MsrpStatus(481, "Session-does-not-exist");
    /** 501: the request method is not understood. */
    public static final MsrpStatus METHOD_NOT_UNDERSTOOD = new MsrpStatus(501, "Request-method-not-understood");
    /** 506: the session is already bound to another connection. */
    public static final MsrpStatus SESSION_ALREADY_IN_USE = new MsrpStatus(506, "Session-already-in-use");

    public MsrpStatus {
        if (code < 0 || code > 999) {
            throw new IllegalArgumentException("code: " + code + " (expected: 0..999)");
        }
        MsrpSyntax.requireText(description, "description");
    }

    public static MsrpStatus of(int code) {
        return switch (code) {
            case 200 -> OK;
            case 400 -> UNINTELLIGIBLE;
            case 401 -> UNAUTHORIZED;
            case 403 -> ACTION_NOT_ALLOWED;
            case 408 -> TIMEOUT;
            case 413 -> STOP_SENDING;
            case 415 -> MIME_NOT_UNDERSTOOD;
            case 423 -> PARAMETER_OUT_OF_BOUNDS;
            case 481 -> SESSION_DOES_NOT_EXIST;
            case 501 -> METHOD_NOT_UNDERSTOOD;
            case 506 -> SESSION_ALREADY_IN_USE;
            default -> new MsrpStatus(code, "");
        };
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    /** Equality is by code only: a peer's comment or our description does not change the status. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpStatus s && s.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return String.format("%03d", code) + (description.isEmpty() ? "" : " " + description);
    }
}
