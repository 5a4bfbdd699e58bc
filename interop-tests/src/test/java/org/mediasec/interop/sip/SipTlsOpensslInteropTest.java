package org.mediasec.interop.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.interop.LoopbackCapture;
import org.mediasec.interop.RunningTool;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTlsTrust;
import org.mediasec.sip.SipTransport;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Tshark;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningListener;
import org.mediasec.tls.TlsRole;

/**
 * {@code openssl s_client} as an independent SIP-over-TLS client of our {@link SipEndpoint}: it
 * verifies our certificate (given as its only trust anchor), presents its own openssl-made
 * certificate (pinned by fingerprint on our side, client certificate required), sends an OPTIONS
 * request typed on its stdin and gets our 200. The loopback capture of the exchange is decrypted by
 * tshark with the key log openssl writes ({@code -keylogfile}: the JDK provider our SIP stack uses
 * has no key log) and dissected as SIP, with no malformed frame. A client with no certificate, or
 * with one we did not pin, is refused during the handshake and nothing reaches the SIP layer; one
 * without a certificate is served when none is asked. The other way round, {@code openssl s_server}
 * verifies our client certificate, prints our OPTIONS, and the 200 typed into it reaches us.
 */
@Tag("interop")
class SipTlsOpensslInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Kept when the test fails, so the capture and key log can be inspected by hand. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<IncomingRequest> received = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private record Credentials(Path certificate, Path key) {
    }

    /** A self-signed ECDSA P-256 certificate made by openssl itself. */
    private Credentials opensslCertificate(String commonName) {
        Path cert = dir.resolve(commonName + ".crt.pem");
        Path key = dir.resolve(commonName + ".key.pem");
        ExternalTool.run(WAIT, ExternalTool.require("openssl").toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=" + commonName,
                "-keyout", key.toString(), "-out", cert.toString()).requireSuccess();
        return new Credentials(cert, key);
    }

    /** {@code openssl x509 -fingerprint -sha256} of a certificate, as {@code sha-256 AB:CD:...}. */
    private static CertificateFingerprint opensslFingerprint(Path cert) {
        String out = ExternalTool.run(WAIT, ExternalTool.require("openssl").toString(), "x509", "-in", cert.toString(),
                "-noout", "-fingerprint", "-sha256").requireSuccess().stdout().strip();
        assertThat(out.toLowerCase(Locale.ROOT)).contains("fingerprint=");
        return CertificateFingerprint.parse("sha-256 " + out.substring(out.indexOf('=') + 1));
    }

    /** Our SIP-over-TLS endpoint: answers OPTIONS 200; its certificate written to server.crt.pem for openssl. */
    private SipEndpoint server(SipTlsTrust trust) throws Exception {
        return server(trust, SipTlsConfig.ClientAuth.REQUIRED);
    }

    private SipEndpoint server(SipTlsTrust trust, SipTlsConfig.ClientAuth clientAuth) throws Exception {
        LocalIdentity id = LocalIdentity.selfSigned("sip-server.mediasec.test");
        Files.writeString(dir.resolve("server.crt.pem"), id.certificatePem(), StandardCharsets.US_ASCII);
        SipTlsConfig tls = SipTlsConfig.of(id, trust).withClientAuth(clientAuth);
        SipEndpoint server = SipEndpoint.start(SipStackConfig.loopback("sip-tls-openssl").withTls(tls)
                .withTransports(EnumSet.of(SipTransport.TLS)), r -> {
                    received.add(r);
                    r.respond(200);
                });
        open.add(server);
        return server;
    }

    private RunningTool sClient(int port, Credentials client, Path keyLog) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTool.require("openssl").toString(), "s_client",
                "-connect", "127.0.0.1:" + port, "-noservername", "-brief", "-nocommands",
                "-CAfile", dir.resolve("server.crt.pem").toString(), "-verify_return_error"));
        if (client != null) {
            cmd.addAll(List.of("-cert", client.certificate().toString(), "-key", client.key().toString()));
        }
        if (keyLog != null) {
            cmd.addAll(List.of("-keylogfile", keyLog.toString()));
        }
        RunningTool t = RunningTool.start(cmd.toArray(String[]::new));
        open.add(t);
        return t;
    }

    private static String options(int port, String callId) {
        return "OPTIONS sip:127.0.0.1:" + port + ";transport=tls SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:openssl@127.0.0.1>;tag=" + callId + "\r\n"
                + "To: <sip:127.0.0.1:" + port + ">\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void opensslWithAPinnedClientCertificateGetsOurAnswerToOptionsAndTsharkDecryptsTheSip() throws Exception {
        ExternalTool.require("tshark");
        Credentials client = opensslCertificate("sclient.mediasec.test");
        CertificateFingerprint clientFp = opensslFingerprint(client.certificate());
        SipEndpoint server = server(SipTlsTrust.pinned(clientFp));
        int port = server.port(SipTransport.TLS);
        Path pcap = dir.resolve("sip-tls.pcapng");
        Path keyLog = dir.resolve("keylog.txt");
        LoopbackCapture capture = LoopbackCapture.start(port, pcap, WAIT.multipliedBy(2));
        open.add(capture);

        RunningTool sClient = sClient(port, client, keyLog);
        sClient.await("Verification: OK", WAIT);
        sClient.send(options(port, "openssl-1"));
        sClient.await("SIP/2.0 200 OK\r?\n", WAIT);
        String response = sClient.stdout();
        assertThat(response).contains("Call-ID: openssl-1@127.0.0.1").contains("CSeq: 1 OPTIONS")
                .containsPattern("Via: SIP/2.0/TLS 127\\.0\\.0\\.1:5061;branch=z9hG4bK-openssl-1;rport=\\d+;received=127\\.0\\.0\\.1");
        IncomingRequest got = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.method()).isEqualTo(Request.OPTIONS);
        assertThat(got.transport()).isEqualTo("TLS");

        sClient.closeStdin();
        assertThat(sClient.waitFor(WAIT)).as("s_client exit; stderr:%n%s", sClient.stderr()).isZero();
        capture.stopAfterClose(port, WAIT);

        String decodeAs = "tcp.port==" + port + ",tls";
        String sipInTls = "tls.port==" + port + ",sip";
        String keys = "tls.keylog_file:" + keyLog;
        assertThat(Tshark.fields(pcap, "sip.Request-Line", "sip.Request-Line", "-d", decodeAs, "-d", sipInTls, "-o", keys))
                .containsExactly("OPTIONS sip:127.0.0.1:" + port + ";transport=tls SIP/2.0");
        assertThat(Tshark.fields(pcap, "sip.Status-Line", "sip.Status-Line", "-d", decodeAs, "-d", sipInTls, "-o", keys))
                .containsExactly("SIP/2.0 200 OK");
        assertThat(Tshark.fields(pcap, "sip", "sip.Via", "-d", decodeAs, "-d", sipInTls, "-o", keys))
                .allSatisfy(v -> assertThat(v).startsWith("SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-openssl-1"));
        assertThat(Tshark.malformedFrames(pcap, "-d", decodeAs, "-d", sipInTls, "-o", keys)).isEmpty();
        // without the key log nothing is readable as SIP
        assertThat(Tshark.fields(pcap, "sip", "frame.number", "-d", decodeAs, "-d", sipInTls)).isEmpty();
    }

    @Test
    void ourClientTalksToOpensslServerWhichVerifiesOurCertificateAndAnswersBySip() throws Exception {
        Credentials serverCert = opensslCertificate("sserver.mediasec.test");
        LocalIdentity ours = LocalIdentity.selfSigned("sip-client.mediasec.test");
        Path ourPem = dir.resolve("client.crt.pem");
        Files.writeString(ourPem, ours.certificatePem(), StandardCharsets.US_ASCII);
        int sport;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            sport = probe.getLocalPort();
        }
        RunningTool sServer = RunningTool.start(ExternalTool.require("openssl").toString(), "s_server",
                "-accept", "127.0.0.1:" + sport, "-naccept", "1",
                "-cert", serverCert.certificate().toString(), "-key", serverCert.key().toString(),
                "-Verify", "1", "-CAfile", ourPem.toString(), "-verify_return_error");
        open.add(sServer);
        sServer.await("ACCEPT", WAIT);

        BlockingQueue<javax.sip.message.Response> responses = new LinkedBlockingQueue<>();
        SipEndpoint client = SipEndpoint.start(SipStackConfig.loopback("sip-tls-client").withTls(
                        SipTlsConfig.of(ours, SipTlsTrust.pinned(opensslFingerprint(serverCert.certificate()))))
                .withTransports(EnumSet.of(SipTransport.TLS)), new org.mediasec.sip.SipEndpointListener() {
                    @Override
                    public void onRequest(IncomingRequest request) {
                        request.respond(501);
                    }

                    @Override
                    public void onResponse(javax.sip.ResponseEvent event) {
                        responses.add(event.getResponse());
                    }
                });
        open.add(client);
        var af = client.addressFactory();
        var hf = client.headerFactory();
        javax.sip.address.SipURI target = af.createSipURI(null, "127.0.0.1");
        target.setPort(sport);
        target.setTransportParam("tls");
        var from = af.createAddress("sip:mediasec@127.0.0.1");
        Request options = client.messageFactory().createRequest(target, Request.OPTIONS, client.provider().getNewCallId(),
                hf.createCSeqHeader(1L, Request.OPTIONS), hf.createFromHeader(from, "f1"),
                hf.createToHeader(af.createAddress(target), null),
                new ArrayList<>(List.of(client.newVia(SipTransport.TLS))), hf.createMaxForwardsHeader(70));
        client.send(options);

        // s_server verified our certificate, prints what it decrypted; answer it by typing a 200
        String received = sServer.await("(?s)OPTIONS sip:127\\.0\\.0\\.1:" + sport + ";transport=tls SIP/2\\.0\r?\n.*?\r?\n\r?\n", WAIT).group();
        assertThat(sServer.stdout() + sServer.stderr()).doesNotContainIgnoringCase("verify error");
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : received.split("\r?\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                ok.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                ok.append(line).append(";tag=openssl\r\n");
            }
        }
        ok.append("Content-Length: 0\r\n\r\n");
        sServer.send(ok.toString());

        javax.sip.message.Response response = responses.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response).as("the 200 typed into s_server").isNotNull();
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(received).contains("Via: SIP/2.0/TLS 127.0.0.1:" + client.port(SipTransport.TLS));
    }

    @Test
    void opensslWithoutACertificateIsServedWhenNoneIsAsked() throws Exception {
        // server-authenticated TLS, as toward a registrar (RFC 3261 §26.3.2.1); no peer is trusted at all
        SipEndpoint server = server(SipTlsTrust.pinned(List.of()), SipTlsConfig.ClientAuth.NONE);
        int port = server.port(SipTransport.TLS);
        RunningTool sClient = sClient(port, null, null);
        sClient.await("Verification: OK", WAIT);
        sClient.send(options(port, "openssl-4"));
        sClient.await("SIP/2.0 200 OK\r?\n", WAIT);
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull()
                .satisfies(r -> assertThat(r.transport()).isEqualTo("TLS"));
        sClient.closeStdin();
        assertThat(sClient.waitFor(WAIT)).isZero();
    }

    @Test
    void opensslWithoutAClientCertificateIsRefusedWhenOneIsRequired() throws Exception {
        SipEndpoint server = server(SipTlsTrust.pinned(LocalIdentity.selfSigned("someone.else").fingerprint()));
        int port = server.port(SipTransport.TLS);
        RunningTool sClient = sClient(port, null, null);
        // TLS 1.3: the server's refusal (certificate_required) arrives after the client's Finished
        sClient.send(options(port, "openssl-2"));
        sClient.await("(?i)alert", WAIT);
        assertThat(sClient.waitFor(WAIT)).as("s_client exits on the alert").isNotZero();
        assertThat(received).isEmpty();
    }

    @Test
    void opensslWithAnUnpinnedCertificateIsRefusedAndWeNameItsFingerprint() throws Exception {
        Credentials stranger = opensslCertificate("stranger.mediasec.test");
        CertificateFingerprint strangerFp = opensslFingerprint(stranger.certificate());
        CompletableFuture<List<CertificateFingerprint>> refused = new CompletableFuture<>();
        PinningListener listener = new PinningListener() {
            @Override
            public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                                List<CertificateFingerprint> got, String reason) {
                refused.complete(got);
            }
        };
        CertificateFingerprint pinned = LocalIdentity.selfSigned("the.expected.client").fingerprint();
        SipEndpoint server = server(new SipTlsTrust.Pinned(Set.of(pinned), listener));
        int port = server.port(SipTransport.TLS);
        RunningTool sClient = sClient(port, stranger, null);
        sClient.send(options(port, "openssl-3"));
        sClient.await("(?i)alert", WAIT);
        assertThat(refused.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactly(strangerFp);
        assertThat(sClient.waitFor(WAIT)).isNotZero();
        assertThat(received).isEmpty();
    }
}
