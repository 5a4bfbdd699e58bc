package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mediasec.agw.AgwNode;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.alg.CallDirection;
import org.mediasec.pcscf.alg.StreamAction;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipSecurityHeaders;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.mediasec.testkit.JsseContexts;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.LocalIdentity;

/**
 * The P-CSCF / IMS-ALG as a running network function on loopback, with a real core, a real IMS-AGW and
 * scripted UEs: alice registers {@code msrp-tls;mediasec}, bob and carol register without. A call between
 * two UEs of this P-CSCF spirals through it (originating for the caller, terminating for the callee), so an
 * e2ae call is anchored twice at the AGW: TLS toward alice, plain through to bob.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PcscfIntegrationTest {
    static final String DOMAIN = LoopbackNetwork.DOMAIN;
    static final LocalIdentity ALICE_ID = LocalIdentity.selfSigned("alice.test");

    Core core;
    AgwNode agw;
    PcscfNode pcscf;
    TestUa alice;
    TestUa bob;
    TestUa carol;

    @BeforeAll
    void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0));
        pcscf = PcscfNode.start(LoopbackNetwork.pcscfToward(core).withLimits(new PcscfConfig.Limits(2)));
        agw = LoopbackNetwork.agwFor(pcscf, 22000);
        pcscf.agwReady().toCompletableFuture().get(10, TimeUnit.SECONDS);
        alice = LoopbackNetwork.registered("alice", pcscf, "msrp-tls;mediasec");
        bob = LoopbackNetwork.registered("bob", pcscf, null);
        carol = LoopbackNetwork.registered("carol", pcscf, null);
    }

    @AfterAll
    void stop() {
        LoopbackNetwork.closeAll(alice, bob, carol, pcscf, agw, core);
    }

    @AfterEach
    void nothingLeft() throws InterruptedException {
        awaitTrue(() -> agw.contexts().contexts() == 0 && pcscf.sessions().isEmpty(),
                "every context subtracted and every session forgotten");
        for (TestUa ua : new TestUa[] {alice, bob, carol}) {
            ua.requests.clear();
            ua.responses.clear();
        }
    }

    // ---------------------------------------------------------------- registration

    @Test
    void registrationWithMediasecIsAnsweredWithSecurityServerAndVerifiedLater() throws Exception {
        Response ok = alice.register("msrp-tls;mediasec", 600);
        assertThat(SipSecurityHeaders.read(ok, SecurityHeaderKind.SERVER).header().orElseThrow().value())
                .contains("msrp-tls;mediasec").contains("bfcp-tls;mediasec").contains("udptl-dtls;mediasec");
        // the core sees neither the UE's Security-Client nor sec-agree, and learns the P-CSCF's Path
        assertThat(core.locationService().lookup(core.aor("alice"))).singleElement()
                .satisfies(b -> assertThat(b.path()).singleElement().asString().contains(":" + pcscf.sipAddress().getPort()));

        // RFC 3329 §2.3.1: a request whose Security-Verify differs from what was sent is answered 494 with Security-Server
        Request bad = alice.invite("bob", e2aeOffer());
        bad.removeHeader("Security-Verify");
        bad.addHeader(TestUa.header("Security-Verify", "msrp-tls;mediasec"));
        alice.send(bad);
        Response refused = alice.nextFinal(Request.INVITE);
        assertThat(refused.getStatusCode()).isEqualTo(494);
        assertThat(TestUa.values(refused, "Security-Server")).isNotEmpty();
        // and without Security-Verify at all
        Request none = alice.invite("bob", e2aeOffer());
        none.removeHeader("Security-Verify");
        alice.send(none);
        assertThat(alice.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(494);

        Response plain = bob.register(null, 600);
        assertThat(TestUa.values(plain, "Security-Server")).isEmpty();
    }

    @Test
    void deRegistrationForgetsTheMechanisms() throws Exception {
        TestUa dave = new TestUa("dave", DOMAIN, "<" + pcscf.sipUri() + ">");
        try {
            int before = pcscf.registrations();
            dave.register("msrp-tls;mediasec", 600);
            assertThat(pcscf.registrations()).isEqualTo(before + 1);
            Response gone = dave.register("msrp-tls;mediasec", 0);
            assertThat(gone.getStatusCode()).isEqualTo(200);
            assertThat(pcscf.registrations()).isEqualTo(before);

            // RFC 3261 §10.2.2: Contact: * with Expires: 0 removes every binding of the AOR
            dave.register("msrp-tls;mediasec", 600);
            assertThat(pcscf.registrations()).isEqualTo(before + 1);
            assertThat(dave.unregisterAll().getStatusCode()).isEqualTo(200);
            assertThat(pcscf.registrations()).isEqualTo(before);
        } finally {
            dave.close();
        }
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void e2aeCallIsTlsTowardTheUeAndPlainTowardTheCallee() throws Exception {
        try (ServerSocket bobMsrp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Request invite = alice.invite("bob", e2aeOffer());
            alice.send(invite);

            IncomingRequest atBob = bob.nextRequest(Request.INVITE);
            String offerText = TestUa.body(atBob.request());
            SessionDescription offer = TestUa.sdp(atBob.request());
            MediaDescription m = offer.media().get(0);
            assertThat(m.proto().name()).isEqualTo("TCP/MSRP");
            // the AGW connects toward bob (it takes alice's active role, TS 23.334 §6.2.18.4): port 9, RFC 4145 §4.1
            assertThat(m.port()).isEqualTo(9);
            assertThat(offer.connectionFor(m).orElseThrow().address()).isEqualTo("127.0.0.1");
            assertThat(offerText).doesNotContain("a=fingerprint").doesNotContain("3ge2ae").contains("a=msrp-cema");

            bob.answer(atBob, 200, plainAnswer(bobMsrp.getLocalPort()));
            Response ok = alice.next(200);
            SessionDescription answer = TestUa.sdp(ok);
            MediaDescription a = answer.media().get(0);
            assertThat(a.proto().name()).isEqualTo("TCP/TLS/MSRP");
            assertThat(answer.get(a, SdpAttributes.FINGERPRINT)).contains(agw.identity().fingerprint());
            assertThat(answer.get(a, SdpAttributes.SETUP)).contains(Setup.PASSIVE);
            assertThat(TestUa.body(ok)).contains("a=3ge2ae:applied");
            assertThat(answer.connectionFor(a).orElseThrow().address()).isEqualTo("127.0.0.1");
            assertThat(a.port()).isBetween(agwMinPort(), agwMinPort() + 24);
            alice.ack(ok, invite);
            bob.nextRequest(Request.ACK);

            List<SessionView> sessions = pcscf.sessions();
            assertThat(sessions).hasSize(2);
            assertThat(sessions).anySatisfy(s -> {
                assertThat(s.direction()).isEqualTo(CallDirection.ORIGINATING);
                assertThat(s.state()).isEqualTo("established");
                assertThat(s.streams()).singleElement().satisfies(st -> assertThat(st.action()).isEqualTo(StreamAction.E2AE));
            });
            assertThat(sessions).anySatisfy(s -> {
                assertThat(s.direction()).isEqualTo(CallDirection.TERMINATING);
                assertThat(s.streams()).singleElement().satisfies(st -> assertThat(st.action()).isEqualTo(StreamAction.ANCHOR));
            });
            assertThat(agw.contexts().contexts()).isEqualTo(2);

            // bytes cross: TLS pinned to the AGW's fingerprint on the access side, plain TCP at bob
            byte[] up = "MSRP a1 SEND\r\nTo-Path: x\r\n-------a1$\r\n".getBytes();
            byte[] down = "MSRP a1 200 OK\r\n-------a1$\r\n".getBytes();
            try (SSLSocket ue = tls(new InetSocketAddress("127.0.0.1", a.port()), ALICE_ID, agw.identity().fingerprint())) {
                ue.getOutputStream().write(up);
                ue.getOutputStream().flush();
                bobMsrp.setSoTimeout(10_000);
                try (Socket atBobMsrp = bobMsrp.accept()) {
                    atBobMsrp.setSoTimeout(10_000);
                    assertThat(atBobMsrp.getInputStream().readNBytes(up.length)).isEqualTo(up);
                    OutputStream out = atBobMsrp.getOutputStream();
                    out.write(down);
                    out.flush();
                    InputStream in = ue.getInputStream();
                    assertThat(in.readNBytes(down.length)).isEqualTo(down);
                }
            }

            alice.send(alice.inDialog(Request.BYE, ok, invite));
            bob.nextRequest(Request.BYE);
            assertThat(nextFor(alice, Request.BYE).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void ueOverTcpAndCoreOverUdpAreRecordRoutedTwice() throws Exception {
        TestUa frank = new TestUa("frank", DOMAIN, "<" + pcscf.sipUri() + ";transport=tcp>", SipTransport.TCP);
        try {
            frank.register("msrp-tls;mediasec", 600);
            Request invite = frank.invite("bob", e2aeOffer());
            frank.send(invite);
            IncomingRequest atBob = bob.nextRequest(Request.INVITE);
            bob.answer(atBob, 200, plainAnswer(9));
            Response ok = frank.next(200);
            // RFC 5658 §5: one entry per transport for the originating side, the TCP one nearest to frank
            List<String> ours = TestUa.values(ok, "Record-Route").stream().filter(v -> v.contains("pcscf=orig")).toList();
            assertThat(ours).hasSize(2);
            assertThat(ours.get(0)).doesNotContain("transport=tcp");
            assertThat(ours.get(1)).contains("transport=tcp");
            assertThat(TestUa.body(ok)).contains("a=3ge2ae:applied");
            frank.ack(ok, invite);
            bob.nextRequest(Request.ACK);
            frank.send(frank.inDialog(Request.BYE, ok, invite));
            bob.nextRequest(Request.BYE);
            assertThat(nextFor(frank, Request.BYE).getStatusCode()).isEqualTo(200);
        } finally {
            frank.close();
        }
    }

    @Test
    void e2eOfferPassesThroughWithItsTlsAttributesUnchanged() throws Exception {
        LocalIdentity bobId = LocalIdentity.selfSigned("bob.test");
        Request invite = alice.invite("bob", e2aeOffer().replace("a=3ge2ae:requested\r\n", ""));
        alice.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        SessionDescription offer = TestUa.sdp(atBob.request());
        MediaDescription m = offer.media().get(0);
        // TS 23.334 §6.2.10: "unmodified transport protocol ... and unmodified TLS related SDP attribute(s)"
        assertThat(m.proto().name()).isEqualTo("TCP/TLS/MSRP");
        assertThat(offer.get(m, SdpAttributes.FINGERPRINT)).contains(ALICE_ID.fingerprint());
        assertThat(offer.get(m, SdpAttributes.SETUP)).contains(Setup.ACTIVE);
        assertThat(TestUa.body(atBob.request())).contains("a=path:msrps://127.0.0.1:9/a1;tcp").doesNotContain("3ge2ae");

        bob.answer(atBob, 200, "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 7777 TCP/TLS/MSRP *\r\na=accept-types:text/plain\r\na=path:msrps://127.0.0.1:7777/b1;tcp\r\n"
                + "a=setup:passive\r\na=fingerprint:" + bobId.fingerprint() + "\r\na=msrp-cema\r\n");
        Response ok = alice.next(200);
        SessionDescription answer = TestUa.sdp(ok);
        MediaDescription a = answer.media().get(0);
        assertThat(a.proto().name()).isEqualTo("TCP/TLS/MSRP");
        assertThat(answer.get(a, SdpAttributes.FINGERPRINT)).contains(bobId.fingerprint());
        assertThat(a.port()).as("the AGW's access port, not bob's").isNotEqualTo(7777).isBetween(agwMinPort(), agwMinPort() + 24);
        assertThat(TestUa.body(ok)).doesNotContain("3ge2ae");
        assertThat(pcscf.sessions()).anySatisfy(s -> {
            assertThat(s.direction()).isEqualTo(CallDirection.ORIGINATING);
            assertThat(s.streams()).singleElement().satisfies(st -> assertThat(st.action()).isEqualTo(StreamAction.PASS_THROUGH));
        });
        alice.ack(ok, invite);
        alice.send(alice.inDialog(Request.BYE, ok, invite));
        bob.nextRequest(Request.BYE);
    }

    @Test
    void offerFromUeWithoutMediasecRegistrationIsNotUpgraded() throws Exception {
        Request invite = carol.invite("bob", e2aeOffer());
        carol.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        MediaDescription m = TestUa.sdp(atBob.request()).media().get(0);
        // 3ge2ae requested without the registered mechanism: refused with port 0, never relayed as e2ae
        assertThat(m.port()).isZero();
        assertThat(TestUa.body(atBob.request())).doesNotContain("3ge2ae");
        assertThat(pcscf.sessions()).anySatisfy(s -> {
            assertThat(s.direction()).isEqualTo(CallDirection.ORIGINATING);
            assertThat(s.streams()).singleElement().satisfies(st -> assertThat(st.action()).isEqualTo(StreamAction.REJECT));
        });
        bob.answer(atBob, 488, null);
        assertThat(carol.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(488);
    }

    @Test
    void sessionsBeyondTheLimitAreRefused() throws Exception {
        Dialog call = aliceCallsBob();
        assertThat(pcscf.sessions()).hasSize(2);   // limits.max-sessions: 2 in this class

        carol.send(carol.invite("bob", plainOffer()));
        assertThat(carol.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(503);
        assertThat(agw.contexts().contexts()).isEqualTo(2);

        call.hangUp();
    }

    @Test
    void byeReachesTheCalleeBeforeTheContextsAreReleased() throws Exception {
        Dialog call = aliceCallsBob();
        assertThat(agw.contexts().contexts()).isEqualTo(2);
        bob.answerByes = false;
        try {
            IncomingRequest bye = call.hangUp();
            // the callee learns of the end from the BYE: its media is still anchored while it has not answered,
            // so its connection does not close under it first; the session itself is over
            assertThat(agw.contexts().contexts()).isEqualTo(2);
            assertThat(pcscf.sessions()).isEmpty();
            bye.respond(Response.OK);
            assertThat(nextFor(alice, Request.BYE).getStatusCode()).isEqualTo(200);
            awaitTrue(() -> agw.contexts().contexts() == 0, "contexts subtracted once the BYE was answered");
        } finally {
            bob.answerByes = true;
        }
    }

    @Test
    void requestFromAUeNotRegisteredThroughThisPcscfIsRefused() throws Exception {
        try (TestUa mallory = new TestUa("mallory", DOMAIN, "<" + pcscf.sipUri() + ">")) {
            mallory.send(mallory.invite("bob", e2aeOffer()));
            assertThat(mallory.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(403);
            assertThat(bob.requests).isEmpty();
            assertThat(pcscf.sessions()).isEmpty();
            assertThat(agw.contexts().contexts()).isZero();
        }
    }

    @Test
    void lateOfferIsRelayedWithEveryStreamRefused() throws Exception {
        Request invite = alice.invite("bob", null);
        alice.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        assertThat(atBob.request().getRawContent()).isNull();
        // bob makes the offer in his 200: it would run around the AGW, so it reaches alice refused
        bob.answer(atBob, 200, plainAnswer(40000));
        Response ok = alice.next(200);
        SessionDescription offer = TestUa.sdp(ok);
        assertThat(offer.media()).singleElement().satisfies(m -> assertThat(m.port()).isZero());
        alice.ack(ok, invite);
        assertThat(agw.contexts().contexts()).isZero();
        alice.send(alice.inDialog(Request.BYE, ok, invite));
        bob.nextRequest(Request.BYE);
        assertThat(nextFor(alice, Request.BYE).getStatusCode()).isEqualTo(200);
    }

    @Test
    void a2xxFromASecondForkDoesNotMoveTheMediaOfTheFirst() throws Exception {
        Request invite = alice.invite("bob", e2aeOffer());
        alice.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        bob.answer(atBob, 200, plainAnswer(9));
        Response ok = alice.next(200);
        // a second callee's 2xx to the same INVITE (another To tag, another answer), as a forking proxy would relay it
        Response forked = atBob.createResponse(200);
        ((javax.sip.header.ToHeader) forked.getHeader(javax.sip.header.ToHeader.NAME)).setTag("to-bob-2");
        forked.addHeader(bob.contact());
        forked.setContent(plainAnswer(40000), bob.endpoint.headerFactory().createContentTypeHeader("application", "sdp"));
        bob.endpoint.sendStateless(forked);
        Response second = alice.next(200);
        assertThat(((javax.sip.header.ToHeader) second.getHeader(javax.sip.header.ToHeader.NAME)).getTag()).isEqualTo("to-bob-2");
        // its media is refused, never relayed toward the second callee's own address
        assertThat(TestUa.sdp(second).media()).allSatisfy(m -> assertThat(m.port()).isZero());
        alice.ack(ok, invite);
        assertThat(agw.contexts().contexts()).isEqualTo(2);
        alice.send(alice.inDialog(Request.BYE, ok, invite));
        bob.nextRequest(Request.BYE);
        assertThat(nextFor(alice, Request.BYE).getStatusCode()).isEqualTo(200);
    }

    @Test
    void busyCalleeReleasesTheContexts() throws Exception {
        alice.send(alice.invite("bob", e2aeOffer()));
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        assertThat(agw.contexts().contexts()).isEqualTo(2);
        bob.answer(atBob, 486, null);
        assertThat(alice.nextFinal(Request.INVITE).getStatusCode()).isEqualTo(486);
    }

    @Test
    void cancelReleasesTheContexts() throws Exception {
        ClientTransaction ct = alice.send(alice.invite("bob", e2aeOffer()));
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        bob.answer(atBob, 180, null);
        alice.next(180);
        alice.cancel(ct);
        bob.nextRequest(Request.CANCEL);
        bob.answer(atBob, 487, null);
        assertThat(alice.next(487).getStatusCode()).isEqualTo(487);
    }

    @Test
    void agwTlsFailureEndsTheSessionWithByeBothWays() throws Exception {
        Dialog call = aliceCallsBob();
        MediaDescription a = TestUa.sdp(call.ok()).media().get(0);
        assertThat(agw.contexts().contexts()).isEqualTo(2);

        // a client with another certificate than the fingerprint alice offered: the AGW refuses the handshake and
        // reports tls-fingerprint-mismatch; the IMS-ALG releases both contexts and sends BYE both ways
        try {
            tls(new InetSocketAddress("127.0.0.1", a.port()), LocalIdentity.selfSigned("mallory.test"),
                    agw.identity().fingerprint()).close();
        } catch (java.io.IOException expected) {
            // the AGW may close before or after the client's Finished
        }
        IncomingRequest byeAtAlice = alice.nextRequest(Request.BYE);
        IncomingRequest byeAtBob = bob.nextRequest(Request.BYE);
        assertThat(byeAtAlice.request().getHeader("Reason").toString()).contains("tls-fingerprint-mismatch");
        assertThat(byeAtBob.request().getHeader("Reason").toString()).contains("tls-fingerprint-mismatch");
        // each BYE is in its dialog: the tags of the call, From the other party
        assertThat(((javax.sip.header.FromHeader) byeAtAlice.request().getHeader("From")).getTag()).isEqualTo("to-bob");
        assertThat(((javax.sip.header.ToHeader) byeAtBob.request().getHeader("To")).getTag()).isEqualTo("to-bob");
    }

    @Test
    void terminatingOfferToAMediasecUeIsUpgradedToTls() throws Exception {
        TestUa erin = new TestUa("erin", DOMAIN, "<" + pcscf.sipUri() + ">");
        LocalIdentity erinId = LocalIdentity.selfSigned("erin.test");
        try {
            erin.register("msrp-tls;mediasec", 600);
            Request invite = carol.invite("erin", plainOffer());
            carol.send(invite);
            IncomingRequest atErin = erin.nextRequest(Request.INVITE);
            String text = TestUa.body(atErin.request());
            SessionDescription offer = TestUa.sdp(atErin.request());
            MediaDescription m = offer.media().get(0);
            assertThat(m.proto().name()).isEqualTo("TCP/TLS/MSRP");
            assertThat(offer.get(m, SdpAttributes.FINGERPRINT)).contains(agw.identity().fingerprint());
            assertThat(offer.get(m, SdpAttributes.SETUP)).contains(Setup.ACTPASS);
            assertThat(text).contains("a=3ge2ae:applied");
            assertThat(m.port()).isBetween(agwMinPort(), agwMinPort() + 24);

            erin.answer(atErin, 200, "v=0\r\no=erin 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=message 9 TCP/TLS/MSRP *\r\na=accept-types:text/plain\r\na=path:msrps://127.0.0.1:9/e1;tcp\r\n"
                    + "a=setup:active\r\na=fingerprint:" + erinId.fingerprint() + "\r\n");
            Response ok = carol.next(200);
            String answer = TestUa.body(ok);
            // toward the core: plain again, no TLS attributes of erin's
            assertThat(TestUa.sdp(ok).media().get(0).proto().name()).isEqualTo("TCP/MSRP");
            assertThat(answer).doesNotContain("a=fingerprint").doesNotContain("3ge2ae");
            assertThat(pcscf.sessions()).anySatisfy(s -> {
                assertThat(s.direction()).isEqualTo(CallDirection.TERMINATING);
                assertThat(s.streams()).singleElement()
                        .satisfies(st -> assertThat(st.action()).isEqualTo(StreamAction.TERMINATING_UPGRADE));
            });
            carol.ack(ok, invite);
            carol.send(carol.inDialog(Request.BYE, ok, invite));
            erin.nextRequest(Request.BYE);
        } finally {
            erin.close();
        }
    }

    @Test
    void reInviteMovesTheSessionToNewContextsAndReleasesTheOldOnes() throws Exception {
        Dialog call = aliceCallsBob();
        List<Long> before = agw.contexts().contextIds();
        assertThat(before).hasSize(2);

        Request reinvite = call.newOffer(Request.INVITE, e2aeOffer().replace("o=alice 1 1", "o=alice 1 2"));
        alice.send(reinvite);
        IncomingRequest again = bob.nextRequest(Request.INVITE);
        bob.answer(again, 200, plainAnswer(9));
        Response ok2 = nextFor(alice, Request.INVITE);
        assertThat(ok2.getStatusCode()).isEqualTo(200);
        assertThat(TestUa.body(ok2)).contains("a=3ge2ae:applied");
        alice.ack(ok2, reinvite);
        awaitTrue(() -> agw.contexts().contextIds().size() == 2
                && agw.contexts().contextIds().stream().noneMatch(before::contains), "the old contexts replaced by new ones");

        call.hangUp();
    }

    @Test
    void updateWithAnOfferIsAnchoredLikeAReInvite() throws Exception {
        Dialog call = aliceCallsBob();
        List<Long> before = agw.contexts().contextIds();

        // RFC 3311: an UPDATE carries a new offer in an established dialog; its 2xx carries the answer
        Request update = call.newOffer(Request.UPDATE, e2aeOffer().replace("o=alice 1 1", "o=alice 1 2"));
        alice.send(update);
        IncomingRequest atBobUpdate = bob.nextRequest(Request.UPDATE);
        assertThat(TestUa.body(atBobUpdate.request())).contains("TCP/MSRP").doesNotContain("a=fingerprint");
        bob.answer(atBobUpdate, 200, plainAnswer(9));
        Response updated = nextFor(alice, Request.UPDATE);
        assertThat(updated.getStatusCode()).isEqualTo(200);
        assertThat(TestUa.body(updated)).contains("a=3ge2ae:applied").contains("a=fingerprint:" + agw.identity().fingerprint());
        awaitTrue(() -> agw.contexts().contextIds().size() == 2
                && agw.contexts().contextIds().stream().noneMatch(before::contains), "the old contexts replaced by new ones");

        call.hangUp();
    }

    // ---------------------------------------------------------------- helpers

    /** Alice's e2ae offer to bob, answered plain by bob (200) and acknowledged. */
    Dialog aliceCallsBob() throws Exception {
        Request invite = alice.invite("bob", e2aeOffer());
        alice.send(invite);
        IncomingRequest atBob = bob.nextRequest(Request.INVITE);
        bob.answer(atBob, 200, plainAnswer(9));
        Response ok = alice.next(200);
        alice.ack(ok, invite);
        return new Dialog(alice, bob, invite, ok);
    }

    static String plainOffer() {
        return "v=0\r\no=carol 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 9 TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:msrp://127.0.0.1:9/c1;tcp\r\n"
                + "a=setup:active\r\n";
    }

    int agwMinPort() {
        return agw.config().realms().get(0).minPort();
    }

    static String e2aeOffer() {
        return "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 9 TCP/TLS/MSRP *\r\na=accept-types:text/plain\r\na=path:msrps://127.0.0.1:9/a1;tcp\r\n"
                + "a=setup:active\r\na=fingerprint:" + ALICE_ID.fingerprint() + "\r\na=3ge2ae:requested\r\na=msrp-cema\r\n";
    }

    static String plainAnswer(int port) {
        return "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + port + " TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:msrp://127.0.0.1:" + port
                + "/b1;tcp\r\na=setup:passive\r\na=msrp-cema\r\n";
    }

    static Response nextFor(TestUa ua, String method) throws InterruptedException {
        return ua.nextFinal(method);
    }

    /** Waits for a condition the system reaches asynchronously (H.248 Subtracts after a SIP final), with a deadline. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    static SSLSocket tls(InetSocketAddress agwAccess, LocalIdentity identity, CertificateFingerprint pin) throws Exception {
        SSLContext ctx = JsseContexts.of(identity.privateKey(), identity.chain(), FingerprintTrustManager.of(pin));
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(agwAccess.getAddress(), agwAccess.getPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }
}
