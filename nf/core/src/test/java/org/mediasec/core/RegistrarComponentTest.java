package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

/** The registrar's answers other than a plain 200: digest, 403, 404, 420, 423, 400. */
class RegistrarComponentTest {
    private static final String DOMAIN = "ims.example.net";
    private static Core core;
    private static TestUe alice;
    private static TestUe bob;
    private static TestUe mallory;

    @BeforeAll
    static void start() {
        core = Core.start(CoreConfig.defaults().withPort(0).withExpires(3600, 60, 7200)
                .withUsers(Map.of("alice", "secret", "bob", "pw"), true));
        alice = new TestUe("alice", DOMAIN, SipTransport.UDP);
        bob = new TestUe("bob", DOMAIN, SipTransport.UDP);
        mallory = new TestUe("mallory", DOMAIN, SipTransport.UDP);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, mallory, core}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Request register(TestUe ue, int expires) {
        return ue.register("sip:" + DOMAIN, List.of("<sip:127.0.0.1:" + core.port() + ";lr>"), expires);
    }

    private static Response send(TestUe ue, Request r) throws InterruptedException {
        ue.endpoint.send(r);
        return ue.nextFinal();
    }

    /** Answers {@code challenge} for {@code user} with {@code password} (RFC 2617 §3.2.2, qop=auth). */
    private static void authorize(TestUe ue, Request r, WWWAuthenticateHeader challenge, String user, String password) throws Exception {
        String uri = r.getRequestURI().toString();
        String cnonce = "0a4f113b";
        AuthorizationHeader a = ue.endpoint.headerFactory().createAuthorizationHeader("Digest");
        a.setUsername(user);
        a.setRealm(challenge.getRealm());
        a.setNonce(challenge.getNonce());
        a.setURI(r.getRequestURI());
        a.setAlgorithm("MD5");
        a.setQop("auth");
        a.setCNonce(cnonce);
        a.setNonceCount(1);
        a.setResponse(DigestAuthenticator.response(user, challenge.getRealm(), password, Request.REGISTER, uri,
                challenge.getNonce(), "auth", "00000001", cnonce));
        r.setHeader(a);
    }

    private static Response registerWithCredentials(TestUe ue, int expires, String user, String password) throws Exception {
        Response challenge = send(ue, register(ue, expires));
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        Request again = register(ue, expires);
        authorize(ue, again, (WWWAuthenticateHeader) challenge.getHeader(WWWAuthenticateHeader.NAME), user, password);
        return send(ue, again);
    }

    @Test
    void digestChallengeThenSuccess() throws Exception {
        Response challenge = send(alice, register(alice, 600));
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        WWWAuthenticateHeader www = (WWWAuthenticateHeader) challenge.getHeader(WWWAuthenticateHeader.NAME);
        assertThat(www.getScheme()).isEqualTo("Digest");
        assertThat(www.getRealm()).isEqualTo(DOMAIN);
        assertThat(www.getQop()).isEqualTo("auth");
        assertThat(((ToHeader) challenge.getHeader(ToHeader.NAME)).getTag()).isNotNull();

        Response ok = registerWithCredentials(alice, 600, "alice", "secret");
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(((ContactHeader) ok.getHeader(ContactHeader.NAME)).getExpires()).isEqualTo(600);
        assertThat(core.locationService().lookup(core.aor("alice"))).hasSize(1);
    }

    @Test
    void wrongPasswordIsChallengedAgain() throws Exception {
        assertThat(registerWithCredentials(bob, 600, "bob", "wrong").getStatusCode()).isEqualTo(401);
    }

    @Test
    void anotherUsersCredentialsAre403() throws Exception {
        assertThat(registerWithCredentials(bob, 600, "alice", "secret").getStatusCode()).isEqualTo(403);
    }

    @Test
    void unknownUserIsChallengedThen404() throws Exception {
        // authentication comes first (RFC 3261 §10.3 step 3 before step 5): nothing is revealed without credentials
        assertThat(registerWithCredentials(mallory, 600, "alice", "secret").getStatusCode()).isEqualTo(404);
    }

    @Test
    void tooBriefIs423WithMinExpires() throws Exception {
        Response r = registerWithCredentials(alice, 30, "alice", "secret");
        assertThat(r.getStatusCode()).isEqualTo(423);
        assertThat(((MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME)).getExpires()).isEqualTo(60);
    }

    @Test
    void unknownRequiredExtensionIs420() throws Exception {
        Request r = register(alice, 600);
        r.addHeader(alice.endpoint.headerFactory().createRequireHeader("foo"));
        Response resp = send(alice, r);
        assertThat(resp.getStatusCode()).isEqualTo(420);
        assertThat(TestUe.values(resp, "Unsupported")).containsExactly("foo");
    }

    @Test
    void wildcardWithNonZeroExpiresIs400() throws Exception {
        Request r = register(alice, 600);
        r.removeHeader(ContactHeader.NAME);
        ContactHeader star = alice.endpoint.headerFactory().createContactHeader();
        star.setWildCard();
        r.addHeader(star);
        assertThat(((ExpiresHeader) r.getHeader(ExpiresHeader.NAME)).getExpires()).isEqualTo(600);
        Response challenge = send(alice, r);
        // the registrar authenticates before it looks at the contacts
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        Request again = (Request) r.clone();
        again.setHeader(alice.endpoint.headerFactory().createCSeqHeader(99L, Request.REGISTER));
        again.removeHeader("Via");
        again.addHeader(alice.endpoint.newVia(SipTransport.UDP));
        authorize(alice, again, (WWWAuthenticateHeader) challenge.getHeader(WWWAuthenticateHeader.NAME), "alice", "secret");
        assertThat(send(alice, again).getStatusCode()).isEqualTo(400);
    }
}
