package org.mediasec.msrp.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.common.TimerService;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;

/**
 * The client side of RFC 4976 §5.1: authenticates to an MSRP relay with AUTH and HTTP digest, keeps
 * the {@link RelayBinding} (Use-Path, Expires) and renews it before it expires.
 *
 * <p>One exchange: {@code AUTH} (To-Path = relay, From-Path = us, optional {@code Expires}) →
 * {@code 401} with a {@code WWW-Authenticate} digest challenge → {@code AUTH} with
 * {@code Authorization} (qop=auth, nc, cnonce) → {@code 200} with {@code Use-Path} and
 * {@code Expires}. Errors:
 * <ul>
 *   <li>a {@code 401} answering credentials computed for a challenge of the same exchange, unless
 *       it says {@code stale=true}: the credentials are wrong, fail with 401 (no 401 loop);</li>
 *   <li>{@code 403}: fail, never retried;</li>
 *   <li>{@code 423} with {@code Min-Expires} (or {@code Max-Expires}): retry once with that
 *       {@code Expires}; fail if there is no such header or the value does not move;</li>
 *   <li>no response within {@link MsrpRelayConfig#transactionTimeout()}: fail with 408;</li>
 *   <li>more than {@link MsrpRelayConfig#maxRequests()} AUTHs in one exchange: fail.</li>
 * </ul>
 * A renewal (timer, {@link MsrpRelayConfig#refreshMargin()} before expiry) answers the last
 * challenge (or the relay's {@code nextnonce}) pre-emptively with the next nonce count, and handles
 * a fresh 401 as above.
 *
 * <p>Transport-neutral and not thread-safe: requests go to a {@code sender}, responses come in
 * through {@link #onResponse}; call everything, and run the {@link TimerService}, on one thread
 * (the channel's event loop; {@link MsrpRelayClientHandler} does this).
 */
public final class MsrpRelayClient {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpRelayClient.class);
    private static final HexFormat HEX = HexFormat.of();

    /** Told of what happens after the first binding (the first outcome completes {@link #authenticate()}'s future). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A renewal succeeded; the Use-Path may have changed. */
        default void onRefreshed(RelayBinding binding) {
        }

        /** A renewal failed; the binding is gone. */
        default void onFailed(MsrpRelayException error) {
        }
    }

    /** Where the client is. */
    public enum State {
        /** {@link #authenticate()} not called yet. */
        IDLE,
        /** An AUTH is outstanding (first exchange or a renewal). */
        AUTHENTICATING,
        /** A binding is held; a renewal may be scheduled. */
        BOUND,
        /** Authentication failed; terminal. */
        FAILED,
        /** {@link #close()} was called; terminal. */
        CLOSED
    }

    private final MsrpRelayConfig config;
    private final Consumer<MsrpRequest> sender;
    private final TimerService timers;
    private final RandomGenerator random;
    private final Listener listener;
    private final String relayUri;

    private State state = State.IDLE;
    private CompletableFuture<RelayBinding> first;
    private RelayBinding binding;
    private Optional<Duration> expires;

    /** The last challenge (or the nextnonce built from it), kept across exchanges for pre-emptive renewals. */
    private DigestChallenge challenge;
    private long nonceCount;
    private String lastNc;
    private String lastCnonce;

    private String pendingTid;
    private int requestsInExchange;
    private boolean challengedInExchange;
    private boolean pendingAnswersChallenge;
    private boolean pendingCarriedCredentials;
    private TimerService.Timeout transactionTimer;
    private TimerService.Timeout refreshTimer;

    public MsrpRelayClient(MsrpRelayConfig config, Consumer<MsrpRequest> sender, TimerService timers,
                           RandomGenerator random, Listener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.relayUri = config.relay().toString();
        this.expires = config.requestedExpires();
    }

    public State state() {
        return state;
    }

    public MsrpRelayConfig config() {
        return config;
    }

    /** The current binding, kept while a renewal is outstanding; empty before the first 200 and after a failure. */
    public Optional<RelayBinding> binding() {
        return Optional.ofNullable(binding);
    }

    /** Starts the first exchange; the future completes with the binding or an {@link MsrpRelayException}. */
    public CompletableFuture<RelayBinding> authenticate() {
        if (state != State.IDLE) {
            throw new IllegalStateException("state: " + state + " (expected: IDLE)");
        }
        first = new CompletableFuture<>();
        startExchange();
        return first;
    }

    /**
     * Offers a response read from the connection; true if it answered our outstanding AUTH (then
     * the caller must not pass it on), false if it belongs to someone else.
     */
    public boolean onResponse(MsrpResponse response) {
        if (state != State.AUTHENTICATING || !response.transactionId().equals(pendingTid)) {
            return false;
        }
        endTransaction();
        int code = response.status().code();
        if (code == 200) {
            onSuccess(response);
        } else if (code == 401) {
            onChallenge(response);
        } else if (code == 423) {
            onIntervalOutOfBounds(response);
        } else if (code == 403) {
            fail(response.status(), "the relay refused AUTH: " + describe(response));
        } else {
            fail(response.status(), "AUTH answered " + describe(response));
        }
        return true;
    }

    /**
     * Offers a response that arrived malformed (its start line was readable); true if it answered
     * our outstanding AUTH, which then fails with its status (we cannot read its headers).
     */
    public boolean onMalformedResponse(String transactionId, Optional<MsrpStatus> status, String reason) {
        if (state != State.AUTHENTICATING || !transactionId.equals(pendingTid)) {
            return false;
        }
        endTransaction();
        fail(status.orElse(MsrpStatus.UNINTELLIGIBLE), "malformed " + status.map(s -> s.code() + " ").orElse("")
                + "response to AUTH: " + reason);
        return true;
    }

    /** Stops timers; an outstanding first exchange fails with 408. Idempotent. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        cancelTimers();
        State was = state;
        state = State.CLOSED;
        binding = null;
        if (was == State.AUTHENTICATING && first != null && !first.isDone()) {
            first.completeExceptionally(new MsrpRelayException(MsrpStatus.TIMEOUT,
                    "closed before the AUTH exchange with " + relayUri + " completed"));
        }
    }

    // ------------------------------------------------------------------ exchange

    private void startExchange() {
        state = State.AUTHENTICATING;
        requestsInExchange = 0;
        challengedInExchange = false;
        sendAuth();
    }

    /** Sends an AUTH, with credentials whenever a challenge is known. */
    private void sendAuth() {
        if (++requestsInExchange > config.maxRequests()) {
            fail(MsrpStatus.UNAUTHORIZED, "gave up after " + config.maxRequests() + " AUTH requests to " + relayUri);
            return;
        }
        List<MsrpHeader> headers = new ArrayList<>(2);
        boolean withCredentials = challenge != null;
        if (withCredentials) {
            nonceCount++;
            lastNc = MsrpDigest.nonceCount(nonceCount);
            lastCnonce = HEX.toHexDigits(random.nextLong());
            headers.add(MsrpDigest.authorization(challenge, config.credentials(), relayUri, nonceCount, lastCnonce));
        }
        expires.ifPresent(e -> headers.add(new MsrpHeader.Expires(e.toSeconds())));
        String tid = MsrpTransactionIds.random(random);
        pendingTid = tid;
        pendingCarriedCredentials = withCredentials;
        pendingAnswersChallenge = withCredentials && challengedInExchange;
        MsrpRequest auth = new MsrpRequest(tid, MsrpMethod.AUTH, List.of(config.relay()), List.of(config.local()),
                headers, Optional.empty(), MsrpContinuation.COMPLETE);
        transactionTimer = timers.schedule(config.transactionTimeout(), () -> onTimeout(tid));
        LOG.debug("[msrp-relay] AUTH {} to {} ({}credentials)", tid, relayUri, withCredentials ? "" : "no ");
        sender.accept(auth);
    }

    private void onChallenge(MsrpResponse response) {
        Optional<DigestChallenge> parsed = response.header(MsrpHeader.WwwAuthenticate.class).flatMap(DigestChallenge::of);
        if (parsed.isEmpty()) {
            fail(MsrpStatus.UNAUTHORIZED, "401 without a Digest challenge with realm and nonce");
            return;
        }
        DigestChallenge c = parsed.get();
        if (pendingAnswersChallenge && !c.stale()) {
            // RFC 2617 §3.2.1: only stale=true says the credentials were right and the nonce old.
            fail(MsrpStatus.UNAUTHORIZED, "the relay rejected the credentials of " + config.credentials().username()
                    + " in realm \"" + c.realm() + "\"");
            return;
        }
        if (!MsrpDigest.supports(c) || (!c.qop().isEmpty() && !c.offersAuth())) {
            fail(MsrpStatus.UNAUTHORIZED, "cannot answer the challenge: algorithm " + c.algorithm() + ", qop " + c.qop());
            return;
        }
        challenge = c;
        nonceCount = 0;
        challengedInExchange = true;
        sendAuth();
    }

    private void onIntervalOutOfBounds(MsrpResponse response) {
        long asked = expires.map(Duration::toSeconds).orElse(-1L);
        Optional<Long> min = response.header(MsrpHeader.MinExpires.class).map(MsrpHeader.MinExpires::seconds);
        Optional<Long> max = response.header(MsrpHeader.MaxExpires.class).map(MsrpHeader.MaxExpires::seconds);
        Long next = null;
        if (min.isPresent() && min.get() > 0 && (asked < 0 || asked < min.get())) {
            next = min.get();
        } else if (max.isPresent() && max.get() > 0 && asked > max.get()) {
            next = max.get();
        }
        if (next == null) {
            fail(response.status(), "423 to AUTH (Expires " + (asked < 0 ? "absent" : asked) + ") with no usable "
                    + "Min-Expires/Max-Expires: " + describe(response));
            return;
        }
        LOG.debug("[msrp-relay] {}: Expires {} out of bounds, retrying with {}", relayUri, asked, next);
        expires = Optional.of(Duration.ofSeconds(next));
        sendAuth();
    }

    private void onSuccess(MsrpResponse response) {
        Optional<MsrpHeader.UsePath> usePath = response.header(MsrpHeader.UsePath.class);
        if (usePath.isEmpty()) {
            fail(MsrpStatus.UNINTELLIGIBLE, "200 to AUTH without Use-Path");
            return;
        }
        Optional<MsrpHeader.AuthenticationInfo> infoHeader = response.header(MsrpHeader.AuthenticationInfo.class);
        if (infoHeader.isPresent()) {
            Optional<DigestAuthenticationInfo> info = DigestAuthenticationInfo.of(infoHeader.get());
            if (info.isEmpty()) {
                fail(MsrpStatus.UNINTELLIGIBLE, "unreadable Authentication-Info: " + infoHeader.get().value());
                return;
            }
            if (info.get().rspauth().isPresent() && challenge != null && pendingCarriedCredentials) {
                String expected = MsrpDigest.responseAuth(challenge, config.credentials(), relayUri, lastNc, lastCnonce);
                if (!expected.equalsIgnoreCase(info.get().rspauth().get())) {
                    fail(MsrpStatus.ACTION_NOT_ALLOWED, "the relay's rspauth does not match: it does not know the password");
                    return;
                }
            }
            if (info.get().nextNonce().isPresent() && challenge != null) {
                challenge = new DigestChallenge(challenge.realm(), info.get().nextNonce().get(), challenge.opaque(),
                        challenge.algorithm(), challenge.qop(), false);
                nonceCount = 0;
            }
        }
        Optional<Duration> lifetime = response.header(MsrpHeader.Expires.class).map(e -> Duration.ofSeconds(e.seconds()));
        if (lifetime.isPresent() && lifetime.get().isZero()) {
            fail(MsrpStatus.PARAMETER_OUT_OF_BOUNDS, "200 to AUTH with Expires: 0");
            return;
        }
        binding = new RelayBinding(config.relay(), usePath.get().uris(), lifetime, timers.nanoTime());
        state = State.BOUND;
        lifetime.ifPresent(this::scheduleRefresh);
        LOG.debug("[msrp-relay] bound at {}: Use-Path {}, Expires {}", relayUri, usePath.get().value(),
                lifetime.map(Duration::toSeconds).map(String::valueOf).orElse("absent"));
        if (first != null && !first.isDone()) {
            first.complete(binding);
        } else {
            listener.onRefreshed(binding);
        }
    }

    private void scheduleRefresh(Duration lifetime) {
        Duration half = lifetime.dividedBy(2);
        Duration margin = config.refreshMargin().compareTo(half) < 0 ? config.refreshMargin() : half;
        refreshTimer = timers.schedule(lifetime.minus(margin), () -> {
            refreshTimer = null;
            if (state == State.BOUND) {
                LOG.debug("[msrp-relay] renewing the binding at {}", relayUri);
                startExchange();
            }
        });
    }

    private void onTimeout(String tid) {
        if (state == State.AUTHENTICATING && tid.equals(pendingTid)) {
            transactionTimer = null;
            pendingTid = null;
            fail(MsrpStatus.TIMEOUT, "no response to AUTH " + tid + " from " + relayUri + " within "
                    + config.transactionTimeout().toMillis() + " ms");
        }
    }

    private void endTransaction() {
        pendingTid = null;
        if (transactionTimer != null) {
            transactionTimer.cancel();
            transactionTimer = null;
        }
    }

    private void cancelTimers() {
        endTransaction();
        if (refreshTimer != null) {
            refreshTimer.cancel();
            refreshTimer = null;
        }
    }

    private void fail(MsrpStatus status, String message) {
        cancelTimers();
        state = State.FAILED;
        binding = null;
        MsrpRelayException e = new MsrpRelayException(status, message);
        LOG.warn("[msrp-relay] authentication to {} failed: {} ({})", relayUri, message, status);
        if (first != null && !first.isDone()) {
            first.completeExceptionally(e);
        } else {
            listener.onFailed(e);
        }
    }

    private static String describe(MsrpResponse r) {
        return r.status().code() + r.comment().map(c -> " " + c).orElse("");
    }
}
