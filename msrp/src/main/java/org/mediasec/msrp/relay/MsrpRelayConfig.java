package org.mediasec.msrp.relay;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpUri;

/**
 * How an {@link MsrpRelayClient} authenticates. Immutable; start from {@link #of} and change with
 * {@code withX}.
 *
 * @param relay              the relay URI, the To-Path of every AUTH (e.g. {@code msrps://relay.example.net:2855;tcp});
 *                           must be {@code msrps}: a client reaches its relay over TLS (RFC 4976)
 * @param local              our URI, the From-Path of every AUTH
 * @param credentials        user name and password for the digest
 * @param requestedExpires   the lifetime to ask for with {@code Expires}; empty: let the relay choose
 * @param transactionTimeout how long to wait for each AUTH response (RFC 4975 §7.1 suggests 30 s) before failing with 408
 * @param refreshMargin      re-AUTH this long before the binding expires (at most half the lifetime earlier)
 * @param maxRequests        most AUTH requests in one exchange (401, 423 and stale retries included), a loop guard
 */
public record MsrpRelayConfig(MsrpUri relay, MsrpUri local, DigestCredentials credentials,
                              Optional<Duration> requestedExpires, Duration transactionTimeout, Duration refreshMargin,
                              int maxRequests) {
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_REQUESTS = 5;

    public MsrpRelayConfig {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(local, "local");
        if (!relay.secure()) {
            // RFC 4976 (specs.md §2.5): the client's connection to its relay MUST use TLS (msrps).
            throw new IllegalArgumentException("relay: " + relay + " (expected: an msrps URI; clients reach their relay over TLS)");
        }
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(requestedExpires, "requestedExpires");
        requestedExpires.ifPresent(e -> {
            if (e.isNegative() || e.isZero() || e.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("requestedExpires: " + e + " (expected: whole seconds > 0)");
            }
        });
        requirePositive(transactionTimeout, "transactionTimeout");
        requirePositive(refreshMargin, "refreshMargin");
        if (maxRequests < 2 || maxRequests > 20) {
            throw new IllegalArgumentException("maxRequests: " + maxRequests + " (expected: 2..20)");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: positive)");
        }
    }

    /** Defaults: no requested Expires, 30 s transaction timeout, refresh 30 s early, at most 5 requests per exchange. */
    public static MsrpRelayConfig of(MsrpUri relay, MsrpUri local, DigestCredentials credentials) {
        return new MsrpRelayConfig(relay, local, credentials, Optional.empty(), DEFAULT_TRANSACTION_TIMEOUT,
                DEFAULT_REFRESH_MARGIN, DEFAULT_MAX_REQUESTS);
    }

    public MsrpRelayConfig withRequestedExpires(Duration expires) {
        return new MsrpRelayConfig(relay, local, credentials, Optional.of(expires), transactionTimeout, refreshMargin,
                maxRequests);
    }

    public MsrpRelayConfig withTransactionTimeout(Duration timeout) {
        return new MsrpRelayConfig(relay, local, credentials, requestedExpires, timeout, refreshMargin, maxRequests);
    }

    public MsrpRelayConfig withRefreshMargin(Duration margin) {
        return new MsrpRelayConfig(relay, local, credentials, requestedExpires, transactionTimeout, margin, maxRequests);
    }

    public MsrpRelayConfig withMaxRequests(int n) {
        return new MsrpRelayConfig(relay, local, credentials, requestedExpires, transactionTimeout, refreshMargin, n);
    }
}
