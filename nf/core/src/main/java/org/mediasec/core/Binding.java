package org.mediasec.core;

import java.util.List;
import java.util.Objects;

/**
 * One registered contact of an address of record (RFC 3261 §10.3), with the RFC 3327 path vector
 * recorded for it.
 *
 * @param aor            canonical address of record, {@code sip:user@domain}
 * @param contact        the contact URI, as registered
 * @param path           the path vector (name-addrs, topmost first), used as a preloaded Route toward the contact
 * @param callId         Call-ID of the REGISTER that made or last refreshed the binding
 * @param cseq           its CSeq number
 * @param expiresAtNanos when the binding expires, on the core's clock
 * @param updatedAtNanos when it was last registered or refreshed
 */
public record Binding(String aor, String contact, List<String> path, String callId, long cseq,
                      long expiresAtNanos, long updatedAtNanos) {
    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        path = List.copyOf(path);
        Objects.requireNonNull(callId, "callId");
    }

    /** Whole seconds left at {@code nowNanos}, rounded up; 0 once expired. */
    public long remainingSeconds(long nowNanos) {
        long left = expiresAtNanos - nowNanos;
        return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
    }

    public boolean isExpired(long nowNanos) {
        return expiresAtNanos - nowNanos <= 0;
    }
}
