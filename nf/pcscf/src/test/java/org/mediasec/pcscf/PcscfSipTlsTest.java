package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTransport;
import org.mediasec.tls.LocalIdentity;

/**
 * SIP over TLS on the P-CSCF's access side: alice reaches it over TLS (pinning its certificate, and pinned by it),
 * bob over UDP, the core over UDP. Calls both ways: the P-CSCF Record-Routes itself with {@code transport=tls}
 * toward alice (RFC 5658 double Record-Route, TLS and UDP) and connects to alice's TLS listener for her incoming call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PcscfSipTlsTest {
    static final String DOMAIN = LoopbackNetwork.DOMAIN;
    static final LocalIdentity ALICE = LocalIdentity.selfSigned("alice.test");

    Core core;
    PcscfNode pcscf;
    ScriptedAgw agw;
    TestUa alice;
    TestUa bob;

    @BeforeAll
    void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0));
        PcscfConfig.Tls tls = new PcscfConfig.Tls(null, null, "required", List.of(ALICE.fingerprint().toString()), null);
        pcscf = PcscfNode.start(LoopbackNetwork.pcscfToward(core)
                .withSip(new PcscfConfig.Sip(null, freeUdpAndTcpPort(), List.of("udp", "tls"), DOMAIN, null, tls)));
        agw = new ScriptedAgw(pcscf.mgcAddress());
        pcscf.agwReady().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(pcscf.sipTlsFingerprint()).isPresent();
        SipTlsConfig aliceTls = SipTlsConfig.pinned(ALICE, List.of(pcscf.sipTlsFingerprint().get()));
        alice = new TestUa("alice", DOMAIN, "<" + pcscf.sipUri(SipTransport.TLS) + ">", aliceTls);
        assertThat(alice.register("msrp-tls;mediasec", 600).getStatusCode()).isEqualTo(200);
        bob = LoopbackNetwork.registered("bob", pcscf, null);
    }

    @AfterAll
    void stop() {
        LoopbackNetwork.closeAll(alice, bob, pcscf, agw, core);
    }

    @Test
    void callsBothWaysWithTheUeOverTls() throws Exception {
        // alice → bob: in over TLS, out to the core over UDP: two Record-Route entries, the UE's one over TLS
        Request invite = alice.invite("bob", PcscfIntegrationTest.e2aeOffer());
        alice.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        assertThat(atBob.request().toString()).contains(";transport=tls");
        bob.answer(atBob, 200, PcscfIntegrationTest.plainAnswer(9));
        Response ok = alice.next(200);
        alice.ack(ok, invite);
        alice.send(alice.inDialog(Request.BYE, ok, invite));
        bob.nextRequest(Request.BYE);
        assertThat(alice.nextFinal(Request.BYE).getStatusCode()).isEqualTo(200);

        // bob → alice: the P-CSCF opens TLS to alice's registered contact (alice pins it and it presents its certificate)
        Request toAlice = bob.invite("alice", PcscfIntegrationTest.plainOffer());
        bob.send(toAlice);
        IncomingRequest atAlice = alice.nextRequest(Request.INVITE);
        assertThat(atAlice.transport()).isEqualTo("TLS");
        alice.answer(atAlice, 486, null);
        assertThat(bob.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(486);
        PcscfIntegrationTest.awaitTrue(() -> agw.live.isEmpty() && pcscf.sessions().isEmpty(), "nothing left");
    }

    /** A port free for both UDP and TCP: SIP over TLS listens on the same number as UDP. */
    static int freeUdpAndTcpPort() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = u.getLocalPort();
                try (ServerSocket t = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (java.io.IOException busy) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP in 50 tries");
    }
}
