package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediasec.agw.AgwNode;
import org.mediasec.agw.bearer.BearerRelay;
import org.mediasec.agw.bearer.PortAllocator;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.DescriptorKind;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.MId;
import org.mediasec.h248.StatisticsDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.FailureCause;
import org.mediasec.h248.iq.GeneralCause;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqEvents;
import org.mediasec.h248.iq.IqFailure;
import org.mediasec.h248.iq.IqNotify;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.user.H248MediaGatewayController;
import org.mediasec.h248.user.H248Reply;
import org.mediasec.h248.user.H248Request;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.h248.user.MgcConfig;
import org.mediasec.h248.user.MgcUser;
import org.mediasec.sdp.Setup;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.transport.Transports;

/**
 * What the AGW node tests share: our MGC ({@link H248MediaGatewayController}) and a real {@link AgwNode}
 * on loopback, started before each test and stopped after it, and the e2ae reservation helper.
 *
 * <p>Used by {@link AgwNodeTest}: our MGC drives a real {@link AgwNode} over H.248/UDP on loopback: e2ae MSRP (Add access with
 * {@code a=fingerprint:$}, Add core, Modify with the UE fingerprint, data both ways through a pinned
 * TLS UE and a plain core, Subtract with statistics), pass-through, a wrong UE fingerprint (Notify with
 * its cause, context still consistent), Subtract in the middle of a transfer, H.248 errors, metrics.
 */
abstract class AgwNodeTestBase {
    static final long T = 10;
    static final LocalIdentity UE = LocalIdentity.selfSigned("ue.test");
    static final LocalIdentity OTHER = LocalIdentity.selfSigned("someone-else.test");
    static Transports transports;

    H248MediaGatewayController mgc;
    AgwNode agw;
    MgHandle mg;
    final BlockingQueue<Map.Entry<String, IqFailure>> notifies = new LinkedBlockingQueue<>();

    @BeforeAll
    static void loops() {
        transports = Transports.create("mgc-test", 1, Transports.Kind.preferred());
    }

    @AfterAll
    static void stopLoops() {
        transports.close();
    }

    @BeforeEach
    void start() throws Exception {
        start("udp", "pretty");
    }

    void start(String transport, String encoding) throws Exception {
        start(transport, encoding, h -> h);
    }

    MgcUser mgcUser(CompletableFuture<MgHandle> registered) {
        return new MgcUser() {
            @Override
            public void mgRegistered(MgHandle mg) {
                registered.complete(mg);
            }

            @Override
            public H248Reply handleTransactionRequest(MgHandle mg, H248Request request) {
                for (CommandRequest c : request.commands()) {
                    IqNotify.read(c).ifPresent(f -> notifies.add(Map.entry(c.terminationId().text(), f)));
                }
                return H248Reply.acknowledge(request.actions());
            }
        };
    }

    static H248TransportConfig mgcTransport(String transport, String encoding, int port) {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
        return (transport.equals("tcp") ? H248TransportConfig.tcp(at) : H248TransportConfig.udp(at))
                .withStyle(encoding.equals("compact") ? org.mediasec.h248.text.Style.COMPACT
                        : org.mediasec.h248.text.Style.PRETTY);
    }

    void start(String transport, String encoding, java.util.function.UnaryOperator<AgwConfig.H248> tweak)
            throws Exception {
        CompletableFuture<MgHandle> registered = new CompletableFuture<>();
        mgc = H248MediaGatewayController.start(transports, MgcConfig.of(new MId.Domain("alg.test", null)),
                mgcTransport(transport, encoding, 0), mgcUser(registered));
        int base = 22000 + new Random().nextInt(80) * 50;   // below the ephemeral range (32768-60999)
        AgwConfig config = AgwConfig.defaults()
                .withMid("[127.0.0.1]:2945")
                .withH248(tweak.apply(AgwConfig.H248.DEFAULTS.withMgc("127.0.0.1", mgc.localAddress().getPort())
                        .withLocal("127.0.0.1", 0).withTransport(transport).withEncoding(encoding)))
                .withRealms(List.of(new AgwConfig.RealmConfig("access", "127.0.0.1", null, base, base + 24),
                        new AgwConfig.RealmConfig("core", "127.0.0.1", null, base + 25, base + 49)));
        agw = AgwNode.start(configure(config));
        mg = registered.get(T, TimeUnit.SECONDS);
    }

    /** The node's configuration as a test class wants it (the realms use ports base..base+49). */
    AgwConfig configure(AgwConfig config) {
        return config;
    }

    @AfterEach
    void stop() {
        if (agw != null) {
            agw.close();
            agw = null;
        }
        if (mgc != null) {
            mgc.close();
            mgc = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    Transaction.Reply call(ActionRequest... actions) throws Exception {
        return mg.call(actions).get(T, TimeUnit.SECONDS);
    }

    static CommandReply first(Transaction.Reply r) {
        assertThat(r.error()).isNull();
        return r.actions().get(0).replies().get(0);
    }

    static Map<String, String> stats(CommandReply r) {
        StatisticsDescriptor s = r.descriptor(StatisticsDescriptor.class);
        assertThat(s).as("Statistics in " + r).isNotNull();
        return s.statistics().stream().collect(Collectors.toMap(StatisticsDescriptor.Statistic::name,
                StatisticsDescriptor.Statistic::value));
    }

    static InetSocketAddress address(MediaEndpoint e) {
        return new InetSocketAddress(e.address(), e.port());
    }

    void assertNothingLeft() {
        assertThat(agw.contexts().contexts()).isZero();
        assertThat(agw.contexts().terminations()).isZero();
        assertThat(agw.relays().relays()).isZero();
        assertThat(agw.relays().openChannels()).isZero();
        assertThat(agw.relays().allocators()).allSatisfy(a -> assertThat(a.inUse()).as(a.toString()).isZero());
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    record E2ae(ContextId ctx, TerminationId access, TerminationId core, InetSocketAddress accessPort,
                List<CertificateFingerprint> agwFingerprint, TlsTermination accessSpec) {
    }

    /** Add access (TLS, fingerprint requested, no UE yet), Add core (plain, active toward {@code core}). */
    E2ae reserve(Peers.Core core, CertificateFingerprint ueFingerprint) throws Exception {
        return reserve(core, ueFingerprint, true);
    }

    E2ae reserve(Peers.Core core, CertificateFingerprint ueFingerprint, boolean alone) throws Exception {
        TlsTermination access = TlsTermination.msrp(Setup.PASSIVE).events(IqEvents.failuresAndHeartbeat(2001)).build();
        Transaction.Reply r1 = call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(access))));
        CommandReply a = first(r1);
        ContextId ctx = r1.actions().get(0).contextId();
        assertThat(ctx.value()).isPositive();
        assertThat(a.terminationId().text()).startsWith("access/");
        List<CertificateFingerprint> agwFp = IqReplies.localFingerprint(a);
        assertThat(agwFp).containsExactly(agw.identity().fingerprint());
        MediaEndpoint accessEndpoint = IqReplies.localEndpoint(a);
        assertThat(accessEndpoint.address()).isEqualTo("127.0.0.1");

        PlainTermination coreSpec = PlainTermination.msrpCore(MsrpHandling.APPLICATION_AWARE, Setup.ACTIVE)
                .withRemote(RemoteMedia.of("127.0.0.1", core.port(), Setup.PASSIVE)).withEvents(IqEvents.failures(2002));
        CommandReply c = first(call(ActionRequest.of(ctx, IqCommands.DEFAULT.add(coreSpec))));
        assertThat(c.terminationId().text()).startsWith("core/");
        assertThat(IqReplies.local(c).fingerprints()).isEmpty();
        assertThat(IqReplies.localEndpoint(c).port()).isEqualTo(9);   // RFC 4145: active

        // the IMS-ALG learns the UE's fingerprint (its SDP answer) and gives it to the AGW
        TlsTermination withUe = access.withRemote(RemoteMedia.of("127.0.0.1", 9, Setup.ACTIVE, ueFingerprint));
        CommandReply m = first(call(ActionRequest.of(ctx, IqCommands.DEFAULT.modifyRemote(a.terminationId(), withUe))));
        assertThat(m.kind()).isEqualTo(CommandKind.MODIFY);
        assertThat(IqReplies.localEndpoint(m)).isEqualTo(accessEndpoint);
        if (alone) {
            assertThat(agw.contexts().contexts()).isEqualTo(1);
            assertThat(agw.contexts().terminations()).isEqualTo(2);
        }
        return new E2ae(ctx, a.terminationId(), c.terminationId(), address(accessEndpoint), agwFp, withUe);
    }

    /** A pass-through pair with both peers connected; nothing sent yet. */
    record Connected(ContextId ctx, TerminationId access, TerminationId core, InetSocketAddress accessAddress,
                     Socket ue, Socket coreSide) {
    }

    /** Reserves a pass-through MSRP pair: access passive, core active toward the core peer at {@code corePort}. */
    static ActionRequest passThroughReserve(int corePort) {
        return IqCommands.DEFAULT.reserve(PlainTermination.passThrough("message", Setup.PASSIVE),
                PlainTermination.passThrough("message", Setup.ACTIVE)
                        .withRemote(RemoteMedia.of("127.0.0.1", corePort, Setup.PASSIVE)));
    }

    Connected connectedPassThrough(Peers.Core corePeer) throws Exception {
        ActionRequest reserve = passThroughReserve(corePeer.port());
        Transaction.Reply r = call(reserve);
        ContextId ctx = r.actions().get(0).contextId();
        List<CommandReply> adds = r.actions().get(0).replies();
        InetSocketAddress accessAddress = address(IqReplies.localEndpoint(adds.get(0)));
        Socket ue = Peers.plain(accessAddress);
        Socket coreSide = corePeer.accepted.get(T, TimeUnit.SECONDS);
        awaitState(BearerRelay.State.ESTABLISHED);
        return new Connected(ctx, adds.get(0).terminationId(), adds.get(1).terminationId(), accessAddress, ue, coreSide);
    }

    /** Waits (bounded) until the only relay is in {@code state}: both legs up, in the relay's own loop. */
    void awaitState(BearerRelay.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(T);
        while (true) {
            List<RelayStats> all = agw.contexts().relayStats();
            if (all.size() == 1 && all.get(0).state() == state) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("relay not " + state + " within " + T + " s: " + all);
            }
            Thread.sleep(5);
        }
    }
}
