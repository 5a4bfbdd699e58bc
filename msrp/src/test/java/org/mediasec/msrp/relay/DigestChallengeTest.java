package org.mediasec.msrp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.mediasec.testkit.Seeds;

/** WWW-Authenticate and Authentication-Info parsing: what is accepted, what is refused, never a throw. */
class DigestChallengeTest {

    @Test
    void kamailioChallenge() {
        // as Kamailio 5.6.3's auth module writes it (seen in the interop test)
        DigestChallenge c = DigestChallenge.parse(
                "Digest realm=\"mediasec.test\", nonce=\"awk8f2sJO1OfFDuNtPVFihjbUoAyJETTZVbICIA=\", qop=\"auth\"")
                .orElseThrow();
        assertThat(c).isEqualTo(new DigestChallenge("mediasec.test", "awk8f2sJO1OfFDuNtPVFihjbUoAyJETTZVbICIA=",
                Optional.empty(), "MD5", List.of("auth"), false));
        assertThat(c.offersAuth()).isTrue();
    }

    @Test
    void toleratesCaseSpacingTokensAndStale() {
        DigestChallenge c = DigestChallenge.parse("digest   REALM = r ,, nonce=abc,stale=TRUE,algorithm=md5-sess, "
                + "qop=\"auth-int, auth\", domain=\"msrps://x;tcp\"").orElseThrow();
        assertThat(c.realm()).isEqualTo("r");
        assertThat(c.nonce()).isEqualTo("abc");
        assertThat(c.stale()).isTrue();
        assertThat(c.algorithm()).isEqualTo("md5-sess");
        assertThat(c.qop()).containsExactly("auth-int", "auth");
        assertThat(MsrpDigest.supports(c)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "Digest", "Digest ", "Basic realm=\"r\"", "Digestrealm=\"r\", nonce=\"n\"",
        "Digest realm=\"r\"",                      // no nonce
        "Digest nonce=\"n\"",                      // no realm
        "Digest realm=\"r\", nonce=\"\"",          // empty nonce
        "Digest realm=\"r, nonce=\"n\"",           // unterminated quote
        "Digest realm=\"r\" nonce=\"n\"",          // missing comma
        "Digest realm=\"r\", realm=\"s\", nonce=n", // duplicate parameter
        "Digest realm=, nonce=n", "Digest =r, nonce=n"})
    void refusedChallenges(String value) {
        assertThat(DigestChallenge.parse(value)).isEmpty();
    }

    @Test
    void authenticationInfo() {
        DigestAuthenticationInfo i = DigestAuthenticationInfo.parse(
                "nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", "
                        + "cnonce=\"0a4f113b\", nc=00000001").orElseThrow();
        assertThat(i.nextNonce()).contains("47364c23432d2e131a5fb210812c");
        assertThat(i.rspauth()).contains("6629fae49393a05397450978507c4ef1");
        assertThat(i.qop()).contains("auth");
        assertThat(i.cnonce()).contains("0a4f113b");
        assertThat(i.nc()).contains("00000001");
        assertThat(DigestAuthenticationInfo.parse("nextnonce")).isEmpty();
    }

    @Test
    void garbageNeverThrows() {
        Seeds.seeds().limit(500).forEach(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            String alphabet = "Digest realm=nonce\"\\, \t=qop";
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(r.nextInt(10) == 0 ? (char) r.nextInt(0x20, 0x3000) : alphabet.charAt(r.nextInt(alphabet.length())));
            }
            DigestChallenge.parse(sb.toString());
            DigestAuthenticationInfo.parse(sb.toString());
        });
    }
}
