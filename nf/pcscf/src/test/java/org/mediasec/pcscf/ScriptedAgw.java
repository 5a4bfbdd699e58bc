package org.mediasec.pcscf;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.MId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.IqRequests;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.user.H248MediaGateway;
import org.mediasec.h248.user.H248Reply;
import org.mediasec.h248.user.H248Request;
import org.mediasec.h248.user.MgConfig;
import org.mediasec.h248.user.MgUser;
import org.mediasec.transport.Transports;

/**
 * An IMS-AGW on the wire (a real H.248 MG) whose answers the test scripts: reservations answered at once, or held
 * until the test releases them ({@link #holdReservations}); every context it created and every Subtract recorded.
 * No bearer is opened: for tests of the P-CSCF's signalling and cleanup, not of media.
 */
final class ScriptedAgw implements MgUser, AutoCloseable {
    static final CertificateFingerprint FP = CertificateFingerprint.of("sha-256", new byte[32]);

    private final Transports transports = Transports.create("scripted-agw", 1, Transports.Kind.NIO);
    private final H248MediaGateway mg;
    private final AtomicInteger contextIds = new AtomicInteger();
    /** Contexts created and not yet subtracted. */
    final Set<Long> live = ConcurrentHashMap.newKeySet();
    final BlockingQueue<Long> subtracted = new LinkedBlockingQueue<>();
    volatile boolean holdReservations;
    /** Reservations held: complete one to let the AGW answer it (late). */
    final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

    ScriptedAgw(InetSocketAddress mgc) {
        MgConfig config = MgConfig.of(new MId.Ip4("127.0.0.1", 2999), mgc);
        mg = H248MediaGateway.start(transports, config, H248TransportConfig.udp(new InetSocketAddress("127.0.0.1", 0)), this);
    }

    @Override
    public H248Reply handleTransactionRequest(H248Request request) {
        boolean reservation = false;
        for (ActionRequest a : request.actions()) {
            if (a.contextId().equals(ContextId.CHOOSE)) {
                reservation = true;
            }
        }
        if (reservation && holdReservations) {
            CompletableFuture<H248Reply> later = new CompletableFuture<>();
            held.add(() -> later.complete(answer(request)));
            return H248Reply.later(later);
        }
        return answer(request);
    }

    private H248Reply answer(H248Request request) {
        List<ActionReply> replies = new ArrayList<>();
        for (ActionRequest a : request.actions()) {
            if (a.contextId().equals(ContextId.CHOOSE)) {
                long ctx = contextIds.incrementAndGet();
                List<CommandReply> cmds = new ArrayList<>();
                int side = 0;
                for (CommandRequest c : a.commands()) {
                    IqTermination t = IqRequests.DEFAULT.termination(c);
                    IqLocal local = IqLocal.answer(t, MediaEndpoint.of("127.0.0.1", 40000 + (int) ctx * 2 + side),
                            t.terminatesTls() ? List.of(FP) : List.of());
                    cmds.add(IqReplies.reply(CommandKind.ADD, TerminationId.of((side == 0 ? "access/" : "core/") + ctx),
                            local, t.remote()));
                    side++;
                }
                live.add(ctx);
                replies.add(new ActionReply(ContextId.of(ctx), null, cmds, null));
            } else {
                List<CommandReply> cmds = new ArrayList<>();
                for (CommandRequest c : a.commands()) {
                    if (c.kind() == CommandKind.SUBTRACT && live.remove(a.contextId().value())) {
                        subtracted.add(a.contextId().value());
                    }
                    cmds.add(CommandReply.of(c.kind(), c.terminationId()));
                }
                replies.add(new ActionReply(a.contextId(), null, cmds, null));
            }
        }
        return H248Reply.of(replies);
    }

    @Override
    public void close() {
        mg.close();
        transports.close();
    }
}
