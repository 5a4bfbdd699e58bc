package org.mediasec.pcscf.agw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.MId;
import org.mediasec.h248.iq.IqNotify;
import org.mediasec.h248.user.H248Reply;
import org.mediasec.h248.user.H248Request;
import org.mediasec.h248.user.MgHandle;
import org.mediasec.h248.user.MgcUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS-AGWs this IMS-ALG controls (MGC side of Iq): the ones that registered and are accepted, in
 * registration order; {@link #pick()} spreads new sessions over them round-robin. Notify requests with
 * a failure event ({@code g/cause}, docs/iq-profile.md rows 14-15) are handed to the failure listener;
 * every Notify is acknowledged. Thread-safe; the callbacks run on the MGC's event loop.
 */
public final class AgwPool implements MgcUser {
    private static final Logger LOG = LoggerFactory.getLogger(AgwPool.class);

    private final String tag;
    private final List<MId> accepted;
    private final List<MgHandle> live = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile Consumer<AgwFailure> failures = f -> { };

    /**
     * @param tag      the node's name in log lines
     * @param accepted the AGW mIds to accept; empty accepts any
     */
    public AgwPool(String tag, List<MId> accepted) {
        this.tag = tag;
        this.accepted = List.copyOf(accepted);
    }

    /** Where failure Notifies go (set once, before AGWs register). */
    public void onFailure(Consumer<AgwFailure> listener) {
        this.failures = Objects.requireNonNull(listener, "listener");
    }

    /** Completes when the first accepted AGW has registered. */
    public CompletionStage<Void> ready() {
        return ready.minimalCompletionStage();
    }

    /** The AGWs registered now. */
    public List<MgHandle> agws() {
        return new ArrayList<>(live);
    }

    /** The AGW for a new session, round-robin over the live ones; empty when none is registered. */
    public Optional<MgHandle> pick() {
        List<MgHandle> now = new ArrayList<>(live);
        now.removeIf(m -> !m.isAlive());
        if (now.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(now.get(Math.floorMod(next.getAndIncrement(), now.size())));
    }

    @Override
    public void mgRegistered(MgHandle mg) {
        if (!accepted.isEmpty() && !accepted.contains(mg.mId())) {
            // the MGC layer has already answered the ServiceChange; we only refuse to use this AGW
            LOG.warn("[{}] IMS-AGW {} registered but is not in h248.agws {}: not used", tag, mg, accepted);
            return;
        }
        live.removeIf(m -> m.address().equals(mg.address()));
        live.add(mg);
        LOG.info("[{}] IMS-AGW {} at {} registered ({} in service)", tag, MIds.text(mg.mId()), mg.address(), live.size());
        ready.complete(null);
    }

    @Override
    public void mgLost(MgHandle mg, String reason) {
        if (live.remove(mg)) {
            LOG.warn("[{}] IMS-AGW {} lost: {} ({} in service)", tag, MIds.text(mg.mId()), reason, live.size());
        }
    }

    @Override
    public H248Reply handleTransactionRequest(MgHandle mg, H248Request request) {
        for (ActionRequest action : request.actions()) {
            for (CommandRequest c : action.commands()) {
                IqNotify.read(c).ifPresent(f -> {
                    AgwFailure failure = new AgwFailure(mg, action.contextId(), c.terminationId(), f);
                    try {
                        failures.accept(failure);
                    } catch (RuntimeException e) {
                        LOG.warn("[{}] handling {} failed", tag, failure, e);
                    }
                });
            }
        }
        return H248Reply.acknowledge(request.actions());
    }
}
