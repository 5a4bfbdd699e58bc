package org.mediasec.agw.bearer;

import java.util.Optional;

import org.mediasec.tls.TlsRole;

/** What a bearer leg carries on its TCP connection and what the AGW does with it. */
public enum BearerTransport {
    /** Plain TCP (the core side of e2ae: {@code TCP}, {@code TCP/MSRP}, {@code TCP/BFCP}). */
    PLAIN_TCP,
    /** TLS terminated by the AGW as TLS server (the peer is {@code a=setup:active}). */
    TLS_SERVER,
    /** TLS terminated by the AGW as TLS client (the peer is {@code a=setup:passive}). */
    TLS_CLIENT,
    /**
     * Plain TCP whose bytes are relayed untouched, never decrypted nor parsed: e2e TLS (TS 23.334:
     * the IMS-ALG provides "TCP" and no TLS information and configures the AGW "to pass media
     * transparently") and CEMA MSRP (RFC 6714).
     */
    PASS_THROUGH;

    /** Whether the AGW terminates TLS on this leg. */
    public boolean terminatesTls() {
        return this == TLS_SERVER || this == TLS_CLIENT;
    }

    /** The AGW's TLS role, when it terminates TLS. */
    public Optional<TlsRole> tlsRole() {
        return switch (this) {
            case TLS_SERVER -> Optional.of(TlsRole.SERVER);
            case TLS_CLIENT -> Optional.of(TlsRole.CLIENT);
            default -> Optional.empty();
        };
    }
}
