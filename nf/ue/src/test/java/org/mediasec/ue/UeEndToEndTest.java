package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.ue.UeTestSupport.await;
import static org.mediasec.ue.UeTestSupport.awaitCondition;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.msrp.transfer.FileTransfers;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;

/**
 * Two UEs through a real core on loopback, e2e: register, call, chat both ways, a 5 MB file, TLS
 * verified on both sides against the SDP fingerprints, hang-up; and a tampered answer refused.
 */
@Tag("slow")
class UeEndToEndTest {
    @TempDir
    Path dir;
    Core core;
    Ue alice;
    Ue bob;
    final UeTestSupport.Incoming bobIncoming = new UeTestSupport.Incoming();

    @BeforeEach
    void start() throws Exception {
        core = Core.start(CoreConfig.defaults().withPort(0));
        alice = Ue.start(UeTestSupport.config("alice", core.port(), dir).withSecurityMode(SecurityMode.E2E)
                .withKeyLogFile(dir.resolve("alice.keys").toString()));
        bob = Ue.start(UeTestSupport.config("bob", core.port(), dir));
        bob.listener(bobIncoming);
        RegistrationInfo a = await(alice.register());
        RegistrationInfo b = await(bob.register());
        // the core is no P-CSCF: no Security-Server, so no media-plane mechanism is agreed
        assertThat(a.securityServer()).isEmpty();
        assertThat(a.agreed().isEmpty()).isTrue();
        assertThat(b.expires()).isPositive();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, core}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void e2eChatFileAndHangup() throws Exception {
        UeCall aliceCall = await(alice.call("bob", SecurityMode.E2E));
        UeCall bobCall = bobIncoming.next();
        UeTestSupport.Recorder atAlice = new UeTestSupport.Recorder();
        UeTestSupport.Recorder atBob = new UeTestSupport.Recorder();
        aliceCall.addListener(atAlice);
        bobCall.addListener(atBob);

        // the offer is e2e: TLS, fingerprints, no 3ge2ae
        MediaDescription offered = aliceCall.localSdp().media().get(0);
        assertThat(offered.proto().name()).isEqualTo("TCP/TLS/MSRP");
        assertThat(offered.has(SdpAttributes.E2AE)).isFalse();
        assertThat(aliceCall.mode()).isEqualTo(SecurityMode.E2E);
        assertThat(bobCall.mode()).isEqualTo(SecurityMode.E2E);
        assertThat(bobCall.remoteAor()).isEqualTo("sip:alice@ims.example.net");

        // TLS verified both ways against the fingerprint each side received in SDP
        TlsInfo a = aliceCall.tlsInfo().orElseThrow();
        TlsInfo b = bobCall.tlsInfo().orElseThrow();
        assertThat(a.secure()).isTrue();
        assertThat(a.version()).hasValueSatisfying(v -> assertThat(v).startsWith("TLSv1."));
        assertThat(a.cipherSuite()).isPresent();
        assertThat(b.version()).isEqualTo(a.version());
        assertThat(a.peerVerified()).isTrue();
        assertThat(a.peerFingerprint()).contains(bob.fingerprint());
        assertThat(a.localRole()).isEqualTo("client");   // offer actpass, answer passive: the offerer connects
        assertThat(a.remoteAddress()).isEqualTo("127.0.0.1:" + bob.msrpAddress().getPort());
        assertThat(b.peerVerified()).isTrue();
        assertThat(b.peerFingerprint()).contains(alice.fingerprint());
        assertThat(b.localRole()).isEqualTo("server");
        assertThat(b.remoteAddress()).startsWith("127.0.0.1:");

        // the key log (for tshark) has the secrets of alice's handshake
        assertThat(java.nio.file.Files.readString(dir.resolve("alice.keys")))
                .containsAnyOf("CLIENT_TRAFFIC_SECRET_0 ", "CLIENT_RANDOM ");

        // chat both ways
        await(aliceCall.sendText("hello bob"));
        assertThat(atBob.nextText()).isEqualTo("hello bob");
        await(bobCall.sendText("hi alice, ça va ?"));
        assertThat(atAlice.nextText()).isEqualTo("hi alice, ça va ?");

        // 5 MB file, sha-256 equal at both ends
        Path file = UeTestSupport.randomFile(dir, "big file.bin", 5 * 1024 * 1024, 42);
        long[] lastProgress = {0};
        SentFile sent = await(aliceCall.sendFile(file, (done, total) -> lastProgress[0] = done));
        ReceivedFile got = atBob.nextFile();
        assertThat(sent.sha256()).isEqualTo(FileTransfers.sha256(file));
        assertThat(got.sha256()).isEqualTo(sent.sha256());
        assertThat(got.size()).isEqualTo(5 * 1024 * 1024);
        assertThat(got.name()).isEqualTo("big_file.bin");
        assertThat(got.path()).isEqualTo(dir.resolve("bob-downloads").resolve("big_file.bin"));
        assertThat(lastProgress[0]).isEqualTo(5 * 1024 * 1024);

        // hang-up: BYE, both ends see the end, the MSRP connections close
        CallEnd end = await(aliceCall.hangup());
        assertThat(end.byRemote()).isFalse();
        assertThat(end.cause()).isEqualTo(CallEnd.Cause.HUNG_UP);
        CallEnd bobEnd = await(atBob.ended);
        assertThat(bobEnd.byRemote()).isTrue();
        // bob learnt of the end from the BYE: alice closed her MSRP session only once it was answered
        assertThat(bobEnd.cause()).isEqualTo(CallEnd.Cause.BYE_RECEIVED);
        assertThat(bobEnd.byBye()).isTrue();
        assertThat(bobEnd.reason()).isEqualTo("BYE from sip:alice@ims.example.net");
        assertThat(aliceCall.active()).isFalse();
        assertThat(alice.calls()).isEmpty();
        assertThat(bob.calls()).isEmpty();
        awaitCondition("MSRP connections closed", () -> alice.msrpConnectionCount() == 0 && bob.msrpConnectionCount() == 0);
        assertThatThrownBy(() -> aliceCall.sendText("too late")).isInstanceOf(UeException.class);
    }

    @Test
    void aWrongFingerprintInTheAnswerIsRefusedAndTheCallEnded() throws Exception {
        CertificateFingerprint stranger = LocalIdentity.selfSigned("mallory").fingerprint();
        // a network element rewrites the answer's fingerprint on the way to alice
        alice.incomingSdpFilter(sdp -> tamper(sdp, stranger));
        assertThatThrownBy(() -> await(alice.call("bob", SecurityMode.E2E)))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UeException.class)
                .hasMessageContaining("call to sip:bob@ims.example.net: MSRP over TLS to 127.0.0.1:" + bob.msrpAddress().getPort()
                        + " failed: TLS handshake with")
                .hasMessageContaining("refused")
                .hasMessageContaining("fingerprint");
        // alice ended the call with BYE; bob's side never got established and is gone
        awaitCondition("bob's side of the call ended", () -> bob.calls().isEmpty());
        assertThat(alice.calls()).isEmpty();
        assertThat(bobIncoming.established).isEmpty();
        awaitCondition("MSRP connections closed", () -> alice.msrpConnectionCount() == 0 && bob.msrpConnectionCount() == 0);
    }

    @Test
    void twoScenariosTalkToEachOther() throws Exception {
        Path file = UeTestSupport.randomFile(dir, "notes.txt", 100_000, 7);
        UeScenario aliceScript = UeScenario.parse("""
                register
                call bob e2e
                say hello bob
                wait-text hi alice
                send-file %s
                hangup
                """.formatted(file));
        UeScenario bobScript = UeScenario.parse("""
                wait-call        # bob is registered by the test set-up
                wait-text hello bob
                say hi alice
                wait-file
                wait-hangup
                """);
        java.io.StringWriter aliceOut = new java.io.StringWriter();
        java.io.StringWriter bobOut = new java.io.StringWriter();
        java.time.Duration step = UeTestSupport.TIMEOUT;
        java.util.concurrent.CompletableFuture<Boolean> bobRun = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                new UeScenarioRunner(bob, new java.io.PrintWriter(bobOut), step, f -> FileProgressListener.NONE).run(bobScript));
        boolean aliceOk = new UeScenarioRunner(alice, new java.io.PrintWriter(aliceOut), step, f -> FileProgressListener.NONE).run(aliceScript);
        boolean bobOk = bobRun.get(UeTestSupport.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(aliceOk).as(aliceOut.toString()).isTrue();
        assertThat(bobOk).as(bobOut.toString()).isTrue();
        String sha = FileTransfers.sha256(file);
        assertThat(aliceOut.toString()).contains("ok call bob e2e: e2e, TLSv1.", "peer fingerprint verified",
                "ok send-file " + file + ": 100000 octets, sha-256 " + sha);
        assertThat(bobOut.toString()).contains("ok wait-text hello bob: \"hello bob\"",
                "ok wait-file: saved " + dir.resolve("bob-downloads").resolve("notes.txt") + ", 100000 octets, sha-256 " + sha,
                "ok wait-hangup: BYE from sip:alice@ims.example.net");
    }

    @Test
    void withoutAutoAnswerTheApplicationRejectsOrAccepts() throws Exception {
        java.util.concurrent.BlockingQueue<IncomingCall> offers = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Ue carol = Ue.start(UeTestSupport.config("carol", core.port(), dir).withAutoAnswer(false))) {
            carol.listener(new UeListener() {
                @Override
                public void callOffered(IncomingCall call) {
                    offers.add(call);
                }
            });
            await(carol.register());
            java.util.concurrent.CompletionStage<UeCall> first = alice.call("carol", SecurityMode.E2E);
            IncomingCall offer = offers.poll(UeTestSupport.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(offer).isNotNull();
            assertThat(offer.from()).isEqualTo("sip:alice@ims.example.net");
            assertThat(offer.mode()).isEqualTo(SecurityMode.E2E);
            offer.reject(603);
            assertThatThrownBy(() -> await(first)).cause().isInstanceOf(UeException.class)
                    .hasMessage("INVITE to sip:carol@ims.example.net answered 603 Decline");

            java.util.concurrent.CompletionStage<UeCall> second = alice.call("carol", SecurityMode.E2E);
            IncomingCall again = offers.poll(UeTestSupport.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            UeCall atCarol = await(again.accept());
            UeCall atAlice = await(second);
            assertThat(atCarol.tlsInfo().orElseThrow().peerFingerprint()).contains(alice.fingerprint());
            UeTestSupport.Recorder carolSees = new UeTestSupport.Recorder();
            atCarol.addListener(carolSees);
            await(atAlice.sendText("accepted by hand"));
            assertThat(carolSees.nextText()).isEqualTo("accepted by hand");
            await(atCarol.hangup());
            assertThat(await(atAlice.ended()).reason()).isEqualTo("BYE from sip:carol@ims.example.net");
        }
    }

    static SessionDescription tamper(SessionDescription sdp, CertificateFingerprint fp) {
        MediaDescription m = sdp.media().get(0).toBuilder().setAll(SdpAttributes.FINGERPRINT, List.of(fp)).build();
        return sdp.toBuilder().setMedia(0, m).build();
    }
}
