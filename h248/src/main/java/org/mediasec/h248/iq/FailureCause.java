package org.mediasec.h248.iq;

import java.util.Locale;

/**
 * Why a bearer failed, as the first word of the {@code Failurecause} text of {@code g/cause}
 * (PROPOSAL, {@code docs/iq-profile.md}): {@code Failurecause="tls-fingerprint-mismatch: <detail>"}.
 * Each cause has the {@link GeneralCause} it is sent with.
 */
public enum FailureCause {
    /** The peer's certificate matches none of the Remote fingerprints (RFC 8122 §6.1). */
    TLS_FINGERPRINT_MISMATCH("tls-fingerprint-mismatch", GeneralCause.FP, true),
    /** The TLS/DTLS handshake failed otherwise (alert, not TLS, peer closed during it). */
    TLS_HANDSHAKE_FAILURE("tls-handshake-failure", GeneralCause.FP, true),
    /** The TLS/DTLS handshake did not finish in time. */
    TLS_HANDSHAKE_TIMEOUT("tls-handshake-timeout", GeneralCause.FT, true),
    /** The MG could not open the TCP connection (refused, unreachable). */
    TCP_CONNECT_FAILURE("tcp-connect-failure", GeneralCause.FT, false),
    /** The MG's TCP connect did not complete in time. */
    TCP_CONNECT_TIMEOUT("tcp-connect-timeout", GeneralCause.FT, false),
    /** An established TCP bearer failed (reset, socket error, TLS record error). */
    TCP_BEARER_FAILURE("tcp-bearer-failure", GeneralCause.FT, false),
    /** The peer closed an established bearer ("IP Bearer Released"). */
    BEARER_RELEASED("bearer-released", GeneralCause.NR, false),
    /** A {@code Failurecause} that does not start with one of the tokens above (another MG). */
    OTHER("other", GeneralCause.FP, false);

    private final String token;
    private final GeneralCause generalCause;
    private final boolean tls;

    FailureCause(String token, GeneralCause generalCause, boolean tls) {
        this.token = token;
        this.generalCause = generalCause;
        this.tls = tls;
    }

    /** The first word of {@code Failurecause}. */
    public String token() {
        return token;
    }

    /** The {@code Generalcause} sent with it. */
    public GeneralCause generalCause() {
        return generalCause;
    }

    /** True for the "Notify (D)TLS session establishment Failure Event" causes. */
    public boolean isTls() {
        return tls;
    }

    /** The cause for a token (ignoring case), {@link #OTHER} for an unknown one. */
    public static FailureCause ofToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        for (FailureCause c : values()) {
            if (c != OTHER && c.token.equals(t)) {
                return c;
            }
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return token;
    }
}
