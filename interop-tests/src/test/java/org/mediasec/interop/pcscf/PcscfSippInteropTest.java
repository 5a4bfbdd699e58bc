package org.mediasec.interop.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mediasec.agw.AgwNode;
import org.mediasec.agw.bearer.BearerTransport;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sip.internal.FreePorts;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.tls.LocalIdentity;

/**
 * SIPp as the UEs of our P-CSCF / IMS-ALG, with a real core and a real IMS-AGW behind it on loopback
 * (issue #6, "SIPp as the UE"). Every UE registers through the P-CSCF, so a call spirals through it:
 * originating for the caller, terminating for the callee (as {@code PcscfIntegrationTest} in nf/pcscf).
 * <ol>
 * <li>e2ae: the SIPp UE alice registers {@code Security-Client: msrp-tls;mediasec} (SIPp checks the
 *     {@code Security-Server} of the 200), then offers {@code TCP/TLS/MSRP} with its fingerprint,
 *     {@code a=setup:actpass}, {@code a=3ge2ae:requested} and {@code a=msrp-cema} to bob, a SIPp UAS
 *     registered without mediasec. SIPp checks both ends (scenario comments); this test checks the SIPp
 *     traces again against the AGW: the answer's fingerprint is the AGW's certificate, its port in the
 *     AGW's access realm; bob's offer is plain {@code TCP/MSRP} with no fingerprint (the AGW's core side,
 *     active here); the AGW closed one TLS-terminating relay and one plain one and holds no context
 *     after the BYE.</li>
 * <li>not upgraded: carol registers without mediasec and asks for e2ae anyway; the stream is refused
 *     (port 0 to dave and in carol's answer, no {@code 3ge2ae}), and the AGW never gets a context.</li>
 * </ol>
 * Over UDP and over TCP (SIPp has no TLS here: tooling.md §3). The callers hold each call 300 ms
 * before the BYE: the P-CSCF and the core (JAIN-SIP, several UDP reader threads) may hand two requests
 * that arrive within a millisecond to the application in the other order, so a BYE sent right behind
 * the ACK can reach the callee first, which SIPp's UAS treats as a failed call (RFC 3261 does not order
 * them; seen over TCP at 10:26 on 2026-11-27: the terminating hop got the BYE 1 ms before the ACK).
 */
@Tag("interop")
class PcscfSippInteropTest {
    private static final String DOMAIN = "ims.example.net";
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    Path work;

    Core core;
    PcscfNode pcscf;
    AgwNode agw;
    final ConcurrentLinkedQueue<RelayStats> closedRelays = new ConcurrentLinkedQueue<>();
    int accessMin;
    int coreMin;

    @BeforeEach
    void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0));
        pcscf = PcscfNode.start(PcscfConfig.defaults()
                .withSip(new PcscfConfig.Sip(Sipp.HOST, 0, null, DOMAIN, null))
                .withCore(new PcscfConfig.Core("sip:127.0.0.1:" + core.port() + ";lr"))
                .withH248(new PcscfConfig.H248(null, null, 0, null, null, null, null)));
        accessMin = 23000 + new Random().nextInt(100) * 40;
        coreMin = accessMin + 20;
        agw = AgwNode.start(AgwConfig.defaults().withMid("[127.0.0.1]:2945")
                .withH248(AgwConfig.H248.DEFAULTS.withMgc(Sipp.HOST, pcscf.mgcAddress().getPort()).withLocal(Sipp.HOST, 0))
                .withRealms(List.of(new AgwConfig.RealmConfig("access", Sipp.HOST, null, accessMin, accessMin + 19),
                        new AgwConfig.RealmConfig("core", Sipp.HOST, null, coreMin, coreMin + 19))));
        agw.contexts().whenRelayClosed(closedRelays::add);
        pcscf.agwReady().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {pcscf, agw, core}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void sippUeGetsE2aeFromTheAgwAndTheCalleeAPlainOffer(boolean tcp) throws Exception {
        Sipp sipp = new Sipp(ExternalTool.require("sipp"), work, tcp);
        LocalIdentity ue = LocalIdentity.selfSigned("alice.sipp.test");
        String pcscfTarget = Sipp.HOST + ":" + pcscf.sipAddress().getPort();
        int bobPort = freePort();
        Process bob = sipp.startUas("bob-plain-uas.xml", bobPort, "bob");
        try {
            ExternalTool.Result reg = sipp.run("register-uac.xml", pcscfTarget, freePort(), "bob-register",
                    "user", "bob", "contact_port", Integer.toString(bobPort));
            assertThat(reg.exitCode()).as("bob's REGISTER\n%s", sipp.log("bob-register")).isZero();

            ExternalTool.Result call = sipp.run("alice-e2ae-uac.xml", pcscfTarget, freePort(), "alice",
                    "ue_fp", ue.fingerprint().toString());
            assertThat(call.exitCode()).as("alice's SIPp (its checks: scenario comments)\n%s\n%s",
                    sipp.log("alice"), sipp.log("bob")).isZero();
            assertThat(Sipp.awaitExit(bob)).as("bob's SIPp\n%s", sipp.log("bob")).isZero();
        } finally {
            bob.destroyForcibly();
        }

        SippTrace alice = sipp.trace("alice");
        assertThat(alice.received(200, "REGISTER").header("Security-Server")).get().asString()
                .contains("msrp-tls;mediasec");
        SessionDescription answer = sdp(alice.received(200, "INVITE").body());
        MediaDescription a = answer.media().get(0);
        assertThat(a.proto().name()).isEqualTo("TCP/TLS/MSRP");
        assertThat(a.port()).isBetween(accessMin, accessMin + 19);
        assertThat(answer.get(a, SdpAttributes.FINGERPRINT)).contains(agw.identity().fingerprint());
        assertThat(answer.get(a, SdpAttributes.SETUP)).contains(Setup.PASSIVE);
        assertThat(alice.received(200, "INVITE").body()).contains("a=3ge2ae:applied");

        String offerText = sipp.trace("bob").receivedRequest("INVITE").body();
        SessionDescription offer = sdp(offerText);
        MediaDescription o = offer.media().get(0);
        assertThat(o.proto().name()).as(offerText).isEqualTo("TCP/MSRP");
        // the AGW's core side: passive on a port of the core realm, or active (RFC 4145 §4: "The default value
        // of the setup attribute in an offer/answer exchange is 'active' in the offer"), then "the endpoint
        // using the value 'active' SHOULD specify a port number of 9 (the discard port)"
        if (offer.get(o, SdpAttributes.SETUP).orElse(Setup.ACTIVE) == Setup.ACTIVE) {
            assertThat(o.port()).as(offerText).isEqualTo(9);
        } else {
            assertThat(o.port()).as(offerText).isBetween(coreMin, coreMin + 19);
        }
        assertThat(offer.getAll(o, SdpAttributes.FINGERPRINT)).isEmpty();

        // the BYE released both contexts: the e2ae one (TLS server toward alice, plain toward the core) and
        // the terminating one anchoring bob's plain stream
        awaitTrue(() -> agw.contexts().contexts() == 0 && pcscf.sessions().isEmpty() && closedRelays.size() == 2,
                "both contexts subtracted and both sessions forgotten");
        assertThat(closedRelays).anySatisfy(r -> {
            assertThat(r.access().transport()).isEqualTo(BearerTransport.TLS_SERVER);
            assertThat(r.core().transport()).isIn(BearerTransport.PLAIN_TCP, BearerTransport.PASS_THROUGH);
        });
        assertThat(closedRelays).filteredOn(r -> r.access().transport().terminatesTls()).hasSize(1);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void ueRegisteredWithoutMediasecIsNotUpgraded(boolean tcp) throws Exception {
        Sipp sipp = new Sipp(ExternalTool.require("sipp"), work, tcp);
        LocalIdentity ue = LocalIdentity.selfSigned("carol.sipp.test");
        String pcscfTarget = Sipp.HOST + ":" + pcscf.sipAddress().getPort();
        int davePort = freePort();
        Process dave = sipp.startUas("dave-refused-uas.xml", davePort, "dave");
        try {
            ExternalTool.Result reg = sipp.run("register-uac.xml", pcscfTarget, freePort(), "dave-register",
                    "user", "dave", "contact_port", Integer.toString(davePort));
            assertThat(reg.exitCode()).as("dave's REGISTER\n%s", sipp.log("dave-register")).isZero();

            ExternalTool.Result call = sipp.run("carol-plain-uac.xml", pcscfTarget, freePort(), "carol",
                    "ue_fp", ue.fingerprint().toString());
            assertThat(call.exitCode()).as("carol's SIPp\n%s\n%s", sipp.log("carol"), sipp.log("dave")).isZero();
            assertThat(Sipp.awaitExit(dave)).as("dave's SIPp\n%s", sipp.log("dave")).isZero();
        } finally {
            dave.destroyForcibly();
        }

        String answer = sipp.trace("carol").received(200, "INVITE").body();
        assertThat(sdp(answer).media().get(0).port()).isZero();
        assertThat(answer).doesNotContain("3ge2ae").doesNotContain(agw.identity().fingerprint().toString());
        assertThat(sdp(sipp.trace("dave").receivedRequest("INVITE").body()).media().get(0).port()).isZero();
        awaitTrue(() -> pcscf.sessions().isEmpty(), "both sessions forgotten");
        assertThat(closedRelays).as("the AGW never anchored the refused stream").isEmpty();
        assertThat(agw.contexts().contexts()).isZero();
    }

    private static SessionDescription sdp(String body) {
        return SdpParser.parse(body);
    }

    private static int freePort() throws Exception {
        return FreePorts.udpAndTcp(InetAddress.getByName(Sipp.HOST));
    }

    /** Waits for what the nodes do after the last SIP message (H.248 Subtract replies), with a deadline. */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + SETTLE + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
