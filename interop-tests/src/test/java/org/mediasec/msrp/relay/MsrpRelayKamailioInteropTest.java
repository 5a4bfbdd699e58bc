package org.mediasec.msrp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.TimerService;
import org.mediasec.msrp.MsrpChunker;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.netty.MsrpFrameDecoder;
import org.mediasec.msrp.netty.MsrpFrameError;
import org.mediasec.msrp.netty.MsrpMessageEncoder;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.msrp.transfer.FileTransfers;
import org.mediasec.sdp.FileSelector;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * Kamailio 5.6 ({@code msrp} + {@code auth} + {@code tls} modules) as an RFC 4976 relay over TLS,
 * configured per tooling.md §4 ({@code msrp/kamailio/msrp-relay.cfg}). Two of our clients, each a
 * Netty TLS connection with our MSRP codec: A authenticates with our relay client (AUTH → 401 digest
 * challenge → AUTH with Authorization → 200 with Use-Path and Expires); B, on its own connection,
 * sends a chat message and a 5 MB body in 8 KB chunks to A's advertised path (Use-Path, then A);
 * A must receive both byte-equal (SHA-256), with the relay pushed onto From-Path.
 */
@Tag("interop")
class MsrpRelayKamailioInteropTest {
    static final String REALM = "mediasec.test";
    static final String PASSWORD = "relay-pass-7";
    static final int BODY_SIZE = 5 * 1024 * 1024;
    /**
     * 8 KB chunks: Kamailio 5.6.3's msrp module hands a frame to the config only when it fits its
     * faked SIP message ({@code msrp_env.c}: {@code if(mf->buf.len >= MSRP_FAKED_SIPMSG_EXTRA-1) return NULL;},
     * {@code MSRP_FAKED_SIPMSG_EXTRA} 11240, the whole frame: head, body and end-line). Measured:
     * with a 10.5 KB body $msrp(method) is still set, with 11 KB it
     * is not ("pv_get_spec_value(): bad parameters") and the config's fallback answers 501.
     */
    static final int CHUNK = 8 * 1024;
    static final int WINDOW = 8;
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static Process kamailio;
    static Path log;
    static int port;
    static MsrpUri relay;
    static LocalIdentity relayCert;

    EventLoopGroup group;
    final List<Channel> channels = new ArrayList<>();
    final TlsOptions options = TlsOptions.DEFAULTS;

    /** Writes the config and a fresh test certificate, checks the config, starts Kamailio and waits for its TLS port. */
    @BeforeAll
    static void startKamailio() throws Exception {
        ExternalTool.require("kamailio");
        ExternalTool.require("timeout");
        ExternalTool.require("openssl");
        port = freePort();
        relay = MsrpUri.parse("msrps://127.0.0.1:" + port + ";tcp");

        // the relay's test certificate (tooling.md §5 recipe), pinned by our clients
        ExternalTool.run(Duration.ofSeconds(30), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.resolve("kamailio-key.pem").toString(),
                "-out", dir.resolve("kamailio-cert.pem").toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1").requireSuccess();
        relayCert = LocalIdentity.loadPem(dir.resolve("kamailio-cert.pem"), dir.resolve("kamailio-key.pem"));

        Path cfg = dir.resolve("msrp-relay.cfg");
        Files.writeString(cfg, resource("msrp-relay.cfg").replace("@PORT@", Integer.toString(port))
                .replace("@WORKDIR@", dir.toString()).replace("@REALM@", REALM).replace("@PASSWORD@", PASSWORD));
        Files.writeString(dir.resolve("tls.cfg"), resource("tls.cfg").replace("@WORKDIR@", dir.toString()));
        ExternalTool.run(Duration.ofSeconds(30), "kamailio", "-c", "-f", cfg.toString()).requireSuccess();

        log = dir.resolve("kamailio.log");
        kamailio = new ProcessBuilder("timeout", "180", "kamailio", "-f", cfg.toString(), "-DD", "-E",
                "-w", dir.toString(), "-P", dir.resolve("kamailio.pid").toString(), "-m", "64", "-M", "8")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening(port, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopKamailio() throws Exception {
        if (kamailio != null && kamailio.isAlive()) {
            // SIGTERM to `timeout`, which passes it to kamailio; its main process stops its children
            kamailio.destroy();
            if (!kamailio.waitFor(10, TimeUnit.SECONDS)) {
                kamailio.destroyForcibly();
                kamailio.waitFor(5, TimeUnit.SECONDS);
            }
            assertThat(kamailio.isAlive()).isFalse();
        }
    }

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    MsrpRelayClientHandler relayClient(Endpoint e, String name, String password, Duration expires, Duration timeout) {
        MsrpUri self = MsrpUri.of(true, "127.0.0.1", e.localPort(), name);
        MsrpRelayConfig config = MsrpRelayConfig.of(relay, self, new DigestCredentials(name, password))
                .withTransactionTimeout(timeout);
        if (expires != null) {
            config = config.withRequestedExpires(expires);
        }
        return MsrpRelayClientHandler.attach(e.channel, config, timersOn(e.channel), new SplittableRandom(7),
                MsrpRelayClient.Listener.NONE);
    }

    @Test
    void wrongPasswordFailsAfterOneAnsweredChallenge() throws Exception {
        Endpoint e = connect(port, LocalIdentity.selfSigned("mallory"), relayCert, options);
        CompletableFuture<RelayBinding> f = relayClient(e, "mallory", "not-" + PASSWORD, null, WAIT).authenticate();
        assertThat(f).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(MsrpRelayException.class)
                .withMessageContaining("rejected the credentials")
                .satisfies(x -> assertThat(((MsrpRelayException) x).status()).isEqualTo(MsrpStatus.UNAUTHORIZED));
        assertThat(e.errors).isEmpty();
    }

    /**
     * Kamailio 5.6.3 answers an AUTH carrying Expires (600, inside its 60..3600 bounds) with a 423
     * whose Min-Expires line is garbage; whatever the relay does, our client must end the exchange
     * within its transaction timeout instead of waiting forever.
     */
    @Test
    void expiresInAuthEndsWithinTheTransactionTimeout() throws Exception {
        Endpoint e = connect(port, LocalIdentity.selfSigned("carol"), relayCert, options);
        CompletableFuture<RelayBinding> f = relayClient(e, "carol", PASSWORD, Duration.ofSeconds(600),
                Duration.ofSeconds(5)).authenticate();
        try {
            RelayBinding b = f.get(20, TimeUnit.SECONDS);
            assertThat(b.expires()).as("a relay that honours Expires").contains(Duration.ofSeconds(600));
        } catch (java.util.concurrent.ExecutionException x) {
            assertThat(x.getCause()).isInstanceOf(MsrpRelayException.class);
            assertThat(((MsrpRelayException) x.getCause()).status().code()).as("%s", x.getCause()).isIn(408, 423);
        }
    }

    @Test
    void relaysChatAndFiveMegabytesBetweenTwoClientsAfterDigestAuth() throws Exception {
        // ---- A: authenticate to the relay (401 -> AUTH with digest -> 200 with Use-Path). No Expires
        // in the AUTH: Kamailio 5.6.3 mishandles it (see expiresInAuthEndsWithinTheTransactionTimeout).
        Endpoint a = connect(port, LocalIdentity.selfSigned("alice"), relayCert, options);
        MsrpUri aliceUri = MsrpUri.of(true, "127.0.0.1", a.localPort(), "alice");
        MsrpRelayClientHandler auth = relayClient(a, "alice", PASSWORD, null, WAIT);
        RelayBinding binding;
        try {
            binding = auth.authenticate().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause() + "\n" + kamailioLog(), e);
        }
        assertThat(binding.usePath()).as(kamailioLog()).hasSize(1);
        MsrpUri usePath = binding.usePath().get(0);
        assertThat(usePath.scheme()).isEqualTo("msrps");
        assertThat(usePath.host()).isEqualTo("127.0.0.1");
        assertThat(usePath.port()).hasValue(port);
        assertThat(usePath.sessionId()).isPresent();
        assertThat(binding.expires()).as("Kamailio's auth_max_expires default").contains(Duration.ofSeconds(3600));
        assertThat(kamailioLog()).contains("msrp frame-in: AUTH");
        List<MsrpUri> alicePath = binding.advertisedPath(aliceUri);

        // ---- B: a chat message and a 5 MB file to A's path, through the relay
        Endpoint b = connect(port, LocalIdentity.selfSigned("bob"), relayCert, options);
        MsrpUri bobUri = MsrpUri.of(true, "127.0.0.1", b.localPort(), "bob1");
        SplittableRandom random = new SplittableRandom(20261127);
        String chat = "Hello Alice, this is Bob via Kamailio \u263a";
        MsrpRequest chatSend = RelayPaths.viaRelay(MsrpRequest.send(MsrpTransactionIds.random(random),
                List.of(aliceUri), List.of(bobUri), "chat0001", MsrpContent.text(chat)), binding);
        assertThat(chatSend.toPath()).isEqualTo(alicePath);
        byte[] file = new byte[BODY_SIZE];
        random.nextBytes(file);
        List<MsrpRequest> chunks = MsrpChunker.split(alicePath, List.of(bobUri), "file0001",
                MsrpContent.of("application/octet-stream", Bytes.of(file)), List.of(), CHUNK, random);
        assertThat(chunks).hasSize(BODY_SIZE / CHUNK);

        b.channel.writeAndFlush(chatSend);
        // at most WINDOW chunks unanswered by the relay: Kamailio has no backpressure of its own
        for (int i = 0; i < chunks.size(); i++) {
            b.await200s(i + 1 - WINDOW, WAIT);
            b.channel.writeAndFlush(chunks.get(i));
        }

        byte[] chatReceived = await(a.completed("chat0001"), a, b);
        byte[] fileReceived = await(a.completed("file0001"), a, b);
        assertThat(new String(chatReceived, StandardCharsets.UTF_8)).isEqualTo(chat);
        assertThat(sha256(fileReceived)).as("SHA-256 of the 5 MB body at A").isEqualTo(sha256(file));

        // A saw the relay on From-Path, itself alone on To-Path; B got a 200 for every request
        MsrpRequest seen = a.sends.get(0);
        assertThat(seen.toPath()).containsExactly(aliceUri);
        assertThat(seen.fromPath()).hasSize(2);
        assertThat(seen.fromPath().get(0).authority()).isEqualTo(usePath.authority());
        assertThat(seen.fromPath().get(1)).isEqualTo(bobUri);
        assertThat(a.sends).hasSize(1 + chunks.size());
        b.await200s(1 + chunks.size(), WAIT);
        assertThat(b.ok).hasSize(1 + chunks.size());
        assertThat(b.errors).as(kamailioLog()).isEmpty();
        assertThat(a.errors).isEmpty();
    }

    /**
     * The session layer behind the relay (RFC 4976 §5): two {@link MsrpEndpoint}s each authenticate
     * to Kamailio ({@link MsrpEndpoint#authenticateToRelay}), advertise {@code a=path: <Use-Path> <own
     * URI>} in their SDP, open sessions from the SDPs and exchange a chat message and a 5 MB file
     * (sha-1 of the {@code a=file-selector} checked, sha-256 compared) with a success REPORT, all
     * through the relay: To-Path = own Use-Path + peer path, so every frame crosses Kamailio twice
     * (A's Use-Path hop, then B's).
     */
    @Test
    void sessionsBehindTheRelayExchangeChatAndFiveMegabyteFile() throws Exception {
        Path src = dir.resolve("five.bin");
        byte[] data = new byte[BODY_SIZE];
        new SplittableRandom(5547).nextBytes(data);
        Files.write(src, data);
        FileSelector selector = FileTransfers.selector(src, "application/octet-stream");
        LocalIdentity aliceId = LocalIdentity.selfSigned("alice");
        LocalIdentity bobId = LocalIdentity.selfSigned("bob");
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withSpillDirectory(Files.createDirectories(dir.resolve("spill")));
        // the sessions through the relay stream chunks of 8 KB at most: Kamailio 5.6.3 hands larger frames to
        // the config without $msrp(...) (see CHUNK); the endpoints keep the default for direct sessions
        MsrpSessionConfig viaKamailio = config.withChunkSize(CHUNK);
        List<CertificateFingerprint> relayPins = List.of(relayCert.fingerprint());
        try (Transports transports = Transports.create("msrp-relay-it", 2, Transports.Kind.preferred());
             MsrpEndpoint alice = MsrpEndpoint.tls(transports, aliceId, options, config);
             MsrpEndpoint bob = MsrpEndpoint.tls(transports, bobId, options, config)) {
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            MsrpUri aliceUri = alice.newLocalUri("127.0.0.1");
            MsrpUri bobUri = bob.newLocalUri("127.0.0.1");
            RelayBinding aBinding = await(alice.authenticateToRelay(MsrpRelayConfig.of(relay, aliceUri,
                    new DigestCredentials("alice", PASSWORD)), relayPins));
            RelayBinding bBinding = await(bob.authenticateToRelay(MsrpRelayConfig.of(relay, bobUri,
                    new DigestCredentials("bob", PASSWORD)), relayPins));
            assertThat(aBinding.usePath()).hasSize(1).isNotEqualTo(bBinding.usePath());

            // Alice offers to push the file (RFC 5547 §5: sendonly offer, recvonly answer)
            String fileLine = "a=file-selector:" + selector.format();
            SessionDescription offer = sdp(aBinding.advertisedPath(aliceUri), "sendonly", alice.fingerprint(), fileLine);
            SessionDescription answer = sdp(bBinding.advertisedPath(bobUri), "recvonly", bob.fingerprint(), fileLine);
            MsrpSessionSpec aSpec = MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true);
            MsrpSessionSpec bSpec = MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false);
            assertThat(aSpec.viaRelay()).isTrue();
            assertThat(aSpec.usePath()).isEqualTo(aBinding.usePath());
            SessionEvents aEvents = new SessionEvents();
            SessionEvents bEvents = new SessionEvents();
            MsrpSession b = bob.open(bSpec, viaKamailio, bEvents);
            MsrpSession a = alice.open(aSpec, viaKamailio, aEvents);
            await(a.connected());
            await(b.connected());
            assertThat(alice.connectionCount()).as("alice's only connection is to the relay").isEqualTo(1);

            String chat = "Hello Bob, via Kamailio \u263a";
            a.sendText(chat);
            ReceivedMessage text = bEvents.next();
            assertThat(new String(text.data().orElseThrow().toByteArray(), StandardCharsets.UTF_8)).isEqualTo(chat);
            b.sendText("Hi Alice");
            assertThat(new String(aEvents.next().data().orElseThrow().toByteArray(), StandardCharsets.UTF_8))
                    .isEqualTo("Hi Alice");

            String id = FileTransfers.send(a, src, selector, Optional.empty(), SendOptions.DEFAULT.withSuccessReport(true));
            ReceivedMessage file = bEvents.next();
            assertThat(file.messageId()).isEqualTo(id);
            Path dst = FileTransfers.save(file, dir.resolve("five.received"), Optional.empty());
            assertThat(FileTransfers.verify(dst, bSpec.fileSelector().orElseThrow())).as("sha-1 of a=file-selector").isEmpty();
            assertThat(FileTransfers.sha256(dst)).isEqualTo(FileTransfers.sha256(src));
            MsrpReport report = aEvents.reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(report).as("success REPORT through the relay\n%s", tail()).isNotNull();
            assertThat(report.success()).isTrue();
            assertThat(report.range().value()).isEqualTo("1-" + BODY_SIZE + "/" + BODY_SIZE);
            assertThat(aEvents.failures).isEmpty();
            assertThat(bEvents.failures).isEmpty();
            // each SEND reached Kamailio with two hops ahead (own Use-Path, peer's Use-Path), then one
            assertThat(kamailioLog()).contains("frame-in: SEND from", "nexthops=2", "nexthops=1");
        }
    }

    /** An m-line of an MSRP-over-TLS offer or answer whose a=path lists {@code path}. */
    static SessionDescription sdp(List<MsrpUri> path, String direction, CertificateFingerprint fp, String... extra) {
        MsrpUri own = path.get(path.size() - 1);
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        s.append("m=message ").append(own.effectivePort()).append(" TCP/TLS/MSRP *\r\n");
        s.append("a=").append(direction).append("\r\na=accept-types:*\r\na=path:");
        s.append(path.stream().map(MsrpUri::toString).collect(java.util.stream.Collectors.joining(" "))).append("\r\n");
        s.append("a=fingerprint:").append(fp).append("\r\n");
        for (String e : extra) {
            s.append(e).append("\r\n");
        }
        return SdpParser.parse(s.toString());
    }

    /** Session events, counted without sleeps. */
    static final class SessionEvents implements MsrpSessionListener {
        final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        final BlockingQueue<MsrpReport> reports = new LinkedBlockingQueue<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void messageReceived(ReceivedMessage m) {
            received.add(m);
        }

        @Override
        public void reportReceived(MsrpReport r) {
            reports.add(r);
        }

        @Override
        public void sendFailed(SendFailure f) {
            failures.add(f.toString());
        }

        @Override
        public void sessionFailed(String reason) {
            failures.add(reason);
        }

        ReceivedMessage next() throws InterruptedException {
            ReceivedMessage m = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(m).as("a message within %s; failures %s\n%s", WAIT, failures, tail()).isNotNull();
            return m;
        }
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e + "\n" + tail(), e);
        }
    }

    static String tail() {
        String l = kamailioLog();
        return l.substring(Math.max(0, l.length() - 6000));
    }

    // ------------------------------------------------------------------ helpers

    <T> T await(CompletableFuture<T> f, Endpoint a, Endpoint b) throws Exception {
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            String log = kamailioLog();
            throw new AssertionError("timed out; A got " + a.sends.size() + " SENDs, errors " + a.errors + "; B got "
                    + b.ok.size() + " 200s, errors " + b.errors + "\n" + log.substring(Math.max(0, log.length() - 6000)), e);
        }
    }

    /** One TLS connection to the relay with our MSRP codec; collects and answers what arrives. */
    final class Endpoint extends SimpleChannelInboundHandler<Object> {
        Channel channel;
        final List<MsrpRequest> sends = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final Map<String, java.io.ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<byte[]>> done = new ConcurrentHashMap<>();
        final Map<String, Boolean> ok = new ConcurrentHashMap<>();

        int localPort() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        CompletableFuture<byte[]> completed(String messageId) {
            return done.computeIfAbsent(messageId, k -> new CompletableFuture<>());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof MsrpRequest r && r.method().equals(MsrpMethod.SEND)) {
                sends.add(r);
                String id = r.messageId().map(MsrpHeader.MessageId::id).orElse("?");
                MsrpHeader.ByteRange range = r.byteRange().orElseThrow();
                java.io.ByteArrayOutputStream body = bodies.computeIfAbsent(id, k -> new java.io.ByteArrayOutputStream());
                if (range.start() != body.size() + 1) {
                    errors.add("out of order chunk " + range + " of " + id + " after " + body.size() + " bytes");
                }
                body.writeBytes(r.body().toByteArray());
                if (r.wantsResponse(MsrpStatus.OK)) {
                    ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.OK));
                }
                if (r.continuation() == MsrpContinuation.COMPLETE) {
                    completed(id).complete(body.toByteArray());
                }
            } else if (msg instanceof MsrpResponse r) {
                if (r.status().code() == 200) {
                    ok.put(r.transactionId(), Boolean.TRUE);
                } else {
                    errors.add("response " + r.status() + " to " + r.transactionId());
                }
                synchronized (this) {
                    notifyAll();
                }
            } else if (msg instanceof MsrpFrameError e) {
                errors.add("frame error " + e);
            } else {
                errors.add("unexpected " + msg);
            }
        }

        /** Waits until at least {@code n} transactions got a 200 (counted, not polled: no fixed sleeps). */
        void await200s(int n, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (ok.size() < n) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0 || !errors.isEmpty()) {
                        break;
                    }
                    wait(left);
                }
            }
            assertThat(ok.size()).as("200 responses at %s, errors %s", channel, errors).isGreaterThanOrEqualTo(n);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add("exception " + cause);
            ctx.close();
        }
    }

    Endpoint connect(int port, LocalIdentity self, LocalIdentity relayCert, TlsOptions options) throws Exception {
        SslContext ctx = TlsContexts.client(self, FingerprintTrustManager.of(relayCert.fingerprint()), options);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", port);
        Endpoint e = new Endpoint();
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(TlsContexts.newHandler(ctx, c, remote, options), new MsrpFrameDecoder(),
                                MsrpMessageEncoder.INSTANCE, e);
                    }
                })
                .connect(remote).sync().channel();
        e.channel = ch;
        channels.add(ch);
        assertThat(ch.pipeline().get(SslHandler.class).handshakeFuture().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ch.pipeline().get(SslHandler.class).handshakeFuture().isSuccess())
                .as("TLS handshake with kamailio: %s", ch.pipeline().get(SslHandler.class).handshakeFuture().cause())
                .isTrue();
        return e;
    }

    /** Timers on the channel's event loop (what transport's EventLoopTimers does). */
    static TimerService timersOn(Channel ch) {
        return new TimerService() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timeout schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = ch.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
        };
    }

    static void awaitListening(int port, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!kamailio.isAlive()) {
                throw new AssertionError("kamailio exited with " + kamailio.exitValue() + "\n" + kamailioLog());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("kamailio not listening on " + port + " within " + timeout + "\n" + kamailioLog());
    }

    static String kamailioLog() {
        try {
            return log == null || !Files.exists(log) ? "" : "kamailio log:\n" + Files.readString(log);
        } catch (IOException e) {
            return "kamailio log unreadable: " + e;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = MsrpRelayKamailioInteropTest.class.getResourceAsStream("/msrp/kamailio/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource msrp/kamailio/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

}
