package org.mediasec.msrp.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;

/**
 * Digest computation for MSRP AUTH (RFC 4976 §5.1 uses HTTP digest, RFC 2617 §3.2.2 / RFC 7616 §3.4):
 * <pre>
 * HA1      = H(username ":" realm ":" password)             ; "-sess": H(HA1 ":" nonce ":" cnonce)
 * HA2      = H(method ":" digest-uri)                       ; method "AUTH", digest-uri = the relay URI (To-Path)
 * response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)   ; qop=auth
 * response = H(HA1 ":" nonce ":" HA2)                       ; no qop offered (RFC 2069 compatibility)
 * rspauth  = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(":" digest-uri))  ; Authentication-Info
 * </pre>
 * H is MD5 by default; {@code SHA-256} (RFC 7616) is also accepted. Hex digits are lower case.
 */
public final class MsrpDigest {
    private static final HexFormat HEX = HexFormat.of();

    private MsrpDigest() {
    }

    /** The digest function named by a challenge's {@code algorithm}, without a {@code -sess} suffix. */
    enum Algorithm {
        MD5("MD5"), SHA_256("SHA-256");

        final String jdkName;

        Algorithm(String jdkName) {
            this.jdkName = jdkName;
        }

        String hex(String s) {
            try {
                return HEX.formatHex(MessageDigest.getInstance(jdkName).digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jdkName + " is missing from the JDK", e);
            }
        }
    }

    /** True when the challenge's algorithm is one we can compute (MD5, MD5-sess, SHA-256, SHA-256-sess). */
    public static boolean supports(DigestChallenge challenge) {
        return algorithm(challenge.algorithm()).isPresent();
    }

    static Optional<Algorithm> algorithm(String token) {
        String a = token.toUpperCase(Locale.ROOT);
        if (a.endsWith("-SESS")) {
            a = a.substring(0, a.length() - 5);
        }
        return switch (a) {
            case "MD5" -> Optional.of(Algorithm.MD5);
            case "SHA-256" -> Optional.of(Algorithm.SHA_256);
            default -> Optional.empty();
        };
    }

    private static boolean sess(String token) {
        return token.toUpperCase(Locale.ROOT).endsWith("-SESS");
    }

    /** MD5 of the UTF-8 bytes of {@code s}, as 32 lower-case hex digits. */
    public static String md5Hex(String s) {
        return Algorithm.MD5.hex(s);
    }

    /** {@code nc}: eight hex digits, lower case (RFC 2617 §3.2.2). */
    public static String nonceCount(long nc) {
        if (nc < 1 || nc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nc: " + nc + " (expected: 1..4294967295)");
        }
        return String.format("%08x", nc);
    }

    /**
     * The {@code response} value (RFC 2617 §3.2.2.1). {@code qop} is {@code "auth"} or {@code null}
     * (RFC 2069 form, {@code nc} and {@code cnonce} unused).
     */
    public static String response(DigestChallenge challenge, DigestCredentials credentials, String method, String uri,
                                  String nc, String cnonce, String qop) {
        Algorithm h = requireAlgorithm(challenge);
        String ha1 = ha1(h, challenge, credentials, cnonce);
        String ha2 = h.hex(method + ":" + uri);
        return qop == null
                ? h.hex(ha1 + ":" + challenge.nonce() + ":" + ha2)
                : h.hex(ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static String ha1(Algorithm h, DigestChallenge challenge, DigestCredentials credentials, String cnonce) {
        String ha1 = h.hex(credentials.username() + ":" + challenge.realm() + ":" + credentials.password());
        return sess(challenge.algorithm()) ? h.hex(ha1 + ":" + challenge.nonce() + ":" + cnonce) : ha1;
    }

    private static Algorithm requireAlgorithm(DigestChallenge challenge) {
        return algorithm(challenge.algorithm()).orElseThrow(() ->
                new IllegalArgumentException("algorithm: " + challenge.algorithm() + " (expected: MD5, SHA-256 or -sess)"));
    }

    /**
     * The {@code Authorization} header answering {@code challenge} for an AUTH to {@code relayUri}
     * (RFC 4976 §5.1). Uses {@code qop=auth} when offered, else the RFC 2069 form.
     *
     * @param nc     the nonce count for this nonce, starting at 1
     * @param cnonce the client nonce (an unquoted token; the caller makes it random)
     * @throws IllegalArgumentException if the challenge offers qop values but not {@code auth}, or an
     *                                  algorithm we cannot compute
     */
    public static MsrpHeader.Authorization authorization(DigestChallenge challenge, DigestCredentials credentials,
                                                         String relayUri, long nc, String cnonce) {
        Objects.requireNonNull(relayUri, "relayUri");
        Objects.requireNonNull(cnonce, "cnonce");
        if (!challenge.qop().isEmpty() && !challenge.offersAuth()) {
            throw new IllegalArgumentException("qop: " + challenge.qop() + " (expected: auth)");
        }
        String qop = challenge.offersAuth() ? "auth" : null;
        String ncs = nonceCount(nc);
        String response = response(challenge, credentials, MsrpMethod.AUTH.name(), relayUri, ncs, cnonce, qop);
        StringBuilder sb = new StringBuilder(256).append(DigestChallenge.SCHEME).append(' ')
                .append("username=").append(AuthParams.quote(credentials.username()))
                .append(", realm=").append(AuthParams.quote(challenge.realm()))
                .append(", nonce=").append(AuthParams.quote(challenge.nonce()))
                .append(", uri=").append(AuthParams.quote(relayUri));
        if (qop != null) {
            sb.append(", qop=").append(qop).append(", nc=").append(ncs)
                    .append(", cnonce=").append(AuthParams.quote(cnonce));
        }
        sb.append(", response=").append(AuthParams.quote(response));
        if (!challenge.algorithm().equalsIgnoreCase("MD5")) {
            sb.append(", algorithm=").append(challenge.algorithm());
        }
        challenge.opaque().ifPresent(o -> sb.append(", opaque=").append(AuthParams.quote(o)));
        return new MsrpHeader.Authorization(sb.toString());
    }

    /**
     * The {@code rspauth} a relay puts in {@code Authentication-Info} to prove it knows the
     * password too (RFC 2617 §3.2.3): like {@link #response} with an empty method.
     */
    public static String responseAuth(DigestChallenge challenge, DigestCredentials credentials, String relayUri,
                                      String nc, String cnonce) {
        return response(challenge, credentials, "", relayUri, nc, cnonce, "auth");
    }
}
