package org.mediasec.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.sip.SipTestSupport.TIMEOUT;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.IOExceptionEvent;
import javax.sip.address.SipURI;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningListener;
import org.mediasec.tls.TlsRole;
import org.mediasec.tls.TlsVersion;

class SipTlsEndpointTest {
    private static final LocalIdentity ALICE = LocalIdentity.selfSigned("alice.sip.test");
    private static final LocalIdentity BOB = LocalIdentity.selfSigned("bob.sip.test");
    private static final LocalIdentity MALLORY = LocalIdentity.selfSigned("mallory.sip.test");

    private static SipStackConfig tlsOnly(String name, SipTlsConfig tls) {
        return SipStackConfig.loopback(name).withTls(tls).withTransports(EnumSet.of(SipTransport.TLS));
    }

    @Test
    void messageOverTlsWithPinnedFingerprints() throws Exception {
        Set<Thread> before = SipTestSupport.threads();
        TlsPeers.Outcome atAlice = new TlsPeers.Outcome(200);
        TlsPeers.Outcome atBob = new TlsPeers.Outcome(200);
        try (SipEndpoint alice = SipEndpoint.start(SipStackConfig.loopback("alice-tls")
                        .withTlsTransport(SipTlsConfig.pinned(ALICE, List.of(BOB.fingerprint()))), atAlice);
             SipEndpoint bob = SipEndpoint.start(tlsOnly("bob-tls", SipTlsConfig.pinned(BOB, List.of(ALICE.fingerprint()))), atBob)) {
            assertThat(alice.port(SipTransport.TLS)).isNotEqualTo(alice.port(SipTransport.TCP));

            bob.send(TlsPeers.request(bob, Request.MESSAGE, TlsPeers.tlsUri(alice, "alice"), "hello over TLS"));

            IncomingRequest got = atAlice.request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got.transport()).isEqualTo("TLS");
            assertThat(got.request().toString()).contains("Via: SIP/2.0/TLS 127.0.0.1:" + bob.port(SipTransport.TLS));
            assertThat(new String(got.request().getRawContent(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello over TLS");
            assertThat(TlsPeers.status(atBob.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo(200);
        }
        assertThat(SipTestSupport.survivors(before, TIMEOUT)).as("threads alive after stop").isEmpty();
    }

    @Test
    void inviteToSipsUriGoesOverTls() throws Exception {
        TlsPeers.Outcome atAlice = new TlsPeers.Outcome(486);
        TlsPeers.Outcome atBob = new TlsPeers.Outcome(200);
        try (SipEndpoint alice = SipEndpoint.start(tlsOnly("alice-sips", SipTlsConfig.pinned(ALICE, List.of(BOB.fingerprint()))), atAlice);
             SipEndpoint bob = SipEndpoint.start(tlsOnly("bob-sips", SipTlsConfig.pinned(BOB, List.of(ALICE.fingerprint()))), atBob)) {
            Request invite = TlsPeers.request(bob, Request.INVITE, TlsPeers.sipsUri(alice, "alice"), null);
            assertThat(SipTransport.forUri(invite.getRequestURI())).isEqualTo(SipTransport.TLS);
            bob.send(invite);

            IncomingRequest got = atAlice.request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got.transport()).isEqualTo("TLS");
            assertThat(got.request().getRequestURI().getScheme()).isEqualTo("sips");
            assertThat(TlsPeers.status(atBob.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo(486);
        }
    }

    @Test
    void serverWithAnotherFingerprintIsRefusedAndTheRequestFails() throws Exception {
        CompletableFuture<String> refused = new CompletableFuture<>();
        PinningListener listener = new PinningListener() {
            @Override
            public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                                List<CertificateFingerprint> received, String reason) {
                refused.complete(reason);
            }
        };
        TlsPeers.Outcome atAlice = new TlsPeers.Outcome(200);
        TlsPeers.Outcome atBob = new TlsPeers.Outcome(200);
        // Mallory answers on the address Bob calls; Bob pins Alice's fingerprint.
        try (SipEndpoint mallory = SipEndpoint.start(tlsOnly("mallory", SipTlsConfig.pinned(MALLORY, List.of(BOB.fingerprint()))), atAlice);
             SipEndpoint bob = SipEndpoint.start(tlsOnly("bob-pin", SipTlsConfig.pinned(BOB, List.of())
                     .withTrust(new SipTlsTrust.Pinned(Set.of(ALICE.fingerprint()), listener))), atBob)) {
            Object outcome;
            try {
                bob.send(TlsPeers.request(bob, Request.MESSAGE, TlsPeers.tlsUri(mallory, "alice"), "secret"));
                outcome = atBob.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (SipEndpointException e) {
                outcome = e;
            }
            assertThat(outcome).isInstanceOfAny(SipEndpointException.class, IOExceptionEvent.class);
            assertThat(refused.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .contains("expected " + ALICE.fingerprint())
                    .contains("received " + MALLORY.fingerprint());
            assertThat(atAlice.request).isNotDone();
        }
    }

    @Test
    void clientWithAnotherFingerprintIsRefusedByTheServer() throws Exception {
        CompletableFuture<String> refusedByAlice = new CompletableFuture<>();
        PinningListener listener = new PinningListener() {
            @Override
            public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                                List<CertificateFingerprint> received, String reason) {
                refusedByAlice.complete(localRole.name() + " " + reason);
            }
        };
        TlsPeers.Outcome atAlice = new TlsPeers.Outcome(200);
        TlsPeers.Outcome atMallory = new TlsPeers.Outcome(200);
        // TLS 1.2: the client learns of the refusal within the handshake (in 1.3 only after it).
        try (SipEndpoint alice = SipEndpoint.start(tlsOnly("alice-pin", SipTlsConfig.pinned(ALICE, List.of())
                        .withTrust(new SipTlsTrust.Pinned(Set.of(BOB.fingerprint()), listener))
                        .withVersions(EnumSet.of(TlsVersion.TLS_1_2))), atAlice);
             SipEndpoint mallory = SipEndpoint.start(tlsOnly("mallory-c", SipTlsConfig.pinned(MALLORY, List.of(ALICE.fingerprint()))), atMallory)) {
            Object outcome;
            try {
                mallory.send(TlsPeers.request(mallory, Request.MESSAGE, TlsPeers.tlsUri(alice, "alice"), "hi"));
                outcome = atMallory.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (SipEndpointException e) {
                outcome = e;
            }
            assertThat(outcome).isInstanceOfAny(SipEndpointException.class, IOExceptionEvent.class);
            assertThat(refusedByAlice.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .startsWith("SERVER ")
                    .contains("received " + MALLORY.fingerprint());
            assertThat(atAlice.request).isNotDone();
        }
    }

    @Test
    void inTls13TheServersRefusalOfOurCertificateFailsTheRequestAtOnceNotByItsTimeout() throws Exception {
        TlsPeers.Outcome atAlice = new TlsPeers.Outcome(200);
        TlsPeers.Outcome atMallory = new TlsPeers.Outcome(200);
        // TLS 1.3: the server checks the client certificate after the client's Finished, so the refusal
        // (an alert) reaches the client either while its handshake call returns (the send throws) or
        // after the request was written (then an I/O error event, instead of Timer F 32 s later).
        try (SipEndpoint alice = SipEndpoint.start(tlsOnly("alice-13", SipTlsConfig.pinned(ALICE, List.of(BOB.fingerprint()))
                        .withVersions(EnumSet.of(TlsVersion.TLS_1_3))), atAlice);
             SipEndpoint mallory = SipEndpoint.start(tlsOnly("mallory-13", SipTlsConfig.pinned(MALLORY, List.of(ALICE.fingerprint()))
                     .withVersions(EnumSet.of(TlsVersion.TLS_1_3))), atMallory)) {
            long start = System.nanoTime();
            Object outcome;
            try {
                mallory.send(TlsPeers.request(mallory, Request.MESSAGE, TlsPeers.tlsUri(alice, "alice"), "hi"));
                outcome = atMallory.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (SipEndpointException e) {
                outcome = e;
            }
            assertThat(outcome).isInstanceOfAny(SipEndpointException.class, IOExceptionEvent.class);
            if (outcome instanceof IOExceptionEvent io) {
                assertThat(io.getPort()).isEqualTo(alice.port(SipTransport.TLS));
                assertThat(io.getTransport()).isEqualTo("TLS");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(atAlice.request).isNotDone();
        }
    }

    @Test
    void peersCertifiedByATrustedAuthorityTalkAndASelfSignedOneIsRefused() throws Exception {
        TestAuthority ca = new TestAuthority("mediasec test CA");
        SipTlsTrust trust = SipTlsTrust.authorities(List.of(ca.certificate()));
        TlsPeers.Outcome atAlice = new TlsPeers.Outcome(200);
        TlsPeers.Outcome atBob = new TlsPeers.Outcome(200);
        TlsPeers.Outcome atMallory = new TlsPeers.Outcome(200);
        try (SipEndpoint alice = SipEndpoint.start(tlsOnly("alice-ca",
                        SipTlsConfig.of(ca.issue("alice.sip.test"), trust)), atAlice);
             SipEndpoint bob = SipEndpoint.start(tlsOnly("bob-ca",
                     SipTlsConfig.of(ca.issue("bob.sip.test"), trust)), atBob);
             SipEndpoint mallory = SipEndpoint.start(tlsOnly("mallory-ca",
                     SipTlsConfig.of(MALLORY, trust)
                             .withVersions(EnumSet.of(TlsVersion.TLS_1_2))), atMallory)) {
            bob.send(TlsPeers.request(bob, Request.MESSAGE, TlsPeers.tlsUri(alice, "alice"), "certified"));
            assertThat(TlsPeers.status(atBob.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo(200);
            assertThat(atAlice.request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).transport()).isEqualTo("TLS");

            // Mallory's self-signed certificate does not chain to the CA: Alice refuses it in the handshake.
            Object outcome;
            try {
                mallory.send(TlsPeers.request(mallory, Request.MESSAGE, TlsPeers.tlsUri(alice, "alice"), "forged"));
                outcome = atMallory.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (SipEndpointException e) {
                outcome = e;
            }
            assertThat(outcome).isInstanceOfAny(SipEndpointException.class, IOExceptionEvent.class);
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeFailsTheRequestWithinTheTimeout() throws Exception {
        TlsPeers.Outcome atBob = new TlsPeers.Outcome(200);
        Duration handshake = Duration.ofMillis(500);
        // A listening socket nobody accepts on: the kernel completes the TCP connect, no TLS ever answers.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SipEndpoint bob = SipEndpoint.start(tlsOnly("bob-stall",
                     SipTlsConfig.pinned(BOB, List.of(ALICE.fingerprint())).withHandshakeTimeout(handshake)), atBob)) {
            SipURI target = TlsPeers.tlsUri(bob, "alice");
            target.setPort(silent.getLocalPort());
            long start = System.nanoTime();
            Object outcome;
            try {
                bob.send(TlsPeers.request(bob, Request.MESSAGE, target, "anyone?"));
                outcome = atBob.first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (SipEndpointException e) {
                outcome = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(outcome).isInstanceOfAny(SipEndpointException.class, IOExceptionEvent.class);
            assertThat(took).isGreaterThanOrEqualTo(handshake).isLessThan(handshake.plusSeconds(3));
        }
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsDisconnectedAfterTheTimeout() throws Exception {
        Duration handshake = Duration.ofMillis(500);
        try (SipEndpoint alice = SipEndpoint.start(tlsOnly("alice-stall",
                SipTlsConfig.pinned(ALICE, List.of(BOB.fingerprint())).withHandshakeTimeout(handshake)), r -> r.respond(200));
             Socket idle = new Socket(InetAddress.getLoopbackAddress(), alice.port(SipTransport.TLS))) {
            idle.setSoTimeout((int) TIMEOUT.toMillis());
            long start = System.nanoTime();
            // The server may send a TLS alert record (content type 21) before closing; then end of stream.
            byte[] received = new byte[64];
            int n = 0;
            try {
                for (int r = idle.getInputStream().read(); r != -1 && n < received.length; r = idle.getInputStream().read()) {
                    received[n++] = (byte) r;
                }
            } catch (java.net.SocketException reset) {
                // closed with a reset: disconnected too
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(n).as("bytes before the close").isLessThan(received.length);
            if (n > 0) {
                assertThat(received[0]).as("TLS record type: alert").isEqualTo((byte) 21);
            }
            assertThat(took).isLessThan(handshake.plusSeconds(3));
        }
    }
}
