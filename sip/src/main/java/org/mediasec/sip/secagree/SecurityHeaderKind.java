package org.mediasec.sip.secagree;

import java.util.Optional;

/**
 * The three RFC 3329 security-agreement header fields (RFC 3329 §2.2). TS 24.229 §7.2A.7 adds the
 * {@code mediasec} parameter to all three.
 */
public enum SecurityHeaderKind {
    /** Sent by the client (the UE) with the mechanisms it supports. */
    CLIENT("Security-Client"),
    /** Sent by the server (the P-CSCF) with the mechanisms it supports, usually with {@code q}. */
    SERVER("Security-Server"),
    /** Sent by the client on later requests, echoing the server's list. */
    VERIFY("Security-Verify");

    private final String headerName;

    SecurityHeaderKind(String headerName) {
        this.headerName = headerName;
    }

    /** The header field name as written on the wire, e.g. {@code Security-Client}. */
    public String headerName() {
        return headerName;
    }

    /** Case-insensitive lookup of a header field name (SIP header names are case-insensitive). */
    public static Optional<SecurityHeaderKind> fromHeaderName(String name) {
        for (SecurityHeaderKind k : values()) {
            if (k.headerName.equalsIgnoreCase(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return headerName;
    }
}
