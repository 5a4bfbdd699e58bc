package org.mediasec.ue;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Optional;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.msrp.relay.DigestChallenge;
import org.mediasec.msrp.relay.DigestCredentials;
import org.mediasec.msrp.relay.MsrpDigest;

/**
 * Answers a digest challenge to REGISTER (RFC 3261 §22.2: "the client SHOULD retry the request ...
 * with an Authorization header field" for a 401 with WWW-Authenticate, Proxy-Authorization for a 407
 * with Proxy-Authenticate). The RFC 2617 computation and challenge parsing are the msrp module's
 * ({@link MsrpDigest}, {@link DigestChallenge}): the same digest as MSRP AUTH, over a SIP method and
 * Request-URI. {@code qop=auth} when offered, else the RFC 2069 form.
 */
final class SipDigest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SipDigest() {
    }

    /**
     * Adds the credentials answering the challenge of {@code challenge} (a 401 or 407) to {@code retry};
     * false when the response has no usable Digest challenge (no header, unknown algorithm, qop without auth).
     */
    static boolean answer(Response challenge, Request retry, String user, String password, HeaderFactory headers) {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        Object h = challenge.getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (h == null) {
            return false;
        }
        String text = h.toString();
        String value = text.substring(text.indexOf(':') + 1).trim();
        Optional<DigestChallenge> parsed = DigestChallenge.parse(value);
        if (parsed.isEmpty() || !MsrpDigest.supports(parsed.get()) || (!parsed.get().qop().isEmpty() && !parsed.get().offersAuth())) {
            return false;
        }
        DigestChallenge c = parsed.get();
        String uri = retry.getRequestURI().toString();
        String qop = c.offersAuth() ? "auth" : null;
        String nc = MsrpDigest.nonceCount(1);
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String cnonce = HexFormat.of().formatHex(b);
        String response = MsrpDigest.response(c, new DigestCredentials(user, password), retry.getMethod(), uri, nc, cnonce, qop);
        try {
            AuthorizationHeader a = proxy ? headers.createProxyAuthorizationHeader("Digest") : headers.createAuthorizationHeader("Digest");
            a.setUsername(user);
            a.setRealm(c.realm());
            a.setNonce(c.nonce());
            a.setURI(retry.getRequestURI());
            a.setResponse(response);
            a.setAlgorithm(c.algorithm());
            if (c.opaque().isPresent()) {
                a.setOpaque(c.opaque().get());
            }
            if (qop != null) {
                a.setQop(qop);
                a.setNonceCount(1);
                a.setCNonce(cnonce);
            }
            retry.setHeader(a);
            return true;
        } catch (ParseException e) {
            throw new IllegalStateException("Authorization header: " + e.getMessage(), e);
        }
    }
}
