package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.ReceivedMessage;

/** UE A's and peer B's MSRP sessions through the AGW, each with what it saw. */
record MsrpPeerSessions(MsrpSession a, Seen atA, MsrpSession b, Seen atB, long timeoutSeconds) {

    /** Waits until both sessions are connected (A's, then B's). */
    void connected() throws Exception {
        a.connected().get(timeoutSeconds, TimeUnit.SECONDS);
        b.connected().get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** A sends {@code text}: B receives it and B's 200 comes back to A (rewritten, where the AGW is MSRP-aware). */
    void aSendsAndBAcknowledges(String text) throws Exception {
        String id = a.sendText(text);
        assertThat(received(atB)).isEqualTo(text);
        assertThat(atA.sent.poll(timeoutSeconds, TimeUnit.SECONDS)).as("B's 200 came back rewritten").isEqualTo(id);
    }

    /** B sends {@code text}: A receives it and A's 200 comes back to B. */
    void bSendsAndAAcknowledges(String text) throws Exception {
        String id = b.sendText(text);
        assertThat(received(atA)).isEqualTo(text);
        assertThat(atB.sent.poll(timeoutSeconds, TimeUnit.SECONDS)).isEqualTo(id);
    }

    private String received(Seen at) throws InterruptedException {
        ReceivedMessage got = at.messages.poll(timeoutSeconds, TimeUnit.SECONDS);
        assertThat(got).as("a message within %d s", timeoutSeconds).isNotNull();
        return got.text();
    }

    /** Neither side saw a failed send. */
    void assertNoSendFailed() {
        assertThat(atA.failures).isEmpty();
        assertThat(atB.failures).isEmpty();
    }

    void close() {
        a.close();
        b.close();
    }
}
