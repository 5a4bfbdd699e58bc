package org.mediasec.sip.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sip.message.Response;

/**
 * The response context of one server transaction of a stateful proxy (RFC 3261 §16.7): which
 * responses to forward at once, which to keep for the best-response choice, and which branches to
 * cancel. Pure bookkeeping, no I/O; {@code B} identifies a branch (a client transaction). Responses
 * come in with the proxy's Via already removed ({@link ResponseVia}). Not thread-safe.
 *
 * @param <B> the branch handle
 */
public final class ResponseContext<B> {

    /** What to do after an event: responses to send upstream in order, and branches to CANCEL now. */
    public record Decision<B>(List<Candidate> forward, List<Response> provisional, List<B> cancel) {
        public Decision {
            forward = List.copyOf(forward);
            provisional = List.copyOf(provisional);
            cancel = List.copyOf(cancel);
        }

        /** The final outcome to send upstream now, if any (a received 2xx or the best final response). */
        public Optional<Candidate> finalResponse() {
            return forward.isEmpty() ? Optional.empty() : Optional.of(forward.get(forward.size() - 1));
        }
    }

    private enum State { CALLING, PROCEEDING, COMPLETED }

    private static final class Branch {
        State state = State.CALLING;
        boolean cancelWanted;
        boolean cancelled;
    }

    private final boolean invite;
    private final Map<B, Branch> branches = new LinkedHashMap<>();
    private final List<Candidate> finals = new ArrayList<>();
    private boolean finalSent;
    private boolean noNewBranches;

    /** @param invite true for an INVITE server transaction (2xx after a final are still forwarded; branches can be cancelled) */
    public ResponseContext(boolean invite) {
        this.invite = invite;
    }

    /**
     * Adds a branch before its request is sent. RFC 3261 §16.7 step 5: after a 6xx the proxy "MUST
     * NOT create any new branches in this context".
     */
    public void addBranch(B branch) {
        if (noNewBranches || finalSent) {
            throw new IllegalStateException("no new branches after a 6xx or a final response");
        }
        if (branches.putIfAbsent(branch, new Branch()) != null) {
            throw new IllegalArgumentException("branch already in the context: " + branch);
        }
    }

    /** A response received on {@code branch}, its top Via removed. */
    public Decision<B> onResponse(B branch, Response response) {
        Branch b = branch(branch);
        int status = response.getStatusCode();
        List<Candidate> forward = new ArrayList<>();
        List<Response> provisional = new ArrayList<>();
        List<B> cancel = new ArrayList<>();
        if (status < 200) {
            if (b.state == State.COMPLETED) {
                return new Decision<>(List.of(), List.of(), List.of());
            }
            b.state = State.PROCEEDING;
            // RFC 3261 §9.1: "If no provisional response has been received, the CANCEL request MUST NOT
            // be sent; rather, the client MUST wait for the arrival of a provisional response".
            if (b.cancelWanted && !b.cancelled) {
                b.cancelled = true;
                cancel.add(branch);
            }
            // §16.7 step 5: "Any provisional response other than 100 (Trying)" is forwarded until a final is
            // sent; "a stateful proxy MUST NOT forward any 100 (Trying) response".
            if (status != 100 && !finalSent) {
                provisional.add(response);
            }
            return new Decision<>(forward, provisional, cancel);
        }
        boolean wasCompleted = b.state == State.COMPLETED;
        b.state = State.COMPLETED;
        if (status < 300) {
            // §16.7 step 5: "Any 2xx response" until a final is sent; after it, "Any 2xx response to an INVITE request".
            if (!finalSent || invite) {
                forward.add(Candidate.of(response));
                if (!finalSent) {
                    finalSent = true;
                    cancel.addAll(pendingToCancel());
                }
            }
            return new Decision<>(forward, provisional, cancel);
        }
        if (wasCompleted || finalSent) {
            return new Decision<>(forward, provisional, cancel);
        }
        finals.add(Candidate.of(response));
        if (status >= 600) {
            // §16.7 step 5: "If a 6xx response is received, it is not immediately forwarded, but the stateful
            // proxy SHOULD cancel all client pending transactions ..., and it MUST NOT create any new branches".
            noNewBranches = true;
            cancel.addAll(pendingToCancel());
        }
        return withBestIfDone(forward, provisional, cancel);
    }

    /** The branch's client transaction timed out: it counts as a 408 (RFC 3261 §16.6 step 7, §16.8). */
    public Decision<B> onTimeout(B branch) {
        return onFailure(branch, 408);
    }

    /** Sending on the branch failed: it counts as a 503 (RFC 3261 §16.9: "the proxy MUST behave as if the forwarded request received a 503"). */
    public Decision<B> onTransportError(B branch) {
        return onFailure(branch, 503);
    }

    private Decision<B> onFailure(B branch, int status) {
        Branch b = branch(branch);
        if (b.state == State.COMPLETED) {
            return new Decision<>(List.of(), List.of(), List.of());
        }
        b.state = State.COMPLETED;
        if (!finalSent) {
            finals.add(Candidate.synthetic(status));
        }
        return withBestIfDone(new ArrayList<>(), List.of(), new ArrayList<>());
    }

    /**
     * Timer C of the branch fired (RFC 3261 §16.8): "If the client transaction has received a provisional
     * response, the proxy MUST generate a CANCEL request matching that transaction. If the client
     * transaction has not received a provisional response, the proxy MUST behave as if the transaction
     * received a 408 (Request Timeout) response."
     */
    public Decision<B> onTimerC(B branch) {
        Branch b = branch(branch);
        if (b.state == State.PROCEEDING) {
            if (b.cancelled) {
                return new Decision<>(List.of(), List.of(), List.of());
            }
            b.cancelled = true;
            return new Decision<>(List.of(), List.of(), List.of(branch));
        }
        return onTimeout(branch);
    }

    /** True if the branch has completed (a final response, a timeout or a transport error). */
    public boolean completed(B branch) {
        return branch(branch).state == State.COMPLETED;
    }

    /**
     * A matching CANCEL arrived. RFC 3261 §16.10: "A proxy MUST cancel any pending client transactions
     * associated with a response context when it receives a matching CANCEL request." Branches without
     * a provisional response yet are cancelled when their first one arrives (see {@link #onResponse}).
     *
     * @return the branches to CANCEL now
     */
    public List<B> cancelAll() {
        if (!invite) {
            return List.of();
        }
        for (Branch b : branches.values()) {
            if (b.state != State.COMPLETED) {
                b.cancelWanted = true;
            }
        }
        noNewBranches = true;
        return pendingToCancel();
    }

    /** True once a final response went upstream. */
    public boolean finalSent() {
        return finalSent;
    }

    /** True when every branch has completed. */
    public boolean allCompleted() {
        return branches.values().stream().allMatch(b -> b.state == State.COMPLETED);
    }

    /**
     * §16.7 step 6: "A stateful proxy MUST send a final response to a response context's server
     * transaction if no final responses have been immediately forwarded by the above rules and all client
     * transactions in this response context have been terminated." Step 10: after forwarding a final
     * response "the proxy MUST generate a CANCEL request for all pending client transactions".
     */
    private Decision<B> withBestIfDone(List<Candidate> forward, List<Response> provisional, List<B> cancel) {
        if (!finalSent && allCompleted()) {
            finalSent = true;
            forward.add(BestResponse.choose(finals));
            cancel.addAll(pendingToCancel());
        }
        return new Decision<>(forward, provisional, cancel);
    }

    /**
     * "A pending client transaction is one that has received a provisional response, but no final
     * response (it is in the proceeding state) and has not had an associated CANCEL generated for it."
     * Only INVITE branches are cancelled. Branches still calling are marked, and cancelled on their first provisional.
     */
    private List<B> pendingToCancel() {
        List<B> out = new ArrayList<>();
        if (!invite) {
            return out;
        }
        for (Map.Entry<B, Branch> e : branches.entrySet()) {
            Branch b = e.getValue();
            if (b.state == State.PROCEEDING && !b.cancelled) {
                b.cancelled = true;
                out.add(e.getKey());
            } else if (b.state == State.CALLING) {
                b.cancelWanted = true;
            }
        }
        return out;
    }

    private Branch branch(B branch) {
        Branch b = branches.get(branch);
        if (b == null) {
            throw new IllegalArgumentException("unknown branch: " + branch);
        }
        return b;
    }
}
