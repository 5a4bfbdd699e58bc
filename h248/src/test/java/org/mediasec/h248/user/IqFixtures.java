package org.mediasec.h248.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.ObservedEvent;
import org.mediasec.h248.ObservedEventsDescriptor;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;

/**
 * The Iq exchange of specs.md §5.6.2 (e2ae MSRP) as requests, and an MG that answers it.
 * Public for the interop tests, which use it through this module's test-jar.
 */
public final class IqFixtures {
    public static final String FINGERPRINT_UE = "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF";
    public static final String FINGERPRINT_AGW = "sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0";

    private IqFixtures() {
    }

    public static ActionRequest add() {
        String local = "v=0\nc=IN IP4 $\nm=message $ TCP/TLS/MSRP *\na=setup:passive\na=fingerprint:$";
        String remote = "v=0\nc=IN IP4 192.0.2.10\nm=message 7394 TCP/TLS/MSRP *\na=setup:active\na=fingerprint:" + FINGERPRINT_UE;
        return ActionRequest.of(ContextId.CHOOSE, CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE,
                MediaDescriptor.of(new StreamDescriptor(1, new StreamParms(LocalControlDescriptor.mode(StreamMode.INACTIVE),
                        SdpBlock.of(local), SdpBlock.of(remote), null)))));
    }

    public static ActionRequest modify(ContextId context, TerminationId termination) {
        return ActionRequest.of(context, CommandRequest.of(CommandKind.MODIFY, termination,
                MediaDescriptor.of(new StreamDescriptor(1, new StreamParms(LocalControlDescriptor.mode(StreamMode.SEND_RECEIVE),
                        null, null, null)))));
    }

    public static ActionRequest subtract(ContextId context, TerminationId termination) {
        return ActionRequest.of(context, CommandRequest.of(CommandKind.SUBTRACT, termination));
    }

    public static ActionRequest notify(ContextId context, TerminationId termination) {
        return ActionRequest.of(context, CommandRequest.of(CommandKind.NOTIFY, termination,
                ObservedEventsDescriptor.of(2001, new ObservedEvent(null, "g/cause", null, List.of()))));
    }

    /** The first command reply of a transaction reply. */
    public static CommandReply firstCommand(Transaction.Reply r) {
        return r.actions().get(0).replies().get(0);
    }

    /** An MG application: Add chooses context N and termination msrp/N with a Local SDP carrying its fingerprint. */
    public static class AgwUser implements MgUser {
        public final List<CommandKind> handled = new CopyOnWriteArrayList<>();
        public final Map<String, String> remoteSdp = new ConcurrentHashMap<>();
        private long nextContext = 1;

        @Override
        public synchronized H248Reply handleTransactionRequest(H248Request request) {
            List<ActionReply> actions = new ArrayList<>();
            for (ActionRequest a : request.actions()) {
                ContextId ctx = a.contextId().equals(ContextId.CHOOSE) ? ContextId.of(nextContext++) : a.contextId();
                List<CommandReply> replies = new ArrayList<>();
                for (CommandRequest c : a.commands()) {
                    handled.add(c.kind());
                    if (c.kind() == CommandKind.ADD) {
                        TerminationId t = c.terminationId().equals(TerminationId.CHOOSE)
                                ? TerminationId.of("msrp/" + ctx.value()) : c.terminationId();
                        MediaDescriptor m = c.descriptor(MediaDescriptor.class);
                        remoteSdp.put(t.text(), m.streams().get(0).parms().remote().text());
                        String local = "v=0\nc=IN IP4 203.0.113.5\nm=message 40000 TCP/TLS/MSRP *\na=setup:passive\n"
                                + "a=fingerprint:" + FINGERPRINT_AGW;
                        replies.add(CommandReply.of(CommandKind.ADD, t, MediaDescriptor.of(new StreamDescriptor(1,
                                new StreamParms(null, SdpBlock.of(local), null, null)))));
                    } else {
                        replies.add(CommandReply.of(c.kind(), c.terminationId()));
                    }
                }
                actions.add(new ActionReply(ctx, null, replies, null));
            }
            return H248Reply.of(actions);
        }
    }
}
