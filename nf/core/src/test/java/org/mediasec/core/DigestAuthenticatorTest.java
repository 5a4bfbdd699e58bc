package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

    @Test
    void rfc2617Section3_5Example() {
        // RFC 2617 §3.5: Mufasa / "Circle Of Life", GET /dir/index.html, qop=auth, nc=00000001, cnonce 0a4f113b
        String response = DigestAuthenticator.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void md5OfEmptyString() {
        assertThat(DigestAuthenticator.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}
