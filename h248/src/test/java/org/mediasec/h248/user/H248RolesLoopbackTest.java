package org.mediasec.h248.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.mediasec.transport.Transports;

/** Our MG and our MGC over real UDP and TCP/TPKT on loopback: ServiceChange, Add with SDP, Modify, Notify, Subtract. */
class H248RolesLoopbackTest {
    static final long TIMEOUT_S = 10;
    static Transports transports;

    @BeforeAll
    static void start() {
        transports = Transports.create("h248-loopback", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stop() {
        transports.close();
    }

    static H248TransportConfig transport(String kind, Style style) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        return (kind.equals("udp") ? H248TransportConfig.udp(any) : H248TransportConfig.tcp(any)).withStyle(style);
    }

    @ParameterizedTest(name = "{0} {1} mg v{2} mgc max v{3}")
    @CsvSource({
        "udp, PRETTY, 3, 3, 3",
        "udp, COMPACT, 1, 3, 1",
        "tcp, PRETTY, 3, 3, 3",
        "tcp, COMPACT, 3, 1, 1",
        "udp, COMPACT, 3, 2, 2",
    })
    void iqCallFlow(String kind, Style style, int mgVersion, int mgcMaxVersion, int expectedVersion) throws Exception {
        CompletableFuture<MgHandle> registered = new CompletableFuture<>();
        List<String> notifies = new CopyOnWriteArrayList<>();
        MgcUser mgcUser = new MgcUser() {
            @Override
            public void mgRegistered(MgHandle mg) {
                registered.complete(mg);
            }

            @Override
            public H248Reply handleTransactionRequest(MgHandle mg, H248Request request) {
                notifies.add(request.commands().get(0).terminationId().text());
                return H248Reply.acknowledge(request.actions());
            }
        };
        try (H248MediaGatewayController mgc = H248MediaGatewayController.start(transports,
                MgcConfig.of(new MId.Domain("alg.example", null)).withMaxVersion(mgcMaxVersion),
                transport(kind, style), mgcUser)) {
            IqFixtures.AgwUser agw = new IqFixtures.AgwUser();
            MgConfig mgConfig = MgConfig.of(new MId.Ip4("127.0.0.1", null), mgc.localAddress())
                    .withVersion(mgVersion).withProfile(new ServiceChangeProfile("ResGW", 1));
            try (H248MediaGateway mg = H248MediaGateway.start(transports, mgConfig, transport(kind, style), agw)) {
                assertThat(mg.registered().get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(expectedVersion);
                MgHandle handle = registered.get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(handle.version()).isEqualTo(expectedVersion);
                assertThat(handle.profile()).isEqualTo(new ServiceChangeProfile("ResGW", 1));

                Transaction.Reply add = handle.call(IqFixtures.add()).get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(add.error()).isNull();
                ContextId ctx = add.actions().get(0).contextId();
                CommandReply added = IqFixtures.firstCommand(add);
                TerminationId term = added.terminationId();
                assertThat(ctx).isEqualTo(ContextId.of(1));
                assertThat(term.text()).isEqualTo("msrp/1");
                assertThat(added.descriptor(MediaDescriptor.class).streams().get(0).parms().local().lines())
                        .contains("a=setup:passive", "a=fingerprint:" + IqFixtures.FINGERPRINT_AGW);
                assertThat(agw.remoteSdp.get("msrp/1")).contains("a=fingerprint:" + IqFixtures.FINGERPRINT_UE,
                        "a=setup:active");

                // Modify and an audit of ROOT as two transactions in one message
                List<CompletableFuture<Transaction.Reply>> two = handle.callAll(List.of(List.of(IqFixtures.modify(ctx, term)),
                        List.of(org.mediasec.h248.ActionRequest.of(ContextId.NULL, org.mediasec.h248.CommandRequest.of(
                                CommandKind.AUDIT_VALUE, TerminationId.ROOT, org.mediasec.h248.AuditDescriptor.of())))));
                Transaction.Reply modify = two.get(0).get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(IqFixtures.firstCommand(modify).kind()).isEqualTo(CommandKind.MODIFY);
                assertThat(IqFixtures.firstCommand(two.get(1).get(TIMEOUT_S, TimeUnit.SECONDS)).kind())
                        .isEqualTo(CommandKind.AUDIT_VALUE);

                Transaction.Reply notify = mg.call(IqFixtures.notify(ctx, term)).get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(notify.error()).isNull();
                assertThat(notifies).containsExactly("msrp/1");

                // a message far larger than Netty's default 2048-byte datagram buffer
                StringBuilder big = new StringBuilder("v=0\nc=IN IP4 192.0.2.10\nm=message 7394 TCP/TLS/MSRP *");
                for (int i = 0; i < 200; i++) {
                    big.append("\na=x-padding-").append(i).append(":0123456789abcdef0123456789abcdef");
                }
                Transaction.Reply large = handle.call(org.mediasec.h248.ActionRequest.of(ContextId.CHOOSE,
                        org.mediasec.h248.CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE, MediaDescriptor.of(
                                new org.mediasec.h248.StreamDescriptor(1, new org.mediasec.h248.StreamParms(null, null,
                                        org.mediasec.h248.SdpBlock.of(big.toString()), null))))))
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(large.error()).isNull();
                assertThat(agw.remoteSdp.get("msrp/2")).hasSizeGreaterThan(8000).isEqualTo(big.toString());

                Transaction.Reply subtract = handle.call(IqFixtures.subtract(ctx, term)).get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(IqFixtures.firstCommand(subtract).kind()).isEqualTo(CommandKind.SUBTRACT);
                assertThat(agw.handled).containsExactly(CommandKind.ADD, CommandKind.MODIFY, CommandKind.ADD,
                        CommandKind.SUBTRACT);
                assertThat(mg.version()).isEqualTo(expectedVersion);
            }
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(TIMEOUT_S);
    }
}
