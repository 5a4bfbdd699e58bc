package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mediasec.ue.CallEnd;

/** The hang-up check holds only when UE-B's call was ended by UE-A's BYE, not by its media failing first. */
class HangupCheckTest {
    static final String WHAT = "UE-A hung up with BYE and UE-B's call ended by that BYE";
    static final CallEnd HUNG_UP = new CallEnd(CallEnd.Cause.HUNG_UP, "hung up by sip:alice@lab");

    @Test
    void byeSeenByTheCalleeHolds() {
        Check c = CallScenario.hangupCheck(WHAT, HUNG_UP, new CallEnd(CallEnd.Cause.BYE_RECEIVED, "BYE from sip:alice@lab"));
        assertThat(c.held()).isTrue();
        assertThat(c.detail()).isEqualTo("UE-A: hung up by sip:alice@lab; UE-B: BYE from sip:alice@lab");
    }

    @Test
    void calleeWhoseMediaFailedBeforeTheByeFails() {
        Check c = CallScenario.hangupCheck(WHAT, HUNG_UP,
                new CallEnd(CallEnd.Cause.MEDIA_FAILED, "MSRP session failed: connection closed"));
        assertThat(c.held()).isFalse();
        assertThat(c.detail()).contains("UE-B: MSRP session failed: connection closed");
    }

    @Test
    void callerWhoseCallEndedOtherwiseFails() {
        Check c = CallScenario.hangupCheck(WHAT, new CallEnd(CallEnd.Cause.MEDIA_FAILED, "MSRP session failed: reset"),
                new CallEnd(CallEnd.Cause.BYE_RECEIVED, "BYE from sip:alice@lab"));
        assertThat(c.held()).isFalse();
    }
}
