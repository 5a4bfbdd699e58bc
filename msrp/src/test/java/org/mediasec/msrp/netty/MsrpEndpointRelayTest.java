package org.mediasec.msrp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.relay.DigestCredentials;
import org.mediasec.msrp.relay.MsrpRelayConfig;
import org.mediasec.msrp.relay.RelayBinding;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * A session behind an RFC 4976 relay, against a scripted relay on loopback (the Kamailio interop
 * test runs the same against a real one): AUTH 401 → AUTH with digest → 200 with Use-Path; the
 * session's requests go over that connection with To-Path = Use-Path + the peer's path and From-Path
 * = our URI; a request the relay forwards to our URI reaches the session.
 */
class MsrpEndpointRelayTest {
    static final long T = SessionEvents.TIMEOUT_SECONDS;
    static Transports transports;

    @BeforeAll
    static void start() {
        transports = Transports.create("msrp-relay-test", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stop() {
        transports.close();
    }

    /** Challenges the first AUTH, grants the second, answers and records every SEND. */
    static final class ScriptedRelay extends SimpleChannelInboundHandler<Object> {
        final MsrpUri usePath;
        final BlockingQueue<MsrpRequest> requests = new LinkedBlockingQueue<>();
        final BlockingQueue<MsrpResponse> responses = new LinkedBlockingQueue<>();
        volatile Channel channel;

        ScriptedRelay(MsrpUri usePath) {
            this.usePath = usePath;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof MsrpResponse resp) {
                responses.add(resp);
            }
            if (!(msg instanceof MsrpRequest r)) {
                return;
            }
            requests.add(r);
            if (r.method().equals(MsrpMethod.AUTH)) {
                if (r.header(MsrpHeader.Authorization.class).isEmpty()) {
                    ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.UNAUTHORIZED, List.of(new MsrpHeader.WwwAuthenticate(
                            "Digest realm=\"relay.test\", qop=\"auth\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\""))));
                } else {
                    ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.OK,
                            List.of(new MsrpHeader.UsePath(List.of(usePath)), new MsrpHeader.Expires(600))));
                }
            } else if (r.wantsResponse(MsrpStatus.OK)) {
                ctx.writeAndFlush(MsrpResponse.to(r, MsrpStatus.OK));
            }
        }

        MsrpRequest next() throws InterruptedException {
            MsrpRequest r = requests.poll(T, TimeUnit.SECONDS);
            assertThat(r).as("a request at the relay within %d s", T).isNotNull();
            return r;
        }
    }

    @Test
    void aSessionBehindTheRelaySendsAndReceivesThroughIt() throws Exception {
        LocalIdentity relayId = LocalIdentity.selfSigned("relay");
        LocalIdentity aliceId = LocalIdentity.selfSigned("alice");
        SslContext relayTls = TlsContexts.server(relayId, List.of(aliceId.fingerprint()), TlsOptions.DEFAULTS);
        Channel server = null;
        try (MsrpEndpoint alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT)) {
            ScriptedRelay[] relay = new ScriptedRelay[1];
            server = new ServerBootstrap().group(transports.group()).channel(transports.serverSocketChannel())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(TlsContexts.newHandler(relayTls, ch, null, TlsOptions.DEFAULTS),
                                    new MsrpFrameDecoder(), MsrpMessageEncoder.INSTANCE, relay[0]);
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            MsrpUri relayUri = MsrpUri.parse("msrps://127.0.0.1:" + port + ";tcp");
            MsrpUri usePath = MsrpUri.parse("msrps://127.0.0.1:" + port + "/u5e9a7h1;tcp");
            relay[0] = new ScriptedRelay(usePath);
            alice.listen(new InetSocketAddress("127.0.0.1", 0));

            MsrpUri me = alice.newLocalUri("127.0.0.1");
            RelayBinding binding = alice.authenticateToRelay(MsrpRelayConfig.of(relayUri, me,
                    new DigestCredentials("alice", "secret")), List.of(relayId.fingerprint())).get(T, TimeUnit.SECONDS);
            assertThat(binding.usePath()).containsExactly(usePath);
            assertThat(binding.expires()).hasValue(java.time.Duration.ofSeconds(600));
            MsrpRequest auth1 = relay[0].next();
            MsrpRequest auth2 = relay[0].next();
            assertThat(auth1.header(MsrpHeader.Authorization.class)).isEmpty();
            assertThat(auth2.header(MsrpHeader.Authorization.class)).hasValueSatisfying(a ->
                    assertThat(a.value()).contains("username=\"alice\"", "realm=\"relay.test\"", "qop=auth", "nc=00000001"));

            // SDP: ours carries the Use-Path before our URI; the peer (not behind a relay) is elsewhere
            MsrpUri bob = MsrpUri.parse("msrps://127.0.0.1:9/b0b5e55i0n;tcp");
            LocalIdentity bobId = LocalIdentity.selfSigned("bob");
            SessionDescription ours = MsrpEndpointTest.sdp(binding.advertisedPath(me), "actpass", aliceId.fingerprint());
            SessionDescription theirs = MsrpEndpointTest.sdp(List.of(bob), "passive", bobId.fingerprint());
            MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(ours, 0, theirs, 0, true);
            SessionEvents events = new SessionEvents();
            MsrpSession session = alice.open(spec, events);
            session.connected().get(T, TimeUnit.SECONDS);
            MsrpRequest initial = relay[0].next();
            assertThat(initial.method()).isEqualTo(MsrpMethod.SEND);
            assertThat(initial.toPath()).containsExactly(usePath, bob);
            assertThat(initial.fromPath()).containsExactly(me);

            String id = session.sendText("via the relay");
            MsrpRequest chat = relay[0].next();
            assertThat(chat.toPath()).containsExactly(usePath, bob);
            assertThat(chat.fromPath()).containsExactly(me);
            assertThat(chat.body().utf8()).isEqualTo("via the relay");
            assertThat(events.nextSent()).isEqualTo(id);
            assertThat(alice.connectionCount()).as("only the relay connection").isEqualTo(1);

            // the relay forwards Bob's message to our URI, itself pushed onto From-Path (RFC 4976 §6)
            relay[0].channel.writeAndFlush(MsrpRequest.send("f0rw4rd3d", List.of(me), List.of(usePath, bob),
                    "b0bmsg01", MsrpContent.text("hello Alice")));
            assertThat(events.nextMessage().text()).isEqualTo("hello Alice");
            MsrpResponse ok = relay[0].responses.poll(T, TimeUnit.SECONDS);
            assertThat(ok).isNotNull();
            assertThat(ok.transactionId()).isEqualTo("f0rw4rd3d");
            assertThat(ok.status()).isEqualTo(MsrpStatus.OK);
            assertThat(ok.toPath()).as("the 200 goes back to the previous hop").containsExactly(usePath);
        } finally {
            if (server != null) {
                server.close().sync();
            }
        }
    }
}
