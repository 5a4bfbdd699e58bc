package org.mediasec.h248.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.MId;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.ServiceChangeDescriptor.ServiceChangeProfile;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.text.Style;
import org.mediasec.h248.transaction.H248TransactionConfig;
import org.mediasec.h248.transaction.H248TransactionEvents;
import org.mediasec.h248.user.H248MediaGateway;
import org.mediasec.h248.user.H248MediaGatewayController;
import org.mediasec.h248.user.H248Reply;
import org.mediasec.h248.user.H248Request;
import org.mediasec.h248.user.IqFixtures;
import org.mediasec.h248.user.MgConfig;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.h248.user.MgcConfig;
import org.mediasec.h248.user.MgcUser;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.transport.Transports;

/**
 * Our MG and MGC against Erlang/OTP megaco 4.4.2 (tooling.md §2) on 127.0.0.1: ServiceChange, Add
 * with SDP in Local and Remote carrying {@code a=fingerprint} and {@code a=setup}, Modify, Notify
 * and Subtract, over UDP and TCP/TPKT, pretty and compact text, versions 1 and 3. The Erlang peer
 * prints one {@code EVENT} line per step; we assert on those lines, on what our side received and
 * on the peer's exit code. Transaction features cross the wire too: our MG answers Modify late, so
 * the Erlang MGC receives TransactionPendings first; our replies carry ImmAckRequired and Erlang
 * acknowledges them; the Erlang MG asks for an ack of its Subtract reply and gets ours.
 */
@Tag("interop")
class H248MegacoInteropTest {
    static final Duration STEP = Duration.ofSeconds(Long.getLong("mediasec.interop.step-seconds", 15));
    static final String PEER_TIMEOUT_S = Long.toString(STEP.toSeconds() * 3);
    static Transports transports;

    @BeforeAll
    static void start() {
        transports = Transports.create("h248-interop", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stop() {
        if (transports != null) {
            transports.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of("udp", "tcp").flatMap(t -> Stream.of("pretty", "compact")
                .flatMap(e -> Stream.of(1, 3).map(v -> Arguments.of(t, e, v))));
    }

    static H248TransportConfig transport(String kind, String encoding) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        Style style = encoding.equals("pretty") ? Style.PRETTY : Style.COMPACT;
        return (kind.equals("udp") ? H248TransportConfig.udp(any) : H248TransportConfig.tcp(any)).withStyle(style);
    }

    /** Counts what our transaction layer did, and signals the first events a test waits for. */
    static final class Counters implements H248TransactionEvents {
        final AtomicInteger pendingsSent = new AtomicInteger();
        final CompletableFuture<Integer> twoPendingsSent = new CompletableFuture<>();
        final CompletableFuture<Integer> firstAckReceived = new CompletableFuture<>();

        @Override
        public void pendingSent(InetSocketAddress peer, long id) {
            if (pendingsSent.incrementAndGet() >= 2) {
                twoPendingsSent.complete(pendingsSent.get());
            }
        }

        @Override
        public void ackReceived(InetSocketAddress peer, int releasedReplies) {
            if (releasedReplies > 0) {
                firstAckReceived.complete(releasedReplies);
            }
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(STEP.toSeconds(), TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "erlang MGC, our MG: {0} {1} v{2}")
    @MethodSource("cases")
    void erlangMgcDrivesOurMg(String kind, String encoding, int version) throws Exception {
        Path escript = ExternalTool.require("escript");
        int port = ErlangPeer.freePort();
        try (ErlangPeer peer = ErlangPeer.start(escript, "role=mgc", "transport=" + kind, "encoding=" + encoding,
                "version=" + version, "port=" + port, "timeout=" + PEER_TIMEOUT_S)) {
            peer.await("READY", STEP);
            // our replies ask for acks, and Modify is answered only after two TransactionPendings went out
            Counters counters = new Counters();
            IqFixtures.AgwUser agw = new IqFixtures.AgwUser() {
                @Override
                public synchronized H248Reply handleTransactionRequest(H248Request request) {
                    H248Reply now = super.handleTransactionRequest(request);
                    boolean modify = request.commands().stream().anyMatch(c -> c.kind() == CommandKind.MODIFY);
                    return modify ? H248Reply.later(counters.twoPendingsSent.thenApply(x -> now)) : now;
                }
            };
            MgConfig config = MgConfig.of(new MId.Ip4("127.0.0.1", null), new InetSocketAddress("127.0.0.1", port))
                    .withVersion(version).withProfile(new ServiceChangeProfile("ResGW", 1))
                    .withTransactions(H248TransactionConfig.DEFAULT.withPending(Duration.ofMillis(200), Duration.ofSeconds(5), 30)
                            .withAcks(Duration.ZERO, true))
                    .withEvents(counters);
            try (H248MediaGateway mg = H248MediaGateway.start(transports, config, transport(kind, encoding), agw)) {
                assertThat(get(mg.registered())).isEqualTo(version);
                assertThat(peer.await("EVENT service_change", STEP)).contains("method=restart", "reason=901",
                        "version=" + version, "profile=resgw/1", "message_version=" + version, "termination=root");

                erlangMgcFlow(peer, mg, agw, version);
                assertThat(mg.version()).isEqualTo(version);
                assertThat(counters.pendingsSent.get()).isGreaterThanOrEqualTo(2);
                assertThat(get(counters.firstAckReceived)).isPositive();   // Erlang acknowledged a reply of ours
            }
        }
    }

    /** Add, Modify, Notify (ours), Subtract driven by the Erlang MGC {@code peer}, until it exits 0. */
    static void erlangMgcFlow(ErlangPeer peer, H248MediaGateway mg, IqFixtures.AgwUser agw, int version) throws Exception {
        String add = peer.await("EVENT add_reply", STEP);
        assertThat(add).contains("context=1", "termination=msrp/1", "setup=passive",
                "fingerprint=" + IqFixtures.FINGERPRINT_AGW.replace(' ', '_'));
        assertThat(agw.remoteSdp.get("msrp/1")).contains("a=setup:active",
                "a=fingerprint:" + IqFixtures.FINGERPRINT_UE);

        assertThat(peer.await("EVENT modify_reply", STEP)).contains("context=1", "termination=msrp/1");
        Transaction.Reply notify = get(mg.call(IqFixtures.notify(ContextId.of(1), TerminationId.of("msrp/1"))));
        assertThat(notify.error()).isNull();
        assertThat(peer.await("EVENT notify", STEP)).contains("context=1", "termination=msrp/1",
                "request_id=2001", "events=g/cause", "message_version=" + version);

        assertThat(peer.await("EVENT subtract_reply", STEP)).contains("context=1", "termination=msrp/1");
        peer.await("EVENT done", STEP);
        assertThat(peer.exitCode(STEP)).as(peer.report()).isZero();
        assertThat(agw.handled).containsExactly(CommandKind.ADD, CommandKind.MODIFY, CommandKind.SUBTRACT);
    }

    @ParameterizedTest(name = "erlang MGC moves our MG to another erlang MGC: {0} {1}")
    @CsvSource({"udp, redirect", "tcp, redirect", "udp, handoff", "tcp, handoff"})
    void erlangMgcMovesOurMgToAnotherMgc(String kind, String mode) throws Exception {
        Path escript = ExternalTool.require("escript");
        int portA = ErlangPeer.freePort();
        int portB = ErlangPeer.freePort();
        while (portB == portA) {
            portB = ErlangPeer.freePort();
        }
        String[] common = {"transport=" + kind, "encoding=pretty", "version=3", "timeout=" + PEER_TIMEOUT_S};
        try (ErlangPeer b = ErlangPeer.start(escript, concat(common, "role=mgc", "port=" + portB));
             ErlangPeer a = ErlangPeer.start(escript, concat(common, "role=mgc", "port=" + portA, mode + "_port=" + portB))) {
            a.await("READY", STEP);
            b.await("READY", STEP);
            List<Integer> registeredWith = new CopyOnWriteArrayList<>();
            IqFixtures.AgwUser agw = new IqFixtures.AgwUser() {
                @Override
                public void registered(InetSocketAddress mgc, int version) {
                    registeredWith.add(mgc.getPort());
                }
            };
            MgConfig config = MgConfig.of(new MId.Ip4("127.0.0.1", null), new InetSocketAddress("127.0.0.1", portA))
                    .withProfile(new ServiceChangeProfile("ResGW", 1));
            try (H248MediaGateway mg = H248MediaGateway.start(transports, config, transport(kind, "pretty"), agw)) {
                assertThat(a.await("EVENT service_change", STEP)).contains("method=restart", "reason=901");
                if (mode.equals("redirect")) {
                    assertThat(a.await("EVENT redirect", STEP)).contains("to=" + portB);
                    assertThat(a.await("EVENT redirect_acked", STEP)).contains("status=ok");   // our ack of its IA reply
                    assertThat(b.await("EVENT service_change", STEP)).contains("method=restart", "reason=901");
                } else {
                    assertThat(a.await("EVENT handoff_reply", STEP)).contains("to=" + portB);
                    assertThat(b.await("EVENT service_change", STEP)).contains("method=handOff",
                            "reason=903_MGC_Directed_Change");
                }
                a.await("EVENT done", STEP);
                assertThat(a.exitCode(STEP)).as(a.report()).isZero();
                assertThat(get(mg.registered())).isEqualTo(3);
                erlangMgcFlow(b, mg, agw, 3);
                assertThat(mg.mgc().getPort()).isEqualTo(portB);
                assertThat(registeredWith).endsWith(portB);
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "erlang MG, our MGC: {0} {1} v{2}")
    @MethodSource("cases")
    void ourMgcDrivesErlangMg(String kind, String encoding, int version) throws Exception {
        ourMgcFlow(kind, encoding, version, 3);
    }

    @ParameterizedTest(name = "version negotiation, erlang MGC v1 and our MG v3: {0}")
    @CsvSource({"udp", "tcp"})
    void ourMgAdoptsTheLowerVersionOfErlangMgc(String kind) throws Exception {
        Path escript = ExternalTool.require("escript");
        int port = ErlangPeer.freePort();
        try (ErlangPeer peer = ErlangPeer.start(escript, "role=mgc", "transport=" + kind, "encoding=pretty",
                "version=1", "port=" + port, "timeout=" + PEER_TIMEOUT_S)) {
            peer.await("READY", STEP);
            IqFixtures.AgwUser agw = new IqFixtures.AgwUser();
            MgConfig config = MgConfig.of(new MId.Ip4("127.0.0.1", null), new InetSocketAddress("127.0.0.1", port))
                    .withVersion(3).withProfile(new ServiceChangeProfile("ResGW", 1));
            try (H248MediaGateway mg = H248MediaGateway.start(transports, config, transport(kind, "pretty"), agw)) {
                assertThat(get(mg.registered())).isEqualTo(1);     // the MGC answered Version = 1
                assertThat(peer.await("EVENT service_change", STEP)).contains("version=3", "message_version=3");
                erlangMgcFlow(peer, mg, agw, 1);                     // our Notify went out as MEGACO/1
                assertThat(mg.version()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "version negotiation, erlang MG v3 and our MGC v1: {0}")
    @CsvSource({"udp", "tcp"})
    void erlangMgAdoptsTheLowerVersionOfOurMgc(String kind) throws Exception {
        ourMgcFlow(kind, "pretty", 3, 1);
    }

    /** Our MGC (speaking at most {@code mgcMaxVersion}) drives the Erlang MG (offering {@code version}). */
    void ourMgcFlow(String kind, String encoding, int offered, int mgcMaxVersion) throws Exception {
        int version = Math.min(offered, mgcMaxVersion);
        Path escript = ExternalTool.require("escript");
        CompletableFuture<MgHandle> registered = new CompletableFuture<>();
        CompletableFuture<String> lost = new CompletableFuture<>();
        List<String> notified = new CopyOnWriteArrayList<>();
        MgcUser user = new MgcUser() {
            @Override
            public void mgRegistered(MgHandle mg) {
                registered.complete(mg);
            }

            @Override
            public void mgLost(MgHandle mg, String reason) {
                lost.complete(reason);
            }

            @Override
            public H248Reply handleTransactionRequest(MgHandle mg, H248Request request) {
                request.commands().forEach(c -> notified.add(c.kind() + " " + c.terminationId() + " v" + request.version()));
                return H248Reply.acknowledge(request.actions());
            }
        };
        Counters counters = new Counters();
        // heartbeat after 3 s of silence, repeated quickly: the MG's exit is noticed within seconds
        MgcConfig config = MgcConfig.of(new MId.Ip4("127.0.0.1", null)).withMaxVersion(mgcMaxVersion).withEvents(counters)
                .withHeartbeat(Duration.ofSeconds(3))
                .withTransactions(H248TransactionConfig.DEFAULT.withAcks(Duration.ZERO, true)
                        .withRetransmission(Duration.ofMillis(200), Duration.ofMillis(400), 3));
        try (H248MediaGatewayController mgc = H248MediaGatewayController.start(transports, config,
                transport(kind, encoding), user);
             ErlangPeer peer = ErlangPeer.start(escript, "role=mg", "transport=" + kind, "encoding=" + encoding,
                     "version=" + offered, "port=" + ErlangPeer.freePort(), "mgc_port=" + mgc.localAddress().getPort(),
                     "timeout=" + PEER_TIMEOUT_S)) {
            peer.await("READY", STEP);
            MgHandle mg = get(registered);
            assertThat(mg.version()).isEqualTo(version);
            assertThat(mg.profile()).isEqualTo(new ServiceChangeProfile("resgw", 1));
            assertThat(peer.await("EVENT service_change_reply", STEP)).contains("resgw");
            if (version < offered) {
                assertThat(peer.await("EVENT version_lowered", STEP)).contains("to=" + version);
            }

            Transaction.Reply add = get(mg.call(IqFixtures.add()));
            assertThat(add.error()).isNull();
            assertThat(add.actions().get(0).contextId()).isEqualTo(ContextId.of(1));
            CommandReply added = IqFixtures.firstCommand(add);
            assertThat(added.terminationId().text()).isEqualTo("msrp/1");
            assertThat(added.descriptor(MediaDescriptor.class).streams().get(0).parms().local().lines())
                    .contains("a=setup:passive", "a=fingerprint:" + IqFixtures.FINGERPRINT_AGW);
            assertThat(peer.await("EVENT add", STEP)).contains("context=$", "termination=$", "local_fingerprint=$",
                    "local_setup=passive", "remote_fingerprint=" + IqFixtures.FINGERPRINT_UE.replace(' ', '_'),
                    "remote_setup=active");

            Transaction.Reply modify = get(mg.call(IqFixtures.modify(ContextId.of(1), added.terminationId())));
            assertThat(IqFixtures.firstCommand(modify).kind()).isEqualTo(CommandKind.MODIFY);
            assertThat(peer.await("EVENT modify", STEP)).contains("context=1", "termination=msrp/1", "mode=sendRecv",
                    "message_version=" + version);

            assertThat(peer.await("EVENT notify_reply", STEP)).contains("context=1", "termination=msrp/1");
            assertThat(notified).containsExactly("Notify msrp/1 v" + version);

            Transaction.Reply subtract = get(mg.call(IqFixtures.subtract(ContextId.of(1), added.terminationId())));
            assertThat(IqFixtures.firstCommand(subtract).kind()).isEqualTo(CommandKind.SUBTRACT);
            assertThat(subtract.immAckRequired()).isTrue();       // the peer asked for an ack ...
            assertThat(peer.await("EVENT subtract_acked", STEP)).contains("status=ok");   // ... and got ours
            peer.await("EVENT done", STEP);
            assertThat(peer.exitCode(STEP)).as(peer.report()).isZero();
            assertThat(get(counters.firstAckReceived)).isPositive();   // Erlang acknowledged a reply of ours
            // the peer is gone: over TCP the connection closes; over UDP the heartbeat audit goes unanswered
            assertThat(get(lost)).contains(kind.equals("tcp") ? "connection closed" : "timed out");
            assertThat(mgc.mgs()).isEmpty();
        }
    }
}
