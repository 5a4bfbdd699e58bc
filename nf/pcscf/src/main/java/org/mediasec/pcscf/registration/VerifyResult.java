package org.mediasec.pcscf.registration;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.sip.secagree.SecurityHeader;

/**
 * The outcome of checking the media-plane entries of a request's Security-Verify against the
 * Security-Server the P-CSCF sent at registration. RFC 3329 §2.3.1: "The server MUST check that the
 * security mechanisms listed in the Security-Verify header field of incoming requests correspond to
 * its static list of supported security mechanisms." ... "both lists have to contain the same
 * security mechanisms in the same order to be considered equivalent. In addition, for each
 * particular security mechanism, its parameters in both lists need to have the same values." ...
 * "If modification of the list is detected, the server MUST respond to the client with a 494
 * (Security Agreement Required) response. This response MUST include the server's unmodified list
 * of supported security mechanisms."
 *
 * @param status         what was found
 * @param detail         a human-readable reason (for logs and the reason phrase), empty on success
 * @param securityServer the unmodified list to put in the 494 (and the one that was matched)
 */
public record VerifyResult(Status status, String detail, Optional<SecurityHeader> securityServer) {

    /** The cases the SIP layer distinguishes. */
    public enum Status {
        /** The media-plane entries equal what was sent: proceed (and strip sec-agree as a proxy). */
        MATCH,
        /** Nothing to verify: no media-plane Security-Server was sent and none is echoed. */
        NOT_APPLICABLE,
        /** The entries differ from what was sent (missing, reordered, changed parameters, extra). */
        MISMATCH,
        /** A Security-Verify line did not parse: treated as a modified list. */
        MALFORMED,
        /** The contact is not registered (expired or never registered). */
        NOT_REGISTERED
    }

    public VerifyResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(securityServer, "securityServer");
    }

    /** True when the request may proceed. */
    public boolean accepted() {
        return status == Status.MATCH || status == Status.NOT_APPLICABLE;
    }

    /**
     * The SIP response the SIP layer sends when {@link #accepted()} is false: 494 (Security Agreement
     * Required, RFC 3329 §2.3.1) with {@link #securityServer()} for a modified list; 403 (Forbidden) for
     * a request from a contact that has no registration (TS 24.229 P-CSCF behaviour for requests from
     * unregistered UEs; the exact clause is not confirmed), 0 when accepted.
     */
    public int responseCode() {
        return switch (status) {
            case MATCH, NOT_APPLICABLE -> 0;
            case MISMATCH, MALFORMED -> 494;
            case NOT_REGISTERED -> 403;
        };
    }
}
