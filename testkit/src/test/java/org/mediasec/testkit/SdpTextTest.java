package org.mediasec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpTextTest {
    @Test
    void aSessionWithOneAddressForOriginAndConnection() {
        assertThat(SdpText.session("bob", 1, 2, "198.51.100.7")).isEqualTo("""
                v=0
                o=bob 1 2 IN IP4 198.51.100.7
                s=-
                c=IN IP4 198.51.100.7
                t=0 0
                """);
    }

    @Test
    void aSessionConnectedElsewhereThanItsOrigin() {
        assertThat(SdpText.session("bob", 1, 1, "198.51.100.7", "203.0.113.5"))
                .contains("o=bob 1 1 IN IP4 198.51.100.7\n").contains("s=-\nc=IN IP4 203.0.113.5\nt=0 0\n");
    }

    @Test
    void withoutConnectionTheTimingFollowsTheName() {
        assertThat(SdpText.sessionWithoutConnection("alice", 2890844526L, 2890844527L, "192.0.2.10"))
                .isEqualTo("v=0\no=alice 2890844526 2890844527 IN IP4 192.0.2.10\ns=-\nt=0 0\n");
    }

    @Test
    void crlfEndsEveryLineWithCrLf() {
        assertThat(SdpText.crlf("v=0\ns=-\n")).isEqualTo("v=0\r\ns=-\r\n");
    }
}
