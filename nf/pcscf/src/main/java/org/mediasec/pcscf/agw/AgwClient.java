package org.mediasec.pcscf.agw;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqException;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.pcscf.alg.AgwReservation;
import org.mediasec.pcscf.alg.IqPlan;
import org.mediasec.pcscf.alg.StreamPlan;
import org.mediasec.pcscf.alg.StreamUpdate;

/**
 * The Iq procedures of one session as asynchronous calls on one IMS-AGW: "Reserve AGW Connection Point"
 * for every anchored stream of a plan, "Configure AGW Connection Point" (the Modifies after the answer)
 * and the release (Subtract of both terminations). Each call fails when the AGW does not answer within
 * the configured time, or answers with an error.
 */
public final class AgwClient {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgwClient.class);
    private final MgHandle agw;
    private final IqCommands commands;
    private final Duration timeout;

    public AgwClient(MgHandle agw, IqCommands commands, Duration timeout) {
        this.agw = agw;
        this.commands = commands;
        this.timeout = timeout;
    }

    public MgHandle agw() {
        return agw;
    }

    /**
     * One {@code Context = $ {Add access, Add core}} per anchored stream, one transaction each; completes
     * with the reservations by m-line index when every one succeeded. When one fails, the others that
     * succeeded are released before the returned future fails.
     */
    public CompletableFuture<Map<Integer, AgwReservation>> reserve(IqPlan plan) {
        List<StreamPlan> streams = plan.streams().stream().filter(StreamPlan::reserves).toList();
        List<CompletableFuture<AgwReservation>> each = new ArrayList<>();
        for (StreamPlan s : streams) {
            each.add(reserveOne(s.reserve(commands)));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).handle((v, e) -> {
            if (e == null) {
                Map<Integer, AgwReservation> out = new LinkedHashMap<>();
                for (int i = 0; i < streams.size(); i++) {
                    out.put(streams.get(i).index(), each.get(i).join());
                }
                return CompletableFuture.completedFuture(out);
            }
            List<AgwReservation> got = new ArrayList<>();
            for (CompletableFuture<AgwReservation> f : each) {
                if (!f.isCompletedExceptionally()) {
                    got.add(f.join());
                }
            }
            return release(got).handle((x, y) -> (Map<Integer, AgwReservation>) null)
                    .thenCompose(x -> CompletableFuture.<Map<Integer, AgwReservation>>failedFuture(unwrap(e)));
        }).thenCompose(f -> f);
    }

    /** The Modifies (or releases) after an answer, one transaction per stream; completes when all did. */
    public CompletableFuture<Void> update(List<StreamUpdate> updates) {
        List<CompletableFuture<Transaction.Reply>> each = new ArrayList<>();
        for (StreamUpdate u : updates) {
            each.add(call(u.action(commands)));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
    }

    /** Subtract of both terminations of every reservation; completes when all were answered (or failed). */
    public CompletableFuture<Void> release(Collection<AgwReservation> reservations) {
        List<CompletableFuture<Transaction.Reply>> each = new ArrayList<>();
        for (AgwReservation r : reservations) {
            each.add(call(ActionRequest.of(r.contextId(), IqCommands.subtract(r.accessId()),
                    IqCommands.subtract(r.coreId()))));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
    }

    /**
     * One reservation ({@code Context = $}). When the AGW answers after we gave up, the context it created is
     * nobody's: it is subtracted as soon as that late reply arrives, so a slow AGW is left holding nothing.
     */
    private CompletableFuture<AgwReservation> reserveOne(ActionRequest action) {
        CompletableFuture<Transaction.Reply> raw = agw.call(action);
        CompletableFuture<Transaction.Reply> bounded = raw.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        bounded.whenComplete((r, e) -> {
            if (unwrap(e) instanceof java.util.concurrent.TimeoutException) {
                raw.thenAccept(this::releaseLate);
            }
        });
        return bounded.thenApply(this::checked).thenApply(r -> AgwReservation.from(r.actions().get(0)));
    }

    private void releaseLate(Transaction.Reply late) {
        if (late.error() != null || late.actions().isEmpty()) {
            return;
        }
        try {
            AgwReservation r = AgwReservation.from(late.actions().get(0));
            LOG.info("IMS-AGW {} answered a reservation after {}: context {} subtracted", MIds.text(agw.mId()), timeout,
                    r.contextId().value());
            release(List.of(r));
        } catch (RuntimeException e) {
            LOG.warn("IMS-AGW {} answered a reservation after {} with a reply that cannot be released: {}",
                    MIds.text(agw.mId()), timeout, e.toString());
        }
    }

    /** One transaction; an error reply (transaction- or command-level) fails the future with an {@link IqException}. */
    private CompletableFuture<Transaction.Reply> call(ActionRequest action) {
        return agw.call(action).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenApply(this::checked);
    }

    /** The reply, or an {@link IqException} for an error reply (transaction- or command-level). */
    private Transaction.Reply checked(Transaction.Reply r) {
        if (r.error() != null) {
            throw new IqException(r.error().code(), "IMS-AGW " + MIds.text(agw.mId()) + " refused: " + r.error().text());
        }
        for (var a : r.actions()) {
            for (CommandReply c : a.replies()) {
                org.mediasec.h248.ErrorDescriptor err = c.descriptor(org.mediasec.h248.ErrorDescriptor.class);
                if (err != null) {
                    throw new IqException(err.code(), "IMS-AGW " + MIds.text(agw.mId()) + " refused " + c.kind() + " "
                            + c.terminationId() + ": " + err.text());
                }
            }
        }
        return r;
    }

    static Throwable unwrap(Throwable e) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
