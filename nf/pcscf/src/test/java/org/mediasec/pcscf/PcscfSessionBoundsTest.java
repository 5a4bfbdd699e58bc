package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sip.IncomingRequest;

/**
 * What bounds a session's hold on the IMS-AGW when the other parties misbehave: an AGW that does not answer in
 * time (503 to the UE, its late reservation subtracted), a session whose BYE never comes
 * ({@code limits.max-session-duration}: BYE both ways, contexts released), a callee that never answers (408,
 * contexts released). The AGW is {@link ScriptedAgw}: a real H.248 MG whose answers the test controls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PcscfSessionBoundsTest {
    static final String DOMAIN = LoopbackNetwork.DOMAIN;
    static final Duration MAX_SESSION = Duration.ofSeconds(2);

    Core core;
    PcscfNode pcscf;
    ScriptedAgw agw;
    TestUa alice;
    TestUa bob;

    @BeforeAll
    void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0));
        pcscf = PcscfNode.start(LoopbackNetwork.pcscfToward(core)
                .withTimeouts(new PcscfConfig.Timeouts(Duration.ofMillis(500), null))
                .withLimits(new PcscfConfig.Limits(100, MAX_SESSION)));
        agw = new ScriptedAgw(pcscf.mgcAddress());
        pcscf.agwReady().toCompletableFuture().get(10, TimeUnit.SECONDS);
        alice = LoopbackNetwork.registered("alice", pcscf, "msrp-tls;mediasec");
        bob = LoopbackNetwork.registered("bob", pcscf, null);
    }

    @AfterAll
    void stop() {
        LoopbackNetwork.closeAll(alice, bob, pcscf, agw, core);
    }

    @AfterEach
    void nothingLeft() throws InterruptedException {
        PcscfIntegrationTest.awaitTrue(() -> agw.live.isEmpty() && pcscf.sessions().isEmpty(),
                "every context subtracted and every session forgotten");
        agw.holdReservations = false;
        for (TestUa ua : new TestUa[] {alice, bob}) {
            ua.requests.clear();
            ua.responses.clear();
        }
    }

    @Test
    void silentAgwIsAnswered503AndItsLateReservationIsSubtracted() throws Exception {
        agw.holdReservations = true;
        alice.send(alice.invite("bob", PcscfIntegrationTest.e2aeOffer()));
        // timeouts.agw-reply (500 ms) passes: the UE is told the service is unavailable, nothing went on unanchored
        assertThat(alice.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(503);
        assertThat(bob.requests).isEmpty();
        assertThat(pcscf.sessions()).isEmpty();
        // the AGW answers after all: the context it created is nobody's, and is subtracted
        Runnable late = agw.held.poll(10, TimeUnit.SECONDS);
        assertThat(late).isNotNull();
        late.run();
        Long subtracted = agw.subtracted.poll(10, TimeUnit.SECONDS);
        assertThat(subtracted).as("the late reservation subtracted").isNotNull();
        assertThat(agw.live).isEmpty();
    }

    @Test
    void sessionLongerThanTheMaxDurationIsEndedWithByeBothWays() throws Exception {
        Request invite = alice.invite("bob", PcscfIntegrationTest.e2aeOffer());
        alice.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        bob.answer(atBob, 200, PcscfIntegrationTest.plainAnswer(9));
        Response ok = alice.next(200);
        alice.ack(ok, invite);
        assertThat(agw.live).hasSize(2);   // the call spirals: originating (e2ae) and terminating (anchored)
        long t0 = System.nanoTime();
        // no BYE from the UEs: limits.max-session-duration ends the session (RFC 3326 Reason, cause 408)
        IncomingRequest byeAtAlice = alice.nextRequest(Request.BYE);
        IncomingRequest byeAtBob = bob.nextRequest(Request.BYE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(MAX_SESSION.plusSeconds(5));
        assertThat(byeAtAlice.request().getHeader("Reason").toString()).contains("cause=408", "max-session-duration");
        assertThat(byeAtBob.request().getHeader("Reason").toString()).contains("cause=408");
        PcscfIntegrationTest.awaitTrue(() -> agw.live.isEmpty(), "both contexts subtracted");
        assertThat(agw.subtracted).hasSize(2);
        agw.subtracted.clear();
    }

    /** Timer B of the P-CSCF's INVITE client transaction (64·T1 = 32 s) ends the call attempt with 408. */
    @Test
    @Tag("slow")
    void calleeThatNeverAnswersIs408AndTheContextsAreReleased() throws Exception {
        String route = "<" + pcscf.sipUri() + ">";
        try (TestUa dave = new TestUa("dave", DOMAIN, route)) {
            assertThat(dave.register(null, 600).getStatusCode()).isEqualTo(200);
            dave.close();   // registered, then gone: nothing answers at its contact
            alice.send(alice.invite("dave", PcscfIntegrationTest.e2aeOffer()));
            PcscfIntegrationTest.awaitTrue(() -> agw.live.size() == 2, "both sides of the call anchored");
            assertThat(alice.nextFinal(Request.INVITE, Duration.ofSeconds(60)).getStatusCode()).isEqualTo(408);
            PcscfIntegrationTest.awaitTrue(() -> agw.live.isEmpty(), "both contexts subtracted after the 408");
            assertThat(pcscf.sessions()).isEmpty();
            agw.subtracted.clear();
        }
    }
}
