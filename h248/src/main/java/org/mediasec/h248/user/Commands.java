package org.mediasec.h248.user;

import java.net.InetSocketAddress;
import java.util.List;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.MId;
import org.mediasec.h248.ServiceChangeDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;

/** Small helpers shared by the roles. */
final class Commands {
    private Commands() {
    }

    /** The ServiceChange on ROOT in the NULL context, when that is the whole request; else null. */
    static ServiceChangeDescriptor rootServiceChange(Transaction.Request r) {
        if (r.actions().size() != 1) {
            return null;
        }
        ActionRequest a = r.actions().get(0);
        if (a.commands().size() != 1 || a.contextId().value() != ContextId.NULL.value()) {
            return null;
        }
        CommandRequest c = a.commands().get(0);
        if (c.kind() != CommandKind.SERVICE_CHANGE || !c.terminationId().isRoot()) {
            return null;
        }
        return c.descriptor(ServiceChangeDescriptor.class);
    }

    /** True when every command is an audit of ROOT. */
    static boolean isRootAudit(Transaction.Request r) {
        for (ActionRequest a : r.actions()) {
            if (a.commands().isEmpty()) {
                return false;
            }
            for (CommandRequest c : a.commands()) {
                if ((c.kind() != CommandKind.AUDIT_VALUE && c.kind() != CommandKind.AUDIT_CAPABILITIES)
                        || !c.terminationId().isRoot()) {
                    return false;
                }
            }
        }
        return true;
    }

    static List<ActionRequest> serviceChange(ServiceChangeDescriptor sc) {
        return List.of(ActionRequest.of(ContextId.NULL,
                CommandRequest.of(CommandKind.SERVICE_CHANGE, TerminationId.ROOT, sc)));
    }

    /** The transport address an mId names (MgcIdToTry); null when it names none (device or MTP names). */
    static InetSocketAddress address(MId mId, int defaultPort) {
        if (mId instanceof MId.Ip4 ip) {
            return new InetSocketAddress(ip.address(), ip.port() != null ? ip.port() : defaultPort);
        } else if (mId instanceof MId.Ip6 ip) {
            return new InetSocketAddress(ip.address(), ip.port() != null ? ip.port() : defaultPort);
        } else if (mId instanceof MId.Domain d) {
            return new InetSocketAddress(d.name(), d.port() != null ? d.port() : defaultPort);
        }
        return null;
    }
}
