package org.mediasec.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.HeaderFactoryImpl;

/**
 * HTTP digest authentication of REGISTER (RFC 3261 §22.4, RFC 2617 §3.2 with MD5 and qop=auth).
 * Nonces are random and remembered (the last {@value #MAX_NONCES}); a response is accepted for a
 * nonce this authenticator issued, with the password of the user named in the credentials.
 */
final class DigestAuthenticator {
    static final int MAX_NONCES = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();

    private final String realm;
    private final Map<String, String> passwords;
    private final Map<String, Boolean> nonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_NONCES;
        }
    };

    DigestAuthenticator(String realm, Map<String, String> passwords) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.passwords = Map.copyOf(passwords);
    }

    /**
     * A challenge for a 401. RFC 3261 §22.1: the server "SHOULD challenge the originator to provide
     * credentials by rejecting the request with a 401 (Unauthorized) status code" with a
     * WWW-Authenticate header; RFC 2617 §3.2.1 fields realm, nonce, algorithm, qop.
     */
    synchronized WWWAuthenticateHeader challenge() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        String nonce = HexFormat.of().formatHex(b);
        nonces.put(nonce, Boolean.TRUE);
        try {
            WWWAuthenticateHeader h = HEADERS.createWWWAuthenticateHeader("Digest");
            h.setRealm(realm);
            h.setNonce(nonce);
            h.setAlgorithm("MD5");
            h.setQop("auth");
            return h;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The authenticated user name, or empty if the request carries no valid credentials for our realm. */
    synchronized Optional<String> verify(Request request) {
        var it = request.getHeaders(AuthorizationHeader.NAME);
        while (it != null && it.hasNext()) {
            AuthorizationHeader a = (AuthorizationHeader) it.next();
            if (!"Digest".equalsIgnoreCase(a.getScheme()) || !realm.equals(a.getRealm())) {
                continue;
            }
            String user = a.getUsername();
            String password = user == null ? null : passwords.get(user);
            if (password == null || a.getNonce() == null || !nonces.containsKey(a.getNonce()) || a.getResponse() == null) {
                return Optional.empty();
            }
            if (a.getAlgorithm() != null && !"MD5".equalsIgnoreCase(a.getAlgorithm())) {
                return Optional.empty();
            }
            String uri = a.getURI() == null ? "" : a.getURI().toString();
            String nc = a.getNonceCount() < 0 ? null : String.format("%08x", a.getNonceCount());
            String expected = response(user, realm, password, request.getMethod(), uri, a.getNonce(),
                    a.getQop(), nc, a.getCNonce());
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    a.getResponse().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))
                    ? Optional.of(user) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * RFC 2617 §3.2.2.1: with qop "auth", request-digest = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2));
     * without qop, KD(H(A1), nonce ":" H(A2)); A1 = user ":" realm ":" password; A2 = method ":" uri.
     */
    static String response(String user, String realm, String password, String method, String uri,
                           String nonce, String qop, String nc, String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        if (qop == null || qop.isEmpty()) {
            return md5(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is mandatory in every JDK", e);
        }
    }
}
