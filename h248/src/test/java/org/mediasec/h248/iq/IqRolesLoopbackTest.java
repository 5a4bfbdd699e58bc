package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.h248.iq.IqFixtures.*;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.MId;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.text.Style;
import org.mediasec.h248.user.H248MediaGateway;
import org.mediasec.h248.user.H248MediaGatewayController;
import org.mediasec.h248.user.H248Reply;
import org.mediasec.h248.user.H248Request;
import org.mediasec.h248.user.MgConfig;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.h248.user.MgUser;
import org.mediasec.h248.user.MgcConfig;
import org.mediasec.h248.user.MgcUser;
import org.mediasec.sdp.Setup;
import org.mediasec.transport.Transports;

/**
 * The profile classes used as the P-CSCF and the IMS-AGW will use them, over our MGC and MG roles on
 * loopback: reserve the access side (fingerprint request and reply), a refused Add (command error
 * with the profile's code), the core side, the Modify after the answer, the failure Notify, Subtract.
 */
class IqRolesLoopbackTest {
    static final long TIMEOUT_S = 10;
    static Transports transports;

    @BeforeAll
    static void start() {
        transports = Transports.create("iq-loopback", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stop() {
        transports.close();
    }

    /** A minimal IMS-AGW: reads each Add/Modify with IqRequests, answers with IqReplies or the IqException's error. */
    static final class AgwStub implements MgUser {
        final Map<String, IqTermination> terminations = new ConcurrentHashMap<>();
        private long nextContext = 1;
        private int nextPort = 40000;

        @Override
        public synchronized H248Reply handleTransactionRequest(H248Request request) {
            List<ActionReply> actions = new ArrayList<>();
            for (ActionRequest a : request.actions()) {
                ContextId ctx = a.contextId().equals(ContextId.CHOOSE) ? ContextId.of(nextContext++) : a.contextId();
                List<CommandReply> replies = new ArrayList<>();
                for (CommandRequest c : a.commands()) {
                    replies.add(handle(ctx, c));
                }
                actions.add(new ActionReply(ctx, null, replies, null));
            }
            return H248Reply.of(actions);
        }

        private CommandReply handle(ContextId ctx, CommandRequest c) {
            if (c.kind() != CommandKind.ADD && c.kind() != CommandKind.MODIFY) {
                terminations.remove(c.terminationId().text());
                return CommandReply.of(c.kind(), c.terminationId());
            }
            try {
                IqTermination t;
                TerminationId id = c.terminationId();
                if (IqRequests.DEFAULT.hasLocal(c)) {
                    t = IqRequests.DEFAULT.termination(c);
                } else {
                    IqTermination old = terminations.get(id.text());
                    RemoteMedia remote = IqRequests.DEFAULT.remote(c).orElse(old.remote());
                    StreamMode mode = IqRequests.DEFAULT.mode(c).orElse(old.mode());
                    t = ((PlainTermination) old).withRemote(remote).withMode(mode);
                }
                if (id.equals(TerminationId.CHOOSE)) {
                    id = TerminationId.of((t.terminatesTls() ? "access/" : "core/") + ctx.value());
                }
                MediaEndpoint chosen = t.local().isChoose() ? MediaEndpoint.of("127.0.0.1", nextPort++) : t.local();
                boolean wantsFp = t instanceof TlsTermination tls && tls.requestLocalFingerprint();
                terminations.put(id.text(), t instanceof PlainTermination p ? p.withLocal(chosen) : t);
                return IqReplies.reply(c.kind(), id, IqLocal.answer(t, chosen, wantsFp ? List.of(AGW_FP) : List.of()),
                        t.remote());
            } catch (IqException e) {
                return e.commandReply(c.kind(), c.terminationId());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"udp, PRETTY", "tcp, COMPACT"})
    void pcscfAndAgwTalkThroughTheProfileClasses(String kind, Style style) throws Exception {
        CompletableFuture<MgHandle> registered = new CompletableFuture<>();
        CompletableFuture<IqFailure> failure = new CompletableFuture<>();
        MgcUser pcscf = new MgcUser() {
            @Override
            public void mgRegistered(MgHandle mg) {
                registered.complete(mg);
            }

            @Override
            public H248Reply handleTransactionRequest(MgHandle mg, H248Request request) {
                IqNotify.read(request.commands().get(0)).ifPresent(failure::complete);
                return H248Reply.acknowledge(request.actions());
            }
        };
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        H248TransportConfig transport = (kind.equals("udp") ? H248TransportConfig.udp(any) : H248TransportConfig.tcp(any))
                .withStyle(style);
        AgwStub agw = new AgwStub();
        try (H248MediaGatewayController mgc = H248MediaGatewayController.start(transports,
                MgcConfig.of(new MId.Domain("alg.example", null)), transport, pcscf);
             H248MediaGateway mg = H248MediaGateway.start(transports,
                     MgConfig.of(new MId.Ip4("127.0.0.1", null), mgc.localAddress()), transport, agw)) {
            MgHandle handle = registered.get(TIMEOUT_S, TimeUnit.SECONDS);

            // 1-2: access side; the P-CSCF reads the AGW's fingerprint and address
            Transaction.Reply r = handle.call(ActionRequest.of(ContextId.CHOOSE, IqCommands.DEFAULT.add(access())))
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            ContextId ctx = r.actions().get(0).contextId();
            CommandReply added = r.actions().get(0).replies().get(0);
            assertThat(IqReplies.localFingerprint(added)).containsExactly(AGW_FP);
            MediaEndpoint agwAccess = IqReplies.localEndpoint(added);
            assertThat(agwAccess).isEqualTo(MediaEndpoint.of("127.0.0.1", 40000));
            TerminationId accessId = added.terminationId();
            assertThat(agw.terminations.get(accessId.text())).isEqualTo(access());

            // a refused Add: TCP/TLS/MSRP without a=setup is 472, as a command error
            CommandRequest bad = CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE, MediaDescriptor.of(
                    new StreamDescriptor(1, new StreamParms(null, SdpBlock.of("v=0\nc=IN IP4 $\nm=message $ TCP/TLS/MSRP *"),
                            null, null))));
            CommandReply refused = handle.call(ActionRequest.of(ctx, bad)).get(TIMEOUT_S, TimeUnit.SECONDS)
                    .actions().get(0).replies().get(0);
            assertThat(IqReplies.error(refused).orElseThrow().code()).isEqualTo(ErrorCode.REQUIRED_INFORMATION_MISSING);
            assertThatThrownBy(() -> IqReplies.localFingerprint(refused)).isInstanceOf(IqException.class)
                    .hasMessageContaining("a=setup missing");

            // 3-4: core side
            CommandReply core = handle.call(ActionRequest.of(ctx, IqCommands.DEFAULT.add(core())))
                    .get(TIMEOUT_S, TimeUnit.SECONDS).actions().get(0).replies().get(0);
            TerminationId coreId = core.terminationId();
            assertThat(IqReplies.local(core).fingerprints()).isEmpty();
            assertThat(IqReplies.local(core).setup()).isEqualTo(Setup.ACTIVE);

            // 5-6: the core's answer, gates open
            RemoteMedia corePeer = RemoteMedia.of("198.51.100.7", 2855, Setup.PASSIVE);
            TlsTermination open = access().toBuilder().local(agwAccess).requestLocalFingerprint(false)
                    .mode(StreamMode.SEND_RECEIVE).events(null).build();
            Transaction.Reply modified = handle.call(new ActionRequest(ctx, List.of(
                    IqCommands.DEFAULT.modifyRemote(coreId, core().withRemote(corePeer).withMode(StreamMode.SEND_RECEIVE)),
                    IqCommands.DEFAULT.modify(accessId, open)))).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(modified.actions().get(0).replies()).allSatisfy(c -> assertThat(IqReplies.error(c)).isEmpty());
            assertThat(agw.terminations.get(coreId.text()).remote()).isEqualTo(corePeer);
            assertThat(agw.terminations.get(coreId.text()).mode()).isEqualTo(StreamMode.SEND_RECEIVE);
            assertThat(agw.terminations.get(accessId.text())).isEqualTo(open);

            // 7-8: the AGW reports a fingerprint mismatch
            IqFailure mismatch = IqFailure.of(FailureCause.TLS_FINGERPRINT_MISMATCH, "expected sha-256 4A:AD:...");
            Transaction.Reply ack = mg.call(IqNotify.action(ctx, accessId, access().events().requestId(), TIME, mismatch))
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(ack.error()).isNull();
            assertThat(failure.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(mismatch);

            // 9-10: release
            Transaction.Reply sub = handle.call(new ActionRequest(ctx, List.of(IqCommands.subtract(accessId),
                    IqCommands.subtract(coreId)))).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(sub.actions().get(0).replies()).hasSize(2);
            assertThat(agw.terminations).isEmpty();
        }
    }
}
