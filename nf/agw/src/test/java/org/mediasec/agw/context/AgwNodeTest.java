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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import io.netty.util.ResourceLeakDetector;
import org.mediasec.agw.AgwNode;
import org.mediasec.agw.bearer.LeakLog;
import org.mediasec.agw.bearer.PortAllocator;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.DescriptorKind;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.MId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.FailureCause;
import org.mediasec.h248.iq.GeneralCause;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqEvents;
import org.mediasec.h248.iq.IqFailure;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.h248.user.H248MediaGatewayController;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.h248.user.MgcConfig;
import org.mediasec.sdp.Setup;

/**
 * Our MGC drives a real {@link AgwNode} over H.248/UDP on loopback: e2ae MSRP (Add access with
 * {@code a=fingerprint:$}, Add core, Modify with the UE fingerprint, data both ways through a pinned
 * TLS UE and a plain core, Subtract with statistics), pass-through, a wrong UE fingerprint (Notify with
 * its cause, context still consistent), Subtract in the middle of a transfer, H.248 errors, metrics.
 */
class AgwNodeTest extends AgwNodeTestBase {
    // ---------------------------------------------------------------- tests

    @Test
    void e2aeMsrpContextEndToEnd() throws Exception {
        try (Peers.Core core = new Peers.Core()) {
            E2ae e = reserve(core, UE.fingerprint());
            byte[] up = random(150_000, 1);
            byte[] down = random(90_000, 2);
            try (SSLSocket ue = Peers.ue(e.accessPort(), UE, e.agwFingerprint().get(0))) {
                ue.getOutputStream().write(up);
                ue.getOutputStream().flush();
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);
                coreSide.getOutputStream().write(down);
                coreSide.getOutputStream().flush();
                assertThat(ue.getInputStream().readNBytes(down.length)).isEqualTo(down);

                // a late Modify with the UE's real port: informative for a leg the UE already connected to
                CommandReply late = first(call(ActionRequest.of(e.ctx(), IqCommands.DEFAULT.modifyRemote(e.access(),
                        e.accessSpec().withRemote(RemoteMedia.of("127.0.0.1", ue.getLocalPort(), Setup.ACTIVE,
                                UE.fingerprint()))))));
                assertThat(late.descriptor(ErrorDescriptor.class)).isNull();
                ue.getOutputStream().write(up, 0, 10);
                ue.getOutputStream().flush();
                assertThat(coreSide.getInputStream().readNBytes(10)).isEqualTo(Arrays.copyOf(up, 10));

                // AuditValue: live statistics and the TLS session of the access termination
                CommandReply audit = first(call(ActionRequest.of(e.ctx(), CommandRequest.of(CommandKind.AUDIT_VALUE,
                        e.access(), AuditDescriptor.of(DescriptorKind.STATISTICS, DescriptorKind.MEDIA)))));
                Map<String, String> live = stats(audit);
                assertThat(live).containsEntry("nt/or", Long.toString(up.length + 10))
                        .containsEntry("nt/os", Long.toString(down.length))
                        .containsKey("xagw/tlsv").containsKey("xagw/tlscs");
                assertThat(live.get("xagw/tlsfp")).contains(UE.fingerprint().toString());

                Transaction.Reply sub = call(ActionRequest.of(e.ctx(), IqCommands.subtract(e.access()),
                        IqCommands.subtract(e.core())));
                assertThat(sub.error()).isNull();
                List<CommandReply> replies = sub.actions().get(0).replies();
                Map<String, String> access = stats(replies.get(0));
                Map<String, String> coreStats = stats(replies.get(1));
                assertThat(access).containsEntry("nt/or", Long.toString(up.length + 10))
                        .containsEntry("nt/os", Long.toString(down.length));
                assertThat(coreStats).containsEntry("nt/os", Long.toString(up.length + 10))
                        .containsEntry("nt/or", Long.toString(down.length));
                assertThat(Long.parseLong(access.get("xagw/fr"))).isPositive();
                // both legs closed by the Subtract
                assertThat(Peers.drain(coreSide.getInputStream())).isZero();
                assertThat(Peers.drain(ue.getInputStream())).isZero();
            }
        }
        assertThat(notifies).as("no failure: a Subtract is not a bearer release").isEmpty();
        assertNothingLeft();
        String scrape = agw.metrics().scrape();
        assertThat(scrape).contains("agw_tls_handshakes_total{result=\"ok\"} 1.0")
                .contains("agw_relayed_bytes_total{direction=\"uplink\"} 150010.0");
    }

    /**
     * e2ae BFCP: {@code TCP/TLS/BFCP} access (the UE pins the AGW), plain {@code TCP/BFCP} core. The AGW
     * is a byte relay here: BFCP messages (RFC 8855 §5.1 COMMON-HEADER, version 1 over a reliable
     * transport) cross it unchanged both ways, several in one write and one split over two.
     */
    @Test
    void e2aeBfcpContextRelaysBothWays() throws Exception {
        try (Peers.Core core = new Peers.Core()) {
            TlsTermination access = TlsTermination.bfcp(Setup.PASSIVE).events(IqEvents.failures(2101)).build();
            Transaction.Reply r1 = call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(access))));
            CommandReply a = first(r1);
            ContextId ctx = r1.actions().get(0).contextId();
            assertThat(IqReplies.local(a).proto().toString()).isEqualTo("TCP/TLS/BFCP");
            PlainTermination coreSpec = PlainTermination.bfcpCore(Setup.ACTIVE)
                    .withRemote(RemoteMedia.of("127.0.0.1", core.port(), Setup.PASSIVE));
            CommandReply c = first(call(ActionRequest.of(ctx, IqCommands.DEFAULT.add(coreSpec))));
            assertThat(IqReplies.local(c).proto().toString()).isEqualTo("TCP/BFCP");
            first(call(ActionRequest.of(ctx, IqCommands.DEFAULT.modifyRemote(a.terminationId(),
                    access.withRemote(RemoteMedia.of("127.0.0.1", 9, Setup.ACTIVE, UE.fingerprint()))))));

            byte[] floorRequest = bfcp(1, 4711, 1, 17, floorId(543));            // FloorRequest, FLOOR-ID 543
            byte[] hello = bfcp(11, 4711, 2, 17, new byte[0]);                   // Hello
            byte[] status = bfcp(4, 4711, 1, 17, floorId(543));                  // FloorRequestStatus
            byte[] helloAck = bfcp(12, 4711, 2, 17, new byte[0]);                // HelloAck
            try (SSLSocket ue = Peers.ue(address(IqReplies.localEndpoint(a)), UE, IqReplies.localFingerprint(a).get(0))) {
                ue.getOutputStream().write(concat(hello, floorRequest));
                ue.getOutputStream().flush();
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                assertThat(coreSide.getInputStream().readNBytes(hello.length + floorRequest.length))
                        .isEqualTo(concat(hello, floorRequest));
                coreSide.getOutputStream().write(helloAck, 0, 5);                 // one message in two writes
                coreSide.getOutputStream().flush();
                coreSide.getOutputStream().write(concat(Arrays.copyOfRange(helloAck, 5, helloAck.length), status));
                coreSide.getOutputStream().flush();
                assertThat(ue.getInputStream().readNBytes(helloAck.length + status.length)).isEqualTo(concat(helloAck, status));

                Transaction.Reply sub = call(ActionRequest.of(ctx, IqCommands.subtract(a.terminationId()),
                        IqCommands.subtract(c.terminationId())));
                Map<String, String> accessStats = stats(sub.actions().get(0).replies().get(0));
                assertThat(accessStats).containsEntry("nt/or", Long.toString(hello.length + floorRequest.length))
                        .containsEntry("nt/os", Long.toString(helloAck.length + status.length));
                assertThat(Peers.drain(coreSide.getInputStream())).isZero();
                assertThat(Peers.drain(ue.getInputStream())).isZero();
            }
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    /** A BFCP message over a reliable transport (RFC 8855 §5.1): Ver 1, R and F clear, length in 4-octet words. */
    static byte[] bfcp(int primitive, int conferenceId, int transactionId, int userId, byte[] attributes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + attributes.length);
        b.put((byte) (1 << 5)).put((byte) primitive).putShort((short) (attributes.length / 4))
                .putInt(conferenceId).putShort((short) transactionId).putShort((short) userId).put(attributes);
        return b.array();
    }

    /** FLOOR-ID (RFC 8855 §5.2.2): type 2 with the M bit, length 4, the 16-bit floor id. */
    static byte[] floorId(int id) {
        return new byte[] {(byte) (2 << 1 | 1), 4, (byte) (id >> 8), (byte) id};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void wrongUeFingerprintIsNotifiedAndTheContextStaysConsistent() throws Exception {
        try (Peers.Core core = new Peers.Core()) {
            E2ae e = reserve(core, OTHER.fingerprint());
            // TLS 1.3: the client finishes its side before the server's alert; it then reads the alert
            // (an exception) or, when the connection is already gone, the end of the stream
            try (SSLSocket ue = Peers.ue(e.accessPort(), UE, e.agwFingerprint().get(0))) {
                ue.getOutputStream().write(1);
                ue.getOutputStream().flush();
                assertThat(ue.getInputStream().read()).isEqualTo(-1);
            } catch (java.io.IOException refused) {
                // bad_certificate alert or reset
            }

            Map.Entry<String, IqFailure> n = notifies.poll(T, TimeUnit.SECONDS);
            assertThat(n).isNotNull();
            assertThat(n.getKey()).isEqualTo(e.access().text());
            assertThat(n.getValue().cause()).isEqualTo(FailureCause.TLS_FINGERPRINT_MISMATCH);
            assertThat(n.getValue().generalCause()).isEqualTo(GeneralCause.FP);
            assertThat(core.accepted).as("the core is never connected for an unauthenticated UE").isNotDone();

            // the context is still there (its bearer closing or closed); audits and the Subtract work
            assertThat(agw.contexts().contexts()).isEqualTo(1);
            assertThat(agw.contexts().terminations()).isEqualTo(2);
            CommandReply audit = first(call(ActionRequest.of(e.ctx(), CommandRequest.of(CommandKind.AUDIT_VALUE,
                    e.core(), AuditDescriptor.of(DescriptorKind.STATISTICS)))));
            assertThat(stats(audit)).containsEntry("nt/os", "0");
            Transaction.Reply sub = call(ActionRequest.of(e.ctx(), IqCommands.subtract(TerminationId.ALL)));
            assertThat(sub.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class)).isNull();
        }
        assertThat(agw.metrics().fingerprintRefusals()).isEqualTo(1.0);
        assertThat(agw.metrics().scrape()).contains("agw_tls_handshakes_total{result=\"failed\"} 1.0");
        assertNothingLeft();
    }

    @Test
    void thePeerClosingIsNotifiedAsBearerReleased() throws Exception {
        try (Peers.Core core = new Peers.Core()) {
            E2ae e = reserve(core, UE.fingerprint());
            try (SSLSocket ue = Peers.ue(e.accessPort(), UE, e.agwFingerprint().get(0))) {
                ue.getOutputStream().write("MSRP a786hjs2 SEND\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                ue.getOutputStream().flush();
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                assertThat(coreSide.getInputStream().readNBytes(20)).hasSize(20);
                coreSide.close();                                   // the core peer hangs up
                Map.Entry<String, IqFailure> n = notifies.poll(T, TimeUnit.SECONDS);
                assertThat(n).isNotNull();
                assertThat(n.getKey()).isEqualTo(e.core().text());
                assertThat(n.getValue().cause()).isEqualTo(FailureCause.BEARER_RELEASED);
                assertThat(n.getValue().generalCause()).isEqualTo(GeneralCause.NR);
                assertThat(Peers.drain(ue.getInputStream())).as("the access leg is closed too").isZero();
            }
            Transaction.Reply sub = call(ActionRequest.of(e.ctx(), IqCommands.subtract(e.access()),
                    IqCommands.subtract(e.core())));
            assertThat(stats(sub.actions().get(0).replies().get(0))).containsEntry("nt/or", "20");
            assertThat(stats(sub.actions().get(0).replies().get(1))).containsEntry("nt/os", "20");
        }
        assertNothingLeft();
    }

    /**
     * Terminating case: the AGW offered to listen, the UE answered {@code a=setup:passive}; the MGC
     * modifies the access side with Local {@code a=setup:active} and the UE's address ("Establish (D)TLS
     * session"): the AGW connects to the UE as TLS client, pinning the UE, and the UE pins the AGW.
     */
    @Test
    void establishTlsSessionAsClient() throws Exception {
        try (Peers.Core core = new Peers.Core();
             javax.net.ssl.SSLServerSocket ueServer = Peers.ueServer(UE, agw.identity().fingerprint())) {
            E2ae e = reserve(core, UE.fingerprint());
            CompletableFuture<SSLSocket> ueAccepted = CompletableFuture.supplyAsync(() -> {
                try {
                    SSLSocket s = (SSLSocket) ueServer.accept();
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    return s;
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            TlsTermination establish = e.accessSpec().toBuilder().local(address(e.accessPort()))
                    .setup(Setup.ACTIVE).requestLocalFingerprint(false)
                    .remote(RemoteMedia.of("127.0.0.1", ueServer.getLocalPort(), Setup.PASSIVE, UE.fingerprint()))
                    .build();
            assertThat(establish.establish()).isTrue();
            CommandReply m = first(call(ActionRequest.of(e.ctx(), IqCommands.DEFAULT.modify(e.access(), establish))));
            assertThat(m.descriptor(ErrorDescriptor.class)).isNull();
            assertThat(IqReplies.local(m).setup()).isEqualTo(Setup.ACTIVE);
            try (SSLSocket ue = ueAccepted.get(T, TimeUnit.SECONDS)) {
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                byte[] up = random(30_000, 7);
                ue.getOutputStream().write(up);
                ue.getOutputStream().flush();
                assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);
                coreSide.getOutputStream().write(up);
                assertThat(ue.getInputStream().readNBytes(up.length)).isEqualTo(up);
                call(ActionRequest.of(e.ctx(), IqCommands.subtract(TerminationId.ALL)));   // before the UE hangs up
            }
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    static MediaEndpoint address(InetSocketAddress a) {
        return MediaEndpoint.of(a.getAddress().getHostAddress(), a.getPort());
    }

    @Test
    void passThroughContextRelaysBytesUntouched() throws Exception {
        try (Peers.Core core = new Peers.Core()) {
            ActionRequest reserve = passThroughReserve(core.port());
            Transaction.Reply r = call(reserve);
            ContextId ctx = r.actions().get(0).contextId();
            List<CommandReply> adds = r.actions().get(0).replies();
            assertThat(adds).hasSize(2);
            assertThat(adds.get(0).terminationId().text()).startsWith("access/");
            assertThat(adds.get(1).terminationId().text()).startsWith("core/");
            // "TLS" from the UE is just bytes here
            byte[] up = random(70_000, 3);
            byte[] down = random(40_000, 4);
            try (Socket ue = Peers.plain(address(IqReplies.localEndpoint(adds.get(0))))) {
                ue.getOutputStream().write(up);
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);
                coreSide.getOutputStream().write(down);
                assertThat(ue.getInputStream().readNBytes(down.length)).isEqualTo(down);
                CommandReply audit = first(call(ActionRequest.of(ctx, CommandRequest.of(CommandKind.AUDIT_VALUE,
                        adds.get(0).terminationId(), AuditDescriptor.of(DescriptorKind.STATISTICS)))));
                assertThat(stats(audit)).doesNotContainKey("xagw/tlsv").containsEntry("nt/or", Long.toString(up.length));
                Transaction.Reply sub = call(ActionRequest.of(ctx, IqCommands.subtract(TerminationId.ALL)));
                assertThat(sub.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class)).isNull();
                assertThat(Peers.drain(ue.getInputStream())).isZero();
            }
        }
        assertNothingLeft();
    }

    /**
     * Subtract while 16 KiB writes stream through: both legs end, the statistics add up, and nothing
     * is left: contexts, terminations, relays, sockets, booked ports, and (leak detection at PARANOID
     * for the buffers allocated during the test) no Netty buffer unreleased.
     */
    @Test
    void subtractInTheMiddleOfATransfer() throws Exception {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            subtractMidTransfer();
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        assertThat(LeakLog.collect()).as("Netty buffer leak reports").isEmpty();
    }

    private void subtractMidTransfer() throws Exception {
        try (Peers.Core core = new Peers.Core()) {
            E2ae e = reserve(core, UE.fingerprint());
            try (SSLSocket ue = Peers.ue(e.accessPort(), UE, e.agwFingerprint().get(0))) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    byte[] chunk = random(16 * 1024, 5);
                    try {
                        OutputStream out = ue.getOutputStream();
                        while (true) {
                            out.write(chunk);
                        }
                    } catch (Exception closed) {
                        // the AGW closed the leg
                    }
                });
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                AtomicLong received = new AtomicLong();
                CompletableFuture<Void> oneMegabyte = new CompletableFuture<>();
                CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                    byte[] buf = new byte[8192];
                    try {
                        InputStream in = coreSide.getInputStream();
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            if (received.addAndGet(n) >= 1_000_000) {
                                oneMegabyte.complete(null);
                            }
                        }
                    } catch (Exception reset) {
                        // ends here too
                    }
                    return received.get();
                });
                oneMegabyte.get(T, TimeUnit.SECONDS);
                Transaction.Reply sub = call(ActionRequest.of(e.ctx(), IqCommands.subtract(e.access()),
                        IqCommands.subtract(e.core())));
                long accessIn = Long.parseLong(stats(sub.actions().get(0).replies().get(0)).get("nt/or"));
                long coreOut = Long.parseLong(stats(sub.actions().get(0).replies().get(1)).get("nt/os"));
                assertThat(accessIn).isGreaterThanOrEqualTo(1_000_000);
                assertThat(coreOut).isLessThanOrEqualTo(accessIn);
                assertThat(reader.get(T, TimeUnit.SECONDS)).as("the core leg ends").isEqualTo(coreOut);
                ue.close();
                writer.get(T, TimeUnit.SECONDS);
            }
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    /** H.248 over TCP (TPKT), compact text; ten e2ae contexts set up, used and released at the same time. */
    @Test
    void tenConcurrentContextsOverTcpCompact() throws Exception {
        stop();
        start("tcp", "compact");
        int n = 10;
        List<CompletableFuture<Long>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seed = i;
            runs.add(CompletableFuture.supplyAsync(() -> {
                try (Peers.Core core = new Peers.Core()) {
                    E2ae e = reserve(core, UE.fingerprint(), false);
                    byte[] up = random(20_000 + (int) seed * 1000, seed);
                    try (SSLSocket ue = Peers.ue(e.accessPort(), UE, e.agwFingerprint().get(0))) {
                        ue.getOutputStream().write(up);
                        ue.getOutputStream().flush();
                        Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                        assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);
                        coreSide.getOutputStream().write(up);
                        assertThat(ue.getInputStream().readNBytes(up.length)).isEqualTo(up);
                        Transaction.Reply sub = call(ActionRequest.of(e.ctx(), IqCommands.subtract(e.access()),
                                IqCommands.subtract(e.core())));
                        return Long.parseLong(stats(sub.actions().get(0).replies().get(0)).get("nt/or"));
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }));
        }
        long total = 0;
        for (CompletableFuture<Long> r : runs) {
            total += r.get(3 * T, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(20_000L * n + 1000L * n * (n - 1) / 2);
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    /**
     * The MGC goes away: the AGW's inactivity probe goes unanswered, the MG role registers again, and
     * a new MGC on the same address gets the AGW back and can use it.
     */
    @Test
    void registersAgainAfterTheMgcIsLost() throws Exception {
        stop();
        start("udp", "pretty", h -> h.withTimers(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100), 2,
                java.time.Duration.ofMillis(300), java.time.Duration.ofMillis(100)));
        int port = mgc.localAddress().getPort();
        CompletableFuture<String> lost = new CompletableFuture<>();
        agw.contexts().whenMgcLost(lost::complete);
        mgc.close();
        assertThat(lost.get(T, TimeUnit.SECONDS)).isNotEmpty();   // the inactivity probe went unanswered
        CompletableFuture<InetSocketAddress> reRegistered = new CompletableFuture<>();
        agw.contexts().whenRegistered(reRegistered::complete);
        CompletableFuture<MgHandle> again = new CompletableFuture<>();
        mgc = H248MediaGatewayController.start(transports, MgcConfig.of(new MId.Domain("alg2.test", null)),
                mgcTransport("udp", "pretty", port), mgcUser(again));
        mg = again.get(T, TimeUnit.SECONDS);
        assertThat(reRegistered.get(T, TimeUnit.SECONDS).getPort()).isEqualTo(port);
        assertThat(agw.mg().isRegistered()).isTrue();
        assertThat(agw.metrics().scrape()).containsPattern("agw_mgc_lost_total [1-9]");
        try (Peers.Core core = new Peers.Core()) {
            E2ae e = reserve(core, UE.fingerprint());
            call(ActionRequest.of(e.ctx(), IqCommands.subtract(TerminationId.ALL)));
        }
        assertNothingLeft();
    }

    /** The port answered for a termination alone in its context is really held (listened on), then freed. */
    @Test
    void theFirstTerminationsPortIsHeldUntilSubtracted() throws Exception {
        Transaction.Reply r = call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(
                TlsTermination.msrp(Setup.PASSIVE).build()))));
        ContextId ctx = r.actions().get(0).contextId();
        CommandReply add = first(r);
        InetSocketAddress port = address(IqReplies.localEndpoint(add));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.ServerSocket(port.getPort(), 1,
                port.getAddress()).close()).isInstanceOf(java.net.BindException.class);
        CommandReply sub = first(call(ActionRequest.of(ctx, IqCommands.subtract(add.terminationId()))));
        assertThat(sub.descriptor(ErrorDescriptor.class)).isNull();
        assertThat(stats(sub)).containsEntry("nt/os", "0");
        assertNothingLeft();
    }

    @Test
    void h248Errors() throws Exception {
        // unknown context
        Transaction.Reply r = call(ActionRequest.of(ContextId.of(4242), IqCommands.subtract(TerminationId.of("access/1"))));
        assertThat(r.actions().get(0).error().code().code()).isEqualTo(411);
        // unknown termination in a known context
        try (Peers.Core core = new Peers.Core()) {
            E2ae e = reserve(core, UE.fingerprint());
            CommandReply bad = call(ActionRequest.of(e.ctx(), IqCommands.subtract(TerminationId.of("access/999"))))
                    .actions().get(0).replies().get(0);
            assertThat(bad.descriptor(ErrorDescriptor.class).code().code()).isEqualTo(430);
            // a third termination
            CommandReply third = call(ActionRequest.of(e.ctx(), IqCommands.DEFAULT.add(
                    PlainTermination.passThrough("message", Setup.PASSIVE)))).actions().get(0).replies().get(0);
            assertThat(third.descriptor(ErrorDescriptor.class).code().code()).isEqualTo(434);
            call(ActionRequest.of(e.ctx(), IqCommands.subtract(TerminationId.ALL)));
        }
        assertNothingLeft();
    }

    @Test
    void noPortLeftIs510AndReleasesNothingElse() throws Exception {
        PortAllocator access = agw.relays().allocators().get(0);
        int size = access.realm().size();
        int[] taken = new int[size];
        for (int i = 0; i < size; i++) {
            taken[i] = access.next();
        }
        CommandReply r = first(call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(
                TlsTermination.msrp(Setup.PASSIVE).build())))));
        assertThat(r.descriptor(ErrorDescriptor.class).code().code()).isEqualTo(510);
        Arrays.stream(taken).forEach(access::release);
        assertNothingLeft();
    }

    @Test
    void metricsEndpoint() throws Exception {
        agw.close();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        agw = AgwNode.start(agw.config().withMetrics(new AgwConfig.Metrics(port, "127.0.0.1")));
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agw.metricsAddress().getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("agw_contexts ", "agw_terminations ", "agw_relays_open ",
                "agw_fingerprint_refusals_total ");
    }
}
