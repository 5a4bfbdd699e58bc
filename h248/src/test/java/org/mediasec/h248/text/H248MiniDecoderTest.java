package org.mediasec.h248.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.MId;

class H248MiniDecoderTest {

    @Test
    void recoversHeaderAndTransactionOfABrokenRequest() {
        assertThat(H248MiniDecoder.recover("MEGACO/1 [124.124.124.222]:55555\nTransaction = 9998 { Context = - { !!!"))
                .isEqualTo(new RecoveredHeader(1, new MId.Ip4("124.124.124.222", 55555), 9998L, true));
        assertThat(H248MiniDecoder.recover("!/3 <mgc.example>:2944 T=17{garbage".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new RecoveredHeader(3, new MId.Domain("mgc.example", 2944), 17L, true));
    }

    @Test
    void recoversRepliesAndSegmentedIdsAsNotRequests() {
        assertThat(H248MiniDecoder.recover("!/3 [::1]:2944 P=5/2/END{C=1{X"))
                .isEqualTo(new RecoveredHeader(3, new MId.Ip6("::1", 2944), 5L, false));
    }

    @Test
    void recoversAsMuchAsItCan() {
        assertThat(H248MiniDecoder.recover("MEGACO/2 mg1 Bogus = 5")).isEqualTo(new RecoveredHeader(2, new MId.Device("mg1"), null, false));
        assertThat(H248MiniDecoder.recover("MEGACO/9 [1.2.3.4] T=1")).isEqualTo(new RecoveredHeader(9, new MId.Ip4("1.2.3.4", null), 1L, true));
        assertThat(H248MiniDecoder.recover("MEGACO/1 [1.2.3")).isEqualTo(new RecoveredHeader(1, null, null, false));
        assertThat(H248MiniDecoder.recover("HTTP/1.1 200 OK")).isEqualTo(RecoveredHeader.NONE);
        assertThat(H248MiniDecoder.recover("")).isEqualTo(RecoveredHeader.NONE);
        assertThat(H248MiniDecoder.recover(new byte[] {0, 1, 2, (byte) 0xff})).isEqualTo(RecoveredHeader.NONE);
    }
}
