package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.PathHeaders;
import org.mediasec.testkit.ManualTimerService;

/**
 * The core between two UEs, each behind its own P-CSCF stand-in (built from the proxy helpers):
 * UE-A → P-CSCF A → core → P-CSCF B → UE-B, as in DESIGN §2. Registration goes through the P-CSCF,
 * which adds itself to Path; the core routes requests for a registered AOR through the stored Path.
 * Binding expiry runs on a {@link ManualTimerService} (read by the core's SIP thread, advanced by the
 * test thread: the SIP round trips in between order the two).
 */
class CoreComponentTest {
    private static final String DOMAIN = "ims.example.net";
    private static final ManualTimerService CLOCK = new ManualTimerService();
    private static Core core;
    private static TestPcscf pcscfA;
    private static TestPcscf pcscfB;
    private static TestUe alice;
    private static TestUe bob;

    @BeforeAll
    static void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0), CLOCK);
        SipURI coreUri = coreRouteUri();
        pcscfA = new TestPcscf("pcscf-a", DOMAIN, coreUri);
        pcscfB = new TestPcscf("pcscf-b", DOMAIN, coreUri);
        alice = new TestUe("alice", DOMAIN, SipTransport.UDP);
        bob = new TestUe("bob", DOMAIN, SipTransport.UDP);
        assertThat(registerVia(alice, pcscfA, 600).getStatusCode()).isEqualTo(200);
        assertThat(registerVia(bob, pcscfB, 600).getStatusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, pcscfA, pcscfB, core}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static SipURI coreRouteUri() throws ParseException {
        SipURI uri = new gov.nist.javax.sip.address.AddressFactoryImpl().createSipURI(null, "127.0.0.1");
        uri.setPort(core.port());
        uri.setLrParam();
        return uri;
    }

    /** The core as a UE's outbound proxy (a preloaded Route, RFC 3261 §8.1.2), for UEs without a P-CSCF. */
    private static List<String> direct(TestUe ue) {
        String t = ue.transport == SipTransport.TCP ? ";transport=tcp" : "";
        return List.of("<sip:127.0.0.1:" + core.port() + t + ";lr>");
    }

    private static Response registerVia(TestUe ue, TestPcscf pcscf, int expires) throws InterruptedException {
        ue.endpoint.send(ue.register("sip:" + DOMAIN, pcscf == null ? direct(ue) : List.of(pcscf.routeUri()), expires));
        return ue.nextFinal();
    }

    private static IncomingRequest next(TestUe ue, String method) throws InterruptedException {
        while (true) {
            IncomingRequest r = ue.nextRequest();
            if (r.method().equals(method)) {
                return r;
            }
        }
    }

    @Test
    void registrationThroughThePcscfStoresItsPath() throws Exception {
        TestUe ue = alice;
        Response ok = registerVia(ue, pcscfA, 600);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(TestUe.values(ok, PathHeaders.NAME)).as("RFC 3327 §5.3: Path copied into the 200")
                .containsExactly(pcscfA.routeUri());
        ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        assertThat(contact.getAddress().getURI()).isEqualTo(ue.contactUri());
        assertThat(contact.getExpires()).isEqualTo(600);
        assertThat(ok.getHeader(RecordRouteHeader.NAME)).isNull();
        assertThat(TestUe.values(ok, "Service-Route")).as("RFC 3608: the core as service route")
                .containsExactly("<" + coreRouteUri() + ">");
        assertThat(pcscfA.serviceRoute).extracting(Object::toString).containsExactly("<" + coreRouteUri() + ">");
        List<Binding> bindings = core.locationService().lookup("sip:alice@" + DOMAIN);
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).contact()).isEqualTo(ue.contactUri().toString());
        assertThat(bindings.get(0).path()).containsExactly(pcscfA.routeUri());
    }

    @Test
    void inviteOkAckByeRoutedThroughBothPcscfsAndTheCore() throws Exception {
        String callId = alice.newCallId();
        Request invite = alice.request(Request.INVITE, "sip:bob@" + DOMAIN, bob.aor(), null, callId, List.of(pcscfA.routeUri()));
        invite.addHeader(alice.contact());
        alice.endpoint.send(invite);

        IncomingRequest atBob = next(bob, Request.INVITE);
        Request received = atBob.request();
        assertThat(received.getRequestURI()).as("retargeted to the registered contact").isEqualTo(bob.contactUri());
        assertThat(TestUe.values(received, ViaHeader.NAME)).hasSize(4); // alice, P-CSCF A, core, P-CSCF B
        assertThat(TestUe.values(received, RecordRouteHeader.NAME)).containsExactly(
                pcscfB.routeUri(), "<" + coreRouteUri() + ">", pcscfA.routeUri());
        assertThat(received.getHeader(RouteHeader.NAME)).as("every Route consumed on the way").isNull();
        assertThat(((MaxForwardsHeader) received.getHeader(MaxForwardsHeader.NAME)).getMaxForwards()).isEqualTo(67);
        assertThat(pcscfB.seen).anyMatch(s -> s.startsWith("INVITE sip:bob@127.0.0.1"));

        Response ok = alice.nextFinal();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(TestUe.values(ok, ViaHeader.NAME)).hasSize(1);
        long number = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();

        Request ack = alice.inDialog(Request.ACK, ok, number);
        assertThat(TestUe.routeOf(ack)).isEqualTo(pcscfA.routeUri() + ", <" + coreRouteUri() + ">, " + pcscfB.routeUri());
        alice.endpoint.sendStateless(ack);
        IncomingRequest ackAtBob = next(bob, Request.ACK);
        assertThat(ackAtBob.request().getRequestURI()).isEqualTo(bob.contactUri());

        alice.endpoint.send(alice.inDialog(Request.BYE, ok, number + 1));
        IncomingRequest byeAtBob = next(bob, Request.BYE);
        assertThat(TestUe.values(byeAtBob.request(), ViaHeader.NAME)).hasSize(4);
        Response byeOk = alice.nextFinal();
        assertThat(byeOk.getStatusCode()).isEqualTo(200);
        assertThat(((CSeqHeader) byeOk.getHeader(CSeqHeader.NAME)).getMethod()).isEqualTo(Request.BYE);
        assertThat(core.locationService().lookup("sip:bob@" + DOMAIN)).hasSize(1);
    }

    @Test
    void messageFromBobReachesAliceThroughHerPath() throws Exception {
        Request message = bob.request(Request.MESSAGE, "sip:alice@" + DOMAIN, alice.aor(), null, bob.newCallId(), List.of(pcscfB.routeUri()));
        message.setContent("hello alice", bob.endpoint.headerFactory().createContentTypeHeader("text", "plain"));
        bob.endpoint.send(message);
        IncomingRequest atAlice = next(alice, Request.MESSAGE);
        assertThat(atAlice.request().getRequestURI()).isEqualTo(alice.contactUri());
        assertThat(new String(atAlice.request().getRawContent())).isEqualTo("hello alice");
        assertThat(atAlice.request().getHeader(RecordRouteHeader.NAME)).as("MESSAGE creates no dialog").isNull();
        assertThat(pcscfA.seen).anyMatch(s -> s.startsWith("MESSAGE sip:alice@127.0.0.1"));
        assertThat(bob.nextFinal().getStatusCode()).isEqualTo(200);
    }

    @Test
    void unknownUserIs404() throws Exception {
        alice.endpoint.send(alice.request(Request.MESSAGE, "sip:nobody@" + DOMAIN, "sip:nobody@" + DOMAIN, null, alice.newCallId(), direct(alice)));
        Response notFound = alice.nextFinal();
        assertThat(notFound.getStatusCode()).isEqualTo(404);
        assertThat(((javax.sip.header.ToHeader) notFound.getHeader(javax.sip.header.ToHeader.NAME)).getTag()).isNotNull();
        Request invite = alice.request(Request.INVITE, "sip:nobody@" + DOMAIN, "sip:nobody@" + DOMAIN, null, alice.newCallId(), List.of(pcscfA.routeUri()));
        invite.addHeader(alice.contact());
        alice.endpoint.send(invite);
        assertThat(alice.nextFinal().getStatusCode()).as("relayed back by P-CSCF A").isEqualTo(404);
    }

    @Test
    void wildcardUnregisterMakesTheUser480() throws Exception {
        try (TestUe carol = new TestUe("carol", DOMAIN, SipTransport.UDP)) {
            assertThat(registerVia(carol, null, 600).getStatusCode()).isEqualTo(200);
            Request unregister = carol.register("sip:" + DOMAIN, direct(carol), 0);
            unregister.removeHeader(ContactHeader.NAME);
            ContactHeader star = carol.endpoint.headerFactory().createContactHeader();
            star.setWildCard();
            unregister.addHeader(star);
            carol.endpoint.send(unregister);
            Response ok = carol.nextFinal();
            assertThat(ok.getStatusCode()).isEqualTo(200);
            assertThat(ok.getHeader(ContactHeader.NAME)).as("no binding left").isNull();

            alice.endpoint.send(alice.request(Request.MESSAGE, "sip:carol@" + DOMAIN, carol.aor(), null, alice.newCallId(), direct(alice)));
            assertThat(alice.nextFinal().getStatusCode()).isEqualTo(480);
        }
    }

    @Test
    void bindingExpiresOnTheClock() throws Exception {
        try (TestUe dave = new TestUe("dave", DOMAIN, SipTransport.TCP)) {
            Response ok = registerVia(dave, null, 60);
            assertThat(((ContactHeader) ok.getHeader(ContactHeader.NAME)).getExpires()).isEqualTo(60);
            alice.endpoint.send(alice.request(Request.MESSAGE, "sip:dave@" + DOMAIN, dave.aor(), null, alice.newCallId(), direct(alice)));
            assertThat(next(dave, Request.MESSAGE).transport()).as("to the contact's transport").isEqualTo("TCP");
            assertThat(alice.nextFinal().getStatusCode()).isEqualTo(200);

            CLOCK.advance(Duration.ofSeconds(59));
            assertThat(core.locationService().lookup(dave.aor())).hasSize(1);
            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(core.locationService().lookup(dave.aor())).isEmpty();
            alice.endpoint.send(alice.request(Request.MESSAGE, "sip:dave@" + DOMAIN, dave.aor(), null, alice.newCallId(), direct(alice)));
            assertThat(alice.nextFinal().getStatusCode()).isEqualTo(480);
        } finally {
            // alice and bob registered for 600 s at start; refresh them so later tests are independent of order
            registerVia(alice, pcscfA, 600);
            registerVia(bob, pcscfB, 600);
        }
    }

    @Test
    void maxForwardsZeroIs483() throws Exception {
        Request r = alice.request(Request.MESSAGE, "sip:bob@" + DOMAIN, bob.aor(), null, alice.newCallId(), direct(alice));
        try {
            r.setHeader(alice.endpoint.headerFactory().createMaxForwardsHeader(0));
        } catch (InvalidArgumentException e) {
            throw new AssertionError(e);
        }
        alice.endpoint.send(r);
        assertThat(alice.nextFinal().getStatusCode()).isEqualTo(483);
    }

    @Test
    void cancelIsRelayedAndTheInviteEnds487() throws Exception {
        try (TestUe erin = new TestUe("erin", DOMAIN, SipTransport.UDP)) {
            erin.answer = Response.RINGING;
            assertThat(registerVia(erin, pcscfB, 600).getStatusCode()).isEqualTo(200);
            Request invite = alice.request(Request.INVITE, "sip:erin@" + DOMAIN, erin.aor(), null, alice.newCallId(), List.of(pcscfA.routeUri()));
            invite.addHeader(alice.contact());
            ClientTransaction ct = alice.endpoint.send(invite);
            next(erin, Request.INVITE);
            while (true) {
                Response r = alice.responses.poll(TestUe.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                assertThat(r).as("180 relayed to alice").isNotNull();
                if (r.getStatusCode() == 180) {
                    break;
                }
            }
            alice.endpoint.send(ct.createCancel());
            next(erin, Request.CANCEL);
            int inviteFinal = 0;
            int cancelFinal = 0;
            while (inviteFinal == 0 || cancelFinal == 0) {
                Response r = alice.nextFinal();
                if (((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals(Request.INVITE)) {
                    inviteFinal = r.getStatusCode();
                } else {
                    cancelFinal = r.getStatusCode();
                }
            }
            assertThat(inviteFinal).isEqualTo(487);
            assertThat(cancelFinal).isEqualTo(200);
        }
    }

    @Test
    void optionsToTheCoreItselfIs200() throws Exception {
        String core = "sip:127.0.0.1:" + CoreComponentTest.core.port();
        alice.endpoint.send(alice.request(Request.OPTIONS, core, core, null, alice.newCallId(), List.of()));
        assertThat(alice.nextFinal().getStatusCode()).isEqualTo(200);
    }
}
