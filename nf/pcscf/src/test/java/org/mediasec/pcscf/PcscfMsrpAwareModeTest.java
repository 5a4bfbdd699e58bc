package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
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
    static final String DOMAIN = "ims.example.net";
    static final LocalIdentity ALICE_ID = LocalIdentity.selfSigned("alice.test");
    static final MsrpUri ALICE_URI = MsrpUri.parse("msrps://127.0.0.1:9/alice-aware;tcp");
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
        pcscf = PcscfNode.start(PcscfConfig.defaults()
                .withSip(new PcscfConfig.Sip(null, 0, null, DOMAIN, null))
                .withCore(new PcscfConfig.Core("sip:127.0.0.1:" + core.port() + ";lr"))
                .withH248(new PcscfConfig.H248(null, null, 0, null, null, null, null))
                .withLimits(new PcscfConfig.Limits(2)));
        int base = 26000 + new Random().nextInt(80) * 50;
        agw = AgwNode.start(AgwConfig.defaults().withMid("[127.0.0.1]:2945")
                .withH248(AgwConfig.H248.DEFAULTS.withMgc("127.0.0.1", pcscf.mgcAddress().getPort()).withLocal("127.0.0.1", 0))
                .withRealms(List.of(new AgwConfig.RealmConfig("access", "127.0.0.1", null, base, base + 24),
                        new AgwConfig.RealmConfig("core", "127.0.0.1", null, base + 25, base + 49))));
        pcscf.agwReady().toCompletableFuture().get(T, TimeUnit.SECONDS);
        String route = "<" + pcscf.sipUri() + ">";
        alice = new TestUa("alice", DOMAIN, route);
        bob = new TestUa("bob", DOMAIN, route);
        assertThat(alice.register("msrp-tls;mediasec", 600).getStatusCode()).isEqualTo(200);
        assertThat(bob.register(null, 600).getStatusCode()).isEqualTo(200);
        transports = Transports.create("msrp-ues", 1, Transports.Kind.preferred());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, pcscf, agw, core, transports}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** What one UE's MSRP session saw. */
    static final class Seen implements MsrpSessionListener {
        final BlockingQueue<ReceivedMessage> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        final BlockingQueue<SendFailure> failures = new LinkedBlockingQueue<>();
        final CompletableFuture<String> sessionFailed = new CompletableFuture<>();

        @Override
        public void messageReceived(ReceivedMessage message) {
            messages.add(message);
        }

        @Override
        public void messageSent(String messageId) {
            sent.add(messageId);
        }

        @Override
        public void sendFailed(SendFailure failure) {
            failures.add(failure);
        }

        @Override
        public void sessionFailed(String reason) {
            sessionFailed.complete(reason);
        }
    }

    static MsrpSessionSpec spec(MsrpUri local, MsrpUri remote, boolean active, boolean secure, InetSocketAddress to,
                                List<CertificateFingerprint> pins) {
        return new MsrpSessionSpec(List.of(local), List.of(remote), active, secure, to, pins, false, Optional.empty(),
                Optional.empty(), List.of("*"), Optional.empty(), Optional.empty());
    }

    static MsrpUri onlyPath(SessionDescription sdp) {
        MediaDescription m = sdp.media().get(0);
        List<String> path = m.get(SdpAttributes.PATH).orElseThrow();
        assertThat(path).hasSize(1);
        return MsrpUri.parse(path.get(0));
    }

    @Test
    void withoutCemaEachUeSeesTheAgwInAPathAndAMessageCrossesRewritten() throws Exception {
        try (MsrpEndpoint aliceMsrp = MsrpEndpoint.tls(transports, ALICE_ID, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
             MsrpEndpoint bobMsrp = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT)) {
            InetSocketAddress bobAddress = bobMsrp.listen(new InetSocketAddress("127.0.0.1", 0));
            MsrpUri bobUri = bobMsrp.newLocalUri("127.0.0.1");

            Request invite = alice.invite("bob", "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=message 9 TCP/TLS/MSRP *\r\na=accept-types:text/plain\r\na=path:" + ALICE_URI + "\r\n"
                    + "a=setup:active\r\na=fingerprint:" + ALICE_ID.fingerprint() + "\r\na=3ge2ae:requested\r\n");
            alice.send(invite);

            IncomingRequest atBob = bob.nextRequest(Request.INVITE);
            SessionDescription offer = TestUa.sdp(atBob.request());
            MediaDescription m = offer.media().get(0);
            MsrpUri agwForBob = onlyPath(offer);
            // bob sees the AGW (the e2ae context's core side, relayed by the terminating anchor) as his MSRP
            // peer, not alice
            assertThat(agwForBob.toString()).startsWith("msrp://127.0.0.1:").endsWith(";tcp").doesNotContain("alice-aware");
            assertThat(m.has(SdpAttributes.MSRP_CEMA)).isFalse();

            bob.answer(atBob, 200, "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=message " + bobAddress.getPort() + " TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:" + bobUri
                    + "\r\na=setup:passive\r\n");
            Response ok = alice.next(200);
            SessionDescription answer = TestUa.sdp(ok);
            MediaDescription a = answer.media().get(0);
            MsrpUri agwForAlice = onlyPath(answer);
            assertThat(agwForAlice.toString()).isNotEqualTo(bobUri.toString())
                    .startsWith("msrps://127.0.0.1:" + a.port() + "/").endsWith(";tcp");
            alice.ack(ok, invite);
            bob.nextRequest(Request.ACK);

            Seen bobSaw = new Seen();
            MsrpSession sb = bobMsrp.open(spec(bobUri, agwForBob, false, false, bobAddress, List.of()), bobSaw);
            Seen atAlice = new Seen();
            MsrpSession sa = aliceMsrp.open(spec(ALICE_URI, agwForAlice, true, true,
                    new InetSocketAddress("127.0.0.1", a.port()), List.of(agw.identity().fingerprint())), atAlice);
            sa.connected().get(T, TimeUnit.SECONDS);
            sb.connected().get(T, TimeUnit.SECONDS);

            String id = sa.sendText("hello bob, through the MSRP-aware AGW");
            ReceivedMessage got = bobSaw.messages.poll(T, TimeUnit.SECONDS);
            assertThat(got).as("bob received alice's message").isNotNull();
            assertThat(got.text()).isEqualTo("hello bob, through the MSRP-aware AGW");
            assertThat(atAlice.sent.poll(T, TimeUnit.SECONDS)).as("bob's 200 came back to alice").isEqualTo(id);
            assertThat(atAlice.failures).isEmpty();
            assertThat(bobSaw.failures).isEmpty();
            sa.close();
            sb.close();

            alice.send(alice.inDialog(Request.BYE, ok, invite));
            bob.nextRequest(Request.BYE);
            assertThat(alice.nextFinal(Request.BYE).getStatusCode()).isEqualTo(200);
        }
        PcscfIntegrationTest.awaitTrue(() -> agw.contexts().contexts() == 0 && pcscf.sessions().isEmpty(),
                "every context subtracted and every session forgotten");
    }

    static final MsrpUri ALICE_CEMA_URI = MsrpUri.parse("msrps://127.0.0.1:9/alice-cema;tcp");

    /** Alice's e2ae MSRP offer with {@code a=msrp-cema} (RFC 6714 §4.2: in the first offer she sends). */
    Request cemaInvite() throws Exception {
        return alice.invite("bob", "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=message 9 TCP/TLS/MSRP *\r\na=accept-types:text/plain\r\na=path:" + ALICE_CEMA_URI
                + "\r\na=msrp-cema\r\na=setup:active\r\na=fingerprint:" + ALICE_ID.fingerprint()
                + "\r\na=3ge2ae:requested\r\n");
    }

    static String bobAnswer(InetSocketAddress bobAddress, MsrpUri bobUri, boolean cema) {
        return "v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + bobAddress.getPort() + " TCP/MSRP *\r\na=accept-types:text/plain\r\na=path:" + bobUri
                + "\r\n" + (cema ? "a=msrp-cema\r\n" : "") + "a=setup:passive\r\n";
    }

    /**
     * Alice offers with CEMA, bob answers without (an RFC 4975 endpoint): the originating IMS-ALG turns the
     * e2ae context MSRP-aware in the answer's Modifies. Bob keeps alice's URI as his peer (the offer went on
     * with it); alice gets the AGW's URI in the answer, at the answer's c/m address and port (so RFC 6714
     * §4.2 finds no Middlebox to fall back for) and no {@code a=msrp-cema}; a message crosses both ways.
     */
    @Test
    void aCemaOfferAnsweredWithoutCemaTurnsTheE2aeContextAwareAtTheAnswer() throws Exception {
        try (MsrpEndpoint aliceMsrp = MsrpEndpoint.tls(transports, ALICE_ID, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
             MsrpEndpoint bobMsrp = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT)) {
            InetSocketAddress bobAddress = bobMsrp.listen(new InetSocketAddress("127.0.0.1", 0));
            MsrpUri bobUri = bobMsrp.newLocalUri("127.0.0.1");
            Request invite = cemaInvite();
            alice.send(invite);

            IncomingRequest atBob = bob.nextRequest(Request.INVITE);
            SessionDescription offer = TestUa.sdp(atBob.request());
            // CEMA in the offer: application-agnostic at both anchors, a=path untouched (TS 23.334 §5.19)
            assertThat(onlyPath(offer)).hasToString(ALICE_CEMA_URI.toString());
            assertThat(offer.media().get(0).has(SdpAttributes.MSRP_CEMA)).isTrue();

            bob.answer(atBob, 200, bobAnswer(bobAddress, bobUri, false));
            Response ok = alice.next(200);
            SessionDescription answer = TestUa.sdp(ok);
            MediaDescription a = answer.media().get(0);
            MsrpUri agwForAlice = onlyPath(answer);
            String cLine = a.connection().orElseGet(() -> answer.connection().orElseThrow()).address();
            assertThat(agwForAlice.toString()).as("the AGW's URI, at the answer's c/m-line (RFC 6714 §4.4)")
                    .startsWith("msrps://" + cLine + ":" + a.port() + "/").endsWith(";tcp")
                    .isNotEqualTo(bobUri.toString());
            assertThat(a.has(SdpAttributes.MSRP_CEMA)).as("RFC 6714 §6.2: never forwarded by an MSRP B2BUA").isFalse();
            alice.ack(ok, invite);
            bob.nextRequest(Request.ACK);

            Seen bobSaw = new Seen();
            MsrpSession sb = bobMsrp.open(spec(bobUri, ALICE_CEMA_URI, false, false, bobAddress, List.of()), bobSaw);
            Seen atAlice = new Seen();
            MsrpSession sa = aliceMsrp.open(spec(ALICE_CEMA_URI, agwForAlice, true, true,
                    new InetSocketAddress("127.0.0.1", a.port()), List.of(agw.identity().fingerprint())), atAlice);
            sa.connected().get(T, TimeUnit.SECONDS);
            sb.connected().get(T, TimeUnit.SECONDS);
            String id = sa.sendText("cema dropped, paths rewritten");
            ReceivedMessage got = bobSaw.messages.poll(T, TimeUnit.SECONDS);
            assertThat(got).as("bob received alice's message").isNotNull();
            assertThat(got.text()).isEqualTo("cema dropped, paths rewritten");
            assertThat(atAlice.sent.poll(T, TimeUnit.SECONDS)).as("bob's 200 came back to alice").isEqualTo(id);
            String back = sb.sendText("and back to alice");
            ReceivedMessage gotBack = atAlice.messages.poll(T, TimeUnit.SECONDS);
            assertThat(gotBack).as("alice received bob's message").isNotNull();
            assertThat(gotBack.text()).isEqualTo("and back to alice");
            assertThat(bobSaw.sent.poll(T, TimeUnit.SECONDS)).isEqualTo(back);
            assertThat(atAlice.failures).isEmpty();
            assertThat(bobSaw.failures).isEmpty();
            sa.close();
            sb.close();
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
        try (MsrpEndpoint aliceMsrp = MsrpEndpoint.tls(transports, ALICE_ID, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
             MsrpEndpoint bobMsrp = MsrpEndpoint.plain(transports, MsrpSessionConfig.DEFAULT)) {
            InetSocketAddress bobAddress = bobMsrp.listen(new InetSocketAddress("127.0.0.1", 0));
            MsrpUri bobUri = bobMsrp.newLocalUri("127.0.0.1");
            Request invite = cemaInvite();
            alice.send(invite);
            IncomingRequest atBob = bob.nextRequest(Request.INVITE);
            assertThat(onlyPath(TestUa.sdp(atBob.request()))).hasToString(ALICE_CEMA_URI.toString());
            bob.answer(atBob, 200, bobAnswer(bobAddress, bobUri, true));
            Response ok = alice.next(200);
            MediaDescription a = TestUa.sdp(ok).media().get(0);
            assertThat(onlyPath(TestUa.sdp(ok))).hasToString(bobUri.toString());
            assertThat(a.has(SdpAttributes.MSRP_CEMA)).isTrue();
            assertThat(a.port()).isNotEqualTo(bobAddress.getPort());      // anchored: the AGW's c/m
            alice.ack(ok, invite);
            bob.nextRequest(Request.ACK);

            Seen bobSaw = new Seen();
            MsrpSession sb = bobMsrp.open(spec(bobUri, ALICE_CEMA_URI, false, false, bobAddress, List.of()), bobSaw);
            Seen atAlice = new Seen();
            MsrpSession sa = aliceMsrp.open(spec(ALICE_CEMA_URI, bobUri, true, true,
                    new InetSocketAddress("127.0.0.1", a.port()), List.of(agw.identity().fingerprint())), atAlice);
            sa.connected().get(T, TimeUnit.SECONDS);
            sb.connected().get(T, TimeUnit.SECONDS);
            String id = sa.sendText("cema both ways");
            ReceivedMessage got = bobSaw.messages.poll(T, TimeUnit.SECONDS);
            assertThat(got).as("bob received alice's message").isNotNull();
            assertThat(got.text()).isEqualTo("cema both ways");
            assertThat(atAlice.sent.poll(T, TimeUnit.SECONDS)).isEqualTo(id);
            assertThat(atAlice.failures).isEmpty();
            assertThat(bobSaw.failures).isEmpty();
            sa.close();
            sb.close();
            hangUp(ok, invite);
        }
    }

    void hangUp(Response ok, Request invite) throws Exception {
        alice.send(alice.inDialog(Request.BYE, ok, invite));
        bob.nextRequest(Request.BYE);
        assertThat(alice.nextFinal(Request.BYE).getStatusCode()).isEqualTo(200);
        PcscfIntegrationTest.awaitTrue(() -> agw.contexts().contexts() == 0 && pcscf.sessions().isEmpty(),
                "every context subtracted and every session forgotten");
    }
}
