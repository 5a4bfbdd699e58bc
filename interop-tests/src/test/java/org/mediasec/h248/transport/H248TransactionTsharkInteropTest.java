package org.mediasec.h248.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.netty.H248NettyTransports;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.h248.transaction.H248Transport;
import org.mediasec.h248.transaction.H248TransportFactory;
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
import org.mediasec.testkit.Text2Pcap;
import org.mediasec.testkit.Tshark;
import org.mediasec.transport.EventLoopTimers;
import org.mediasec.transport.Transports;

import io.netty.channel.EventLoop;

/**
 * Wireshark's MEGACO dissector on what our transaction layer and roles really send over UDP: a
 * registration, an Iq Add/Modify/Subtract, TransactionPendings of a slow MG, replies with
 * ImmAckRequired and the TransactionResponseAcks for them, two transactions in one message, and
 * the error reply to a malformed message. Every message is recorded at the transport, written to
 * a pcap on port 2944 in the style it was sent in, and must dissect as MEGACO with no malformed or
 * error-severity items.
 */
@Tag("interop")
class H248TransactionTsharkInteropTest {
    static final long STEP_S = 15;

    @TempDir
    Path dir;

    /** A transport that records every message it sends. */
    record Recording(H248Transport inner, Style style, List<byte[]> sent) implements H248Transport, AutoCloseable {
        @Override
        public boolean reliable() {
            return inner.reliable();
        }

        @Override
        public void send(InetSocketAddress peer, H248Message message) {
            sent.add(H248TextCodec.encode(message, style));
            inner.send(peer, message);
        }

        @Override
        public void close() throws Exception {
            ((AutoCloseable) inner).close();
        }
    }

    @Test
    void tsharkDissectsOurTransactionTraffic() throws Exception {
        ExternalTool.require("tshark");
        ExternalTool.require("text2pcap");
        List<byte[]> sent = new CopyOnWriteArrayList<>();
        List<Recording> opened = new CopyOnWriteArrayList<>();
        CompletableFuture<MgHandle> registered = new CompletableFuture<>();
        CompletableFuture<Integer> twoPendings = new CompletableFuture<>();
        CompletableFuture<Integer> acked = new CompletableFuture<>();
        H248TransactionConfig timers = H248TransactionConfig.DEFAULT.withPending(Duration.ofMillis(100), Duration.ofSeconds(5), 30)
                .withAcks(Duration.ZERO, true);
        try (Transports transports = Transports.create("h248-tshark", 1, Transports.Kind.preferred())) {
            EventLoop loop = transports.group().next();
            H248TransportConfig mgcTransport = H248TransportConfig.udp(new InetSocketAddress("127.0.0.1", 0)).withStyle(Style.PRETTY);
            H248TransportConfig mgTransport = H248TransportConfig.udp(new InetSocketAddress("127.0.0.1", 0)).withStyle(Style.COMPACT);
            H248MediaGatewayController mgc = new H248MediaGatewayController(
                    MgcConfig.of(new MId.Ip4("127.0.0.1", null)).withTransactions(timers).withEvents(new H248TransactionEvents() {
                        @Override
                        public void ackReceived(InetSocketAddress peer, int released) {
                            if (released > 0) {
                                acked.complete(released);
                            }
                        }
                    }),
                    new MgcUser() {
                        @Override
                        public void mgRegistered(MgHandle mg) {
                            registered.complete(mg);
                        }
                    }, new EventLoopTimers(loop), loop, recording(transports, loop, mgcTransport, true, sent, opened));
            InetSocketAddress mgcAddress = ((org.mediasec.h248.netty.H248UdpTransport) opened.get(0).inner()).localAddress();
            int[] pendings = {0};
            IqFixtures.AgwUser agw = new IqFixtures.AgwUser() {
                @Override
                public synchronized H248Reply handleTransactionRequest(H248Request request) {
                    H248Reply now = super.handleTransactionRequest(request);
                    boolean modify = request.commands().stream().anyMatch(c -> c.kind() == CommandKind.MODIFY);
                    return modify ? H248Reply.later(twoPendings.thenApply(x -> now)) : now;
                }
            };
            MgConfig mgConfig = MgConfig.of(new MId.Ip4("127.0.0.1", null), mgcAddress).withTransactions(timers)
                    .withEvents(new H248TransactionEvents() {
                        @Override
                        public void pendingSent(InetSocketAddress peer, long id) {
                            if (++pendings[0] == 2) {
                                twoPendings.complete(2);
                            }
                        }
                    });
            H248MediaGateway mg = new H248MediaGateway(mgConfig, agw, new EventLoopTimers(loop), loop,
                    recording(transports, loop, mgTransport, false, sent, opened));
            mg.start();
            MgHandle handle = registered.get(STEP_S, TimeUnit.SECONDS);
            Transaction.Reply add = handle.call(IqFixtures.add()).get(STEP_S, TimeUnit.SECONDS);
            TerminationId term = IqFixtures.firstCommand(add).terminationId();
            List<CompletableFuture<Transaction.Reply>> two = handle.callAll(List.of(
                    List.of(IqFixtures.modify(ContextId.of(1), term)),
                    List.of(ActionRequest.of(ContextId.NULL, CommandRequest.of(CommandKind.AUDIT_VALUE, TerminationId.ROOT,
                            AuditDescriptor.of())))));
            for (CompletableFuture<Transaction.Reply> f : two) {
                assertThat(f.get(STEP_S, TimeUnit.SECONDS).error()).isNull();
            }
            assertThat(mg.call(IqFixtures.notify(ContextId.of(1), term)).get(STEP_S, TimeUnit.SECONDS).error()).isNull();
            assertThat(handle.call(IqFixtures.subtract(ContextId.of(1), term)).get(STEP_S, TimeUnit.SECONDS).error()).isNull();
            assertThat(acked.get(STEP_S, TimeUnit.SECONDS)).isPositive();
            // a malformed message: the MGC answers 403 in a Reply for the transaction id it recovered
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] bad = "MEGACO/3 [127.0.0.1]:9\nTransaction = 77 { Context = - { Bogus } }".getBytes(StandardCharsets.ISO_8859_1);
                s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(STEP_S));
                s.send(new DatagramPacket(bad, bad.length, mgcAddress));
                DatagramPacket answer = new DatagramPacket(new byte[65_535], 65_535);
                s.receive(answer);
                H248Message m = H248TextCodec.decode(new String(answer.getData(), 0, answer.getLength(),
                        StandardCharsets.ISO_8859_1)).orThrow();
                Transaction.Reply r = (Transaction.Reply) ((TransactionList) m.body()).transactions().get(0);
                assertThat(r.id()).isEqualTo(77);
                assertThat(r.error().code().code()).isEqualTo(403);
            }
            mg.close();
            mgc.close();
            for (Recording r : opened) {
                r.close();
            }
        }
        List<String> kinds = new ArrayList<>();
        for (byte[] b : sent) {
            H248Message m = H248TextCodec.decode(b).orThrow();
            if (m.body() instanceof TransactionList tl) {
                tl.transactions().forEach(t -> kinds.add(t.getClass().getSimpleName()
                        + (t instanceof Transaction.Reply r && r.immAckRequired() ? "+IA" : "")));
            } else if (m.body() instanceof ErrorDescriptor) {
                kinds.add("MessageError");
            }
        }
        assertThat(kinds).contains("Request", "Reply+IA", "Pending", "ResponseAck");
        assertThat(sent.stream().anyMatch(b -> {
            H248Message m = H248TextCodec.decode(b).orThrow();
            return m.body() instanceof TransactionList tl && tl.transactions().size() >= 2;
        })).as("several transactions in one message").isTrue();

        Path pcap = Text2Pcap.write(dir, "h248-transactions", Text2Pcap.Transport.UDP, 2944, 2944, sent);
        String protocols = Tshark.read(pcap, "-T", "fields", "-e", "_ws.col.Protocol");
        assertThat(protocols.strip().lines()).as(protocols).hasSize(sent.size())
                .allMatch(p -> p.startsWith("MEGACO"), "dissected as MEGACO");
        assertThat(Tshark.malformedFrames(pcap)).as("malformed or error frames").isEmpty();
    }

    static H248TransportFactory recording(Transports transports, EventLoop loop, H248TransportConfig config, boolean listen,
                                          List<byte[]> sent, List<Recording> opened) {
        H248TransportFactory inner = H248NettyTransports.factory(transports, loop, config, listen);
        return receiver -> {
            Recording r = new Recording(inner.open(receiver), config.style(), sent);
            opened.add(r);
            return r;
        };
    }
}
