package org.mediasec.msrp.relay;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpHeader;

/**
 * A digest challenge from a relay's {@code 401} to AUTH (RFC 4976 §5.1, with the digest scheme of
 * RFC 2617 §3.2.1 / RFC 7616 §3.3):
 * {@code WWW-Authenticate: Digest realm="...", nonce="...", qop="auth"[, opaque="..."][, algorithm=MD5][, stale=true]}.
 *
 * @param realm     the protection space; shown to the user and part of HA1
 * @param nonce     the server nonce
 * @param opaque    echoed unchanged in the Authorization, if present
 * @param algorithm the algorithm token as written ({@code MD5} when absent)
 * @param qop       the offered quality-of-protection options (empty: RFC 2069 compatibility, no qop)
 * @param stale     true when the previous credentials were right but their nonce expired (RFC 2617 §3.2.1)
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, String algorithm, List<String> qop,
                              boolean stale) {
    public static final String SCHEME = "Digest";

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(opaque, "opaque");
        Objects.requireNonNull(algorithm, "algorithm");
        qop = List.copyOf(qop);
        if (nonce.isEmpty()) {
            throw new IllegalArgumentException("nonce: empty");
        }
    }

    /**
     * Parses a {@code WWW-Authenticate} value; empty when it is not a Digest challenge or lacks
     * {@code realm} or {@code nonce} (both required, RFC 2617 §3.2.1). Never throws on input.
     */
    public static Optional<DigestChallenge> parse(String value) {
        Map<String, String> p = AuthParams.parseScheme(value, SCHEME);
        if (p == null || !p.containsKey("realm") || !p.containsKey("nonce") || p.get("nonce").isEmpty()) {
            return Optional.empty();
        }
        List<String> qop = p.containsKey("qop")
                ? Arrays.stream(p.get("qop").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).toList()
                : List.of();
        return Optional.of(new DigestChallenge(p.get("realm"), p.get("nonce"), Optional.ofNullable(p.get("opaque")),
                p.getOrDefault("algorithm", "MD5"), qop, "true".equalsIgnoreCase(p.get("stale"))));
    }

    /** The challenge of a {@code WWW-Authenticate} header; see {@link #parse(String)}. */
    public static Optional<DigestChallenge> of(MsrpHeader.WwwAuthenticate header) {
        return parse(header.value());
    }

    /** True when the challenge offers {@code qop=auth} (the only qop an AUTH, which has no body, needs). */
    public boolean offersAuth() {
        return qop.contains("auth");
    }
}
