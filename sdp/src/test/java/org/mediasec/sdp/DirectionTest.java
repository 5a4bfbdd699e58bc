package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {
    @Test
    void effectiveDirectionAndAnswer() {
        SessionDescription sdp = SdpParser.parse(String.join("\r\n", "v=0", "o=- 1 1 IN IP4 h", "s=-", "t=0 0",
                "a=recvonly", "m=message 1 TCP/MSRP *", "a=sendonly", "m=message 2 TCP/MSRP *", ""));
        assertThat(Direction.effective(sdp, sdp.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.effective(sdp, sdp.media().get(1))).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.SENDONLY.answer()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.INACTIVE.answer()).isEqualTo(Direction.INACTIVE);
        SessionDescription none = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=message 1 TCP/MSRP *\r\n");
        assertThat(Direction.effective(none, none.media().get(0))).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.SENDONLY.attribute().line()).isEqualTo("a=sendonly");
    }
}
