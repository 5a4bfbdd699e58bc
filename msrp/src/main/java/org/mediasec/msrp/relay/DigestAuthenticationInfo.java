package org.mediasec.msrp.relay;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpHeader;

/**
 * The {@code Authentication-Info} a relay may return with a {@code 200} to AUTH (RFC 4976 §5.1,
 * RFC 2617 §3.2.3): {@code nextnonce} to use on the next AUTH, and {@code rspauth} (mutual
 * authentication) with the {@code qop}, {@code cnonce} and {@code nc} it was computed over.
 */
public record DigestAuthenticationInfo(Optional<String> nextNonce, Optional<String> rspauth, Optional<String> qop,
                                       Optional<String> cnonce, Optional<String> nc) {
    public DigestAuthenticationInfo {
        Objects.requireNonNull(nextNonce, "nextNonce");
        Objects.requireNonNull(rspauth, "rspauth");
        Objects.requireNonNull(qop, "qop");
        Objects.requireNonNull(cnonce, "cnonce");
        Objects.requireNonNull(nc, "nc");
    }

    /** Parses the header value; empty when it is not a parameter list. Never throws on input. */
    public static Optional<DigestAuthenticationInfo> parse(String value) {
        Map<String, String> p = AuthParams.parse(value);
        if (p == null) {
            return Optional.empty();
        }
        return Optional.of(new DigestAuthenticationInfo(Optional.ofNullable(p.get("nextnonce")).filter(s -> !s.isEmpty()),
                Optional.ofNullable(p.get("rspauth")), Optional.ofNullable(p.get("qop")),
                Optional.ofNullable(p.get("cnonce")), Optional.ofNullable(p.get("nc"))));
    }

    public static Optional<DigestAuthenticationInfo> of(MsrpHeader.AuthenticationInfo header) {
        return parse(header.value());
    }
}
