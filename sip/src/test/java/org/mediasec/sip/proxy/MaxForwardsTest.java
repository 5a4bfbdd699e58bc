package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

class MaxForwardsTest {

    private static Request options(String maxForwardsLine) {
        return maxForwardsLine == null
                ? Msgs.request("OPTIONS sip:bob@example.net SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1",
                        "To: <sip:bob@example.net>", "From: <sip:a@example.net>;tag=1", "Call-ID: c1", "CSeq: 1 OPTIONS")
                : Msgs.request("OPTIONS sip:bob@example.net SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1",
                        "To: <sip:bob@example.net>", "From: <sip:a@example.net>;tag=1", "Call-ID: c1", "CSeq: 1 OPTIONS",
                        maxForwardsLine);
    }

    private static int value(Request r) {
        return ((MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME)).getMaxForwards();
    }

    @Test
    void zeroIsExhaustedOneAndAbsentAreNot() {
        assertThat(MaxForwards.exhausted(options("Max-Forwards: 0"))).isTrue();
        assertThat(MaxForwards.exhausted(options("Max-Forwards: 1"))).isFalse();
        assertThat(MaxForwards.exhausted(options(null))).isFalse();
    }

    @Test
    void decrementsByOne() {
        Request r = options("Max-Forwards: 70");
        MaxForwards.decrement(r);
        assertThat(value(r)).isEqualTo(69);
        Request one = options("Max-Forwards: 1");
        MaxForwards.decrement(one);
        assertThat(value(one)).isZero();
    }

    @Test
    void addsSeventyWhenAbsent() {
        Request r = options(null);
        MaxForwards.decrement(r);
        assertThat(value(r)).isEqualTo(70);
    }

    @Test
    void refusesToDecrementZero() {
        assertThatThrownBy(() -> MaxForwards.decrement(options("Max-Forwards: 0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("483");
    }
}
