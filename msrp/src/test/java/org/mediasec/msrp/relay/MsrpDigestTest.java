package org.mediasec.msrp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Digest computation against published vectors, and the Authorization header we write. */
class MsrpDigestTest {
    /** RFC 2617 §3.5: the challenge (Mufasa / "Circle Of Life", GET /dir/index.html). */
    static final DigestChallenge RFC2617 = new DigestChallenge("testrealm@host.com",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", Optional.of("5ccc069c403ebaf9f0171e9517f40e41"), "MD5",
            List.of("auth", "auth-int"), false);
    static final DigestCredentials MUFASA = new DigestCredentials("Mufasa", "Circle Of Life");

    @Test
    void rfc2617Section35Vector() {
        assertThat(MsrpDigest.response(RFC2617, MUFASA, "GET", "/dir/index.html", "00000001", "0a4f113b", "auth"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void rfc2617ChallengeParsesAsWritten() {
        String header = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        assertThat(DigestChallenge.parse(header)).contains(RFC2617);
    }

    /** RFC 7616 §3.9.1: the same exchange with MD5 and with SHA-256. */
    @Test
    void rfc7616Section391Vectors() {
        DigestCredentials c = new DigestCredentials("Mufasa", "Circle of Life");
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        DigestChallenge md5 = new DigestChallenge("http-auth@example.org", nonce, Optional.empty(), "MD5",
                List.of("auth"), false);
        DigestChallenge sha = new DigestChallenge("http-auth@example.org", nonce, Optional.empty(), "SHA-256",
                List.of("auth"), false);
        assertThat(MsrpDigest.response(md5, c, "GET", "/dir/index.html", "00000001", cnonce, "auth"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(MsrpDigest.response(sha, c, "GET", "/dir/index.html", "00000001", cnonce, "auth"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void authorizationForAuthCarriesEveryParameterAndAVerifiableResponse() {
        DigestChallenge ch = DigestChallenge.parse("Digest realm=\"intra.example.com\", qop=\"auth\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"xyz\"").orElseThrow();
        DigestCredentials alice = new DigestCredentials("Alice", "secret");
        String relay = "msrps://alice@intra.example.com;tcp";
        String value = MsrpDigest.authorization(ch, alice, relay, 1, "0a4f113b").value();
        Map<String, String> p = AuthParams.parseScheme(value, "Digest");
        assertThat(p).containsEntry("username", "Alice").containsEntry("realm", "intra.example.com")
                .containsEntry("nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093").containsEntry("uri", relay)
                .containsEntry("qop", "auth").containsEntry("nc", "00000001").containsEntry("cnonce", "0a4f113b")
                .containsEntry("opaque", "xyz").doesNotContainKey("algorithm");
        String ha1 = MsrpDigest.md5Hex("Alice:intra.example.com:secret");
        String ha2 = MsrpDigest.md5Hex("AUTH:" + relay);
        assertThat(p.get("response")).isEqualTo(MsrpDigest.md5Hex(
                ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2));
        assertThat(value).startsWith("Digest username=\"Alice\", realm=\"intra.example.com\", ");
    }

    @Test
    void withoutQopTheRfc2069FormIsUsed() {
        DigestChallenge ch = new DigestChallenge("r", "n", Optional.empty(), "MD5", List.of(), false);
        String value = MsrpDigest.authorization(ch, new DigestCredentials("u", "p"), "msrps://h;tcp", 1, "c").value();
        Map<String, String> p = AuthParams.parseScheme(value, "Digest");
        assertThat(p).doesNotContainKeys("qop", "nc", "cnonce");
        String ha1 = MsrpDigest.md5Hex("u:r:p");
        assertThat(p.get("response")).isEqualTo(MsrpDigest.md5Hex(ha1 + ":n:" + MsrpDigest.md5Hex("AUTH:msrps://h;tcp")));
    }

    @Test
    void md5SessMixesNonceAndCnonceIntoHa1() {
        DigestChallenge ch = new DigestChallenge("r", "n", Optional.empty(), "MD5-sess", List.of("auth"), false);
        String ha1 = MsrpDigest.md5Hex(MsrpDigest.md5Hex("u:r:p") + ":n:c");
        assertThat(MsrpDigest.response(ch, new DigestCredentials("u", "p"), "AUTH", "x", "00000001", "c", "auth"))
                .isEqualTo(MsrpDigest.md5Hex(ha1 + ":n:00000001:c:auth:" + MsrpDigest.md5Hex("AUTH:x")));
        assertThat(MsrpDigest.authorization(ch, new DigestCredentials("u", "p"), "x", 1, "c").value())
                .contains("algorithm=MD5-sess");
    }

    @Test
    void unsupportedAlgorithmOrQopIsRefused() {
        DigestChallenge sha512 = new DigestChallenge("r", "n", Optional.empty(), "SHA-512-256", List.of("auth"), false);
        assertThat(MsrpDigest.supports(sha512)).isFalse();
        assertThatThrownBy(() -> MsrpDigest.authorization(sha512, MUFASA, "x", 1, "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("algorithm");
        DigestChallenge authInt = new DigestChallenge("r", "n", Optional.empty(), "MD5", List.of("auth-int"), false);
        assertThatThrownBy(() -> MsrpDigest.authorization(authInt, MUFASA, "x", 1, "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qop");
    }

    @Test
    void nonceCountIsEightLowerCaseHexDigits() {
        assertThat(MsrpDigest.nonceCount(1)).isEqualTo("00000001");
        assertThat(MsrpDigest.nonceCount(255)).isEqualTo("000000ff");
        assertThatThrownBy(() -> MsrpDigest.nonceCount(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotedValuesAreEscaped() {
        DigestChallenge ch = DigestChallenge.parse("Digest realm=\"a \\\"b\\\" c\", nonce=\"n\"").orElseThrow();
        assertThat(ch.realm()).isEqualTo("a \"b\" c");
        String value = MsrpDigest.authorization(ch, new DigestCredentials("we\"ird", "p"), "x", 1, "c").value();
        assertThat(AuthParams.parseScheme(value, "Digest")).containsEntry("username", "we\"ird")
                .containsEntry("realm", "a \"b\" c");
    }

    @Test
    void credentialsHideThePassword() {
        assertThat(MUFASA.toString()).contains("Mufasa").doesNotContain("Circle");
    }
}
