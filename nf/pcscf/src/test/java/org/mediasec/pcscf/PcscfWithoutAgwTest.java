package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.config.PcscfConfig;

/** With no IMS-AGW in service, a session whose media must be anchored is refused (503), never forwarded unanchored. */
class PcscfWithoutAgwTest {

    @Test
    void anOfferThatNeedsTheAgwIsRefusedWith503() throws Exception {
        try (Core core = Core.start(CoreConfig.defaults().withPort(0));
             PcscfNode pcscf = PcscfNode.start(PcscfConfig.defaults()
                     .withSip(new PcscfConfig.Sip(null, 0, null, "ims.example.net", null))
                     .withCore(new PcscfConfig.Core("sip:127.0.0.1:" + core.port() + ";lr"))
                     .withH248(new PcscfConfig.H248(null, null, 0, null, null, null, null)));
             TestUa alice = new TestUa("alice", "ims.example.net", "<" + pcscf.sipUri() + ">")) {
            assertThat(pcscf.agwReady().toCompletableFuture()).isNotDone();
            assertThat(alice.register("msrp-tls;mediasec", 600).getStatusCode()).isEqualTo(200);
            alice.send(alice.invite("alice", PcscfIntegrationTest.e2aeOffer()));
            Response r = alice.nextFinal(Request.INVITE);
            assertThat(r.getStatusCode()).isEqualTo(503);
            assertThat(pcscf.sessions()).isEmpty();
        }
    }
}
