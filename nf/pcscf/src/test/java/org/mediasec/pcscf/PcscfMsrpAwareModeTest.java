package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mediasec.agw.AgwNode;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.transport.Transports;

/**
 * MSRP application-aware mode end to end (iq-profile.md row 26): alice (e2ae, {@code msrp-tls;mediasec})
 * calls bob without {@code a=msrp-cema}, so the IMS-ALG puts the originating e2ae context in MSRP-aware
 * mode; the terminating side of the spiralled call (plain anchoring) relays bytes and leaves a=path alone.
 * Each UE sees only an AGW URI of the e2ae context in {@code a=path}, and a real MSRP message crosses, with
 * the paths rewritten by the AGW (without the rewriting bob would answer 481, RFC 4975 §7.3: see the AGW's
 * MsrpAwareModeTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PcscfMsrpAwareModeTest {
    static final LocalIdentity ALICE_ID = LocalIdentity.selfSigned("alice.test");
    static final MsrpUri ALICE_URI = MsrpUri.parse("msrps://127.0.0.1:9/alice-aware;tcp");
    static final MsrpUri ALICE_CEMA_URI = MsrpUri.parse("msrps://127.0.0.1:9/alice-cema;tcp");
    static final long T = 10;

    Core core;
    AgwNode agw;
    PcscfNode pcscf;
    TestUa alice;
    TestUa bob;
    Transports transports;

    @BeforeAll
    void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0));
        pcscf = PcscfNode.start(LoopbackNetwork.pcscfToward(core).withLimits(new PcscfConfig.Limits(2)));
        agw = LoopbackNetwork.agwFor(pcscf, 26000);
        pcscf.agwReady().toCompletableFuture().get(T, TimeUnit.SECONDS);
        alice = LoopbackNetwork.registered("alice", pcscf, "msrp-tls;mediasec");
        bob = LoopbackNetwork.registered("bob", pcscf, null);
        transports = Transports.create("msrp-ues", 1, Transports.Kind.preferred());
    }

    @AfterAll
    void stop() {
        LoopbackNetwork.closeAll(alice, bob, pcscf, agw, core, transports);
    }

    static MsrpUri onlyPath(SessionDescription sdp) {
        MediaDescription m = sdp.media().get(0);
        List<String> path = m.get(SdpAttributes.PATH).orElseThrow();
        assertThat(path).hasSize(1);
        return MsrpUri.parse(path.get(0));
    }

    /** Alice's e2ae MSRP offer at {@code path}, with {@code a=msrp-cema} if {@code cema} (RFC 6714 §4.2). */
    Request aliceInvite(MsrpUri path, boolean cema) throws Exception {
        return alice.invite("bob", "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=message 9 TCP/TLS/MSRP *\r\na=accept-types:text/plain\r\na=path:" + path
                + "\r\n" + (cema ? "a=msrp-cema\r\n" : "") + "a=setup:active\r\na=fingerprint:" + ALICE_ID.fingerprint()
                + "\r\na=3ge2ae:requested\r\n");
    }

    /** Alice sends {@code invite}; returns it as bob got it. */
    IncomingRequest inviteReachesBob(Request invite) throws Exception {
        alice.send(invite);
        return bob.nextRequest(Request.INVITE);
    }

    /** Bob answers 200 with his plain MSRP end of {@code ues}, {@code a=msrp-cema} if {@code cema}; returns alice's 200. */
    Response bobAnswersAlice(IncomingRequest atBob, MsrpUes ues, boolean cema) throws Exception {
        bob.answer(atBob, 200, bobAnswer(ues.bobAddress, ues.bobUri, cema));
        return alice.next(200);
    }

    /** Alice acknowledges the 200; the ACK reaches bob. */
    void acknowledge(Response ok, Request invite) throws Exception {
        alice.ack(ok, invite);
        bob.nextRequest(Request.ACK);
    }

    static String bobAnswer(InetSocketAddress bobAddress, MsrpUri bobUri, boolean cema) {
        return "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + bobAddress.getPort() + " TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:" + bobUri
                + "\r\n" + (cema ? "a=msrp-cema\r\n" : "") + "a=setup:passive\r\n";
    }

    @Test
    void withoutCemaEachUeSeesTheAgwInAPathAndAMessageCrossesRewritten() throws Exception {
        try (MsrpUes ues = new MsrpUes(transports, ALICE_ID)) {
            Request invite = aliceInvite(ALICE_URI, false);
            IncomingRequest atBob = inviteReachesBob(invite);
            SessionDescription offer = TestUa.sdp(atBob.request());
            MediaDescription m = offer.media().get(0);
            MsrpUri agwForBob = onlyPath(offer);
            // bob sees the AGW (the e2ae context's core side, relayed by the terminating anchor) as his MSRP
            // peer, not alice
            assertThat(agwForBob.toString()).startsWith("msrp://127.0.0.1:").endsWith(";tcp").doesNotContain("alice-aware");
            assertThat(m.has(SdpAttributes.MSRP_CEMA)).isFalse();

            Response ok = bobAnswersAlice(atBob, ues, false);
            SessionDescription answer = TestUa.sdp(ok);
            MediaDescription a = answer.media().get(0);
            MsrpUri agwForAlice = onlyPath(answer);
            assertThat(agwForAlice.toString()).isNotEqualTo(ues.bobUri.toString())
                    .startsWith("msrps://127.0.0.1:" + a.port() + "/").endsWith(";tcp");
            acknowledge(ok, invite);

            MsrpCallSessions s = ues.connect(ALICE_URI, agwForAlice, a.port(), agw.identity().fingerprint(), agwForBob, T);
            s.aliceSendsAndBobAcknowledges("hello bob, through the MSRP-aware AGW");
            s.closeWithoutFailures();
            hangUp(ok, invite);
        }
    }

    /**
     * Alice offers with CEMA, bob answers without (an RFC 4975 endpoint): the originating IMS-ALG turns the
     * e2ae context MSRP-aware in the answer's Modifies. Bob keeps alice's URI as his peer (the offer went on
     * with it); alice gets the AGW's URI in the answer, at the answer's c/m address and port (so RFC 6714
     * §4.2 finds no Middlebox to fall back for) and no {@code a=msrp-cema}; a message crosses both ways.
     */
    @Test
    void aCemaOfferAnsweredWithoutCemaTurnsTheE2aeContextAwareAtTheAnswer() throws Exception {
        try (MsrpUes ues = new MsrpUes(transports, ALICE_ID)) {
            Request invite = aliceInvite(ALICE_CEMA_URI, true);
            IncomingRequest atBob = inviteReachesBob(invite);
            SessionDescription offer = TestUa.sdp(atBob.request());
            // CEMA in the offer: application-agnostic at both anchors, a=path untouched (TS 23.334 §5.19)
            assertThat(onlyPath(offer)).hasToString(ALICE_CEMA_URI.toString());
            assertThat(offer.media().get(0).has(SdpAttributes.MSRP_CEMA)).isTrue();

            Response ok = bobAnswersAlice(atBob, ues, false);
            SessionDescription answer = TestUa.sdp(ok);
            MediaDescription a = answer.media().get(0);
            MsrpUri agwForAlice = onlyPath(answer);
            String cLine = a.connection().orElseGet(() -> answer.connection().orElseThrow()).address();
            assertThat(agwForAlice.toString()).as("the AGW's URI, at the answer's c/m-line (RFC 6714 §4.4)")
                    .startsWith("msrps://" + cLine + ":" + a.port() + "/").endsWith(";tcp")
                    .isNotEqualTo(ues.bobUri.toString());
            assertThat(a.has(SdpAttributes.MSRP_CEMA)).as("RFC 6714 §6.2: never forwarded by an MSRP B2BUA").isFalse();
            acknowledge(ok, invite);

            MsrpCallSessions s = ues.connect(ALICE_CEMA_URI, agwForAlice, a.port(), agw.identity().fingerprint(),
                    ALICE_CEMA_URI, T);
            s.aliceSendsAndBobAcknowledges("cema dropped, paths rewritten");
            s.bobSendsAndAliceAcknowledges("and back to alice");
            s.closeWithoutFailures();
            hangUp(ok, invite);
        }
    }

    /**
     * CEMA both ways (unchanged): the answer keeps {@code a=msrp-cema} and bob's own {@code a=path}; alice
     * connects to the AGW's c/m address (RFC 6714 §4.2) and the AGW relays the MSRP octets untouched (bob
     * accepts alice's own URI in From-Path, alice bob's in the 200).
     */
    @Test
    void cemaBothWaysStillRelaysTheBytesWithThePathsUntouched() throws Exception {
        try (MsrpUes ues = new MsrpUes(transports, ALICE_ID)) {
            Request invite = aliceInvite(ALICE_CEMA_URI, true);
            IncomingRequest atBob = inviteReachesBob(invite);
            assertThat(onlyPath(TestUa.sdp(atBob.request()))).hasToString(ALICE_CEMA_URI.toString());
            Response ok = bobAnswersAlice(atBob, ues, true);
            MediaDescription a = TestUa.sdp(ok).media().get(0);
            assertThat(onlyPath(TestUa.sdp(ok))).hasToString(ues.bobUri.toString());
            assertThat(a.has(SdpAttributes.MSRP_CEMA)).isTrue();
            assertThat(a.port()).isNotEqualTo(ues.bobAddress.getPort());      // anchored: the AGW's c/m
            acknowledge(ok, invite);

            MsrpCallSessions s = ues.connect(ALICE_CEMA_URI, ues.bobUri, a.port(), agw.identity().fingerprint(),
                    ALICE_CEMA_URI, T);
            s.aliceSendsAndBobAcknowledges("cema both ways");
            s.closeWithoutFailures();
            hangUp(ok, invite);
        }
    }

    void hangUp(Response ok, Request invite) throws Exception {
        new Dialog(alice, bob, invite, ok).hangUp();
        assertThat(alice.nextFinal(Request.BYE).getStatusCode()).isEqualTo(200);
        PcscfIntegrationTest.awaitTrue(() -> agw.contexts().contexts() == 0 && pcscf.sessions().isEmpty(),
                "every context subtracted and every session forgotten");
    }
}
