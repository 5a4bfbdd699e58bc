package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.ReceivedMessage;

/** Alice's and bob's connected MSRP sessions of one call, each with what it saw. */
record MsrpCallSessions(MsrpSession alice, Seen atAlice, MsrpSession bob, Seen atBob, long timeoutSeconds) {

    /** Alice sends {@code text}: bob receives it and bob's 200 comes back to alice. */
    void aliceSendsAndBobAcknowledges(String text) throws Exception {
        String id = alice.sendText(text);
        ReceivedMessage got = atBob.messages.poll(timeoutSeconds, TimeUnit.SECONDS);
        assertThat(got).as("bob received alice's message").isNotNull();
        assertThat(got.text()).isEqualTo(text);
        assertThat(atAlice.sent.poll(timeoutSeconds, TimeUnit.SECONDS)).as("bob's 200 came back to alice").isEqualTo(id);
    }

    /** Bob sends {@code text}: alice receives it and alice's 200 comes back to bob. */
    void bobSendsAndAliceAcknowledges(String text) throws Exception {
        String id = bob.sendText(text);
        ReceivedMessage got = atAlice.messages.poll(timeoutSeconds, TimeUnit.SECONDS);
        assertThat(got).as("alice received bob's message").isNotNull();
        assertThat(got.text()).isEqualTo(text);
        assertThat(atBob.sent.poll(timeoutSeconds, TimeUnit.SECONDS)).isEqualTo(id);
    }

    /** Neither side saw a failed send; both sessions closed. */
    void closeWithoutFailures() {
        assertThat(atAlice.failures).isEmpty();
        assertThat(atBob.failures).isEmpty();
        alice.close();
        bob.close();
    }
}
