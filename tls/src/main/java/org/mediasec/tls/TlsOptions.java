package org.mediasec.tls;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.mediasec.common.Checks;

/**
 * How {@link TlsContexts} builds a context: provider, TLS versions, key log, pinning listener and
 * handshake timeout. Immutable; start from {@link #DEFAULTS} and change with {@code withX}.
 *
 * @param provider         the TLS implementation
 * @param versions         the enabled TLS versions (not empty)
 * @param keyLog           where secrets go ({@link KeyLog#NONE}: nowhere); needs {@link TlsProvider#OPENSSL}
 * @param listener         told of every fingerprint check
 * @param handshakeTimeout the SslHandler handshake timeout
 */
public record TlsOptions(TlsProvider provider, Set<TlsVersion> versions, KeyLog keyLog,
                         PinningListener listener, Duration handshakeTimeout) {
    /** Netty's own default handshake timeout. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** Preferred provider, TLS 1.2 and 1.3, no key log, no listener, 10 s handshake timeout. */
    public static final TlsOptions DEFAULTS = new TlsOptions(TlsProvider.preferred(),
            EnumSet.allOf(TlsVersion.class), KeyLog.NONE, PinningListener.NONE, DEFAULT_HANDSHAKE_TIMEOUT);

    public TlsOptions {
        Checks.notNull(provider, "provider");
        Checks.notNull(versions, "versions");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions: empty (expected: TLSv1.2 and/or TLSv1.3)");
        }
        versions = Set.copyOf(versions);
        Checks.notNull(keyLog, "keyLog");
        Checks.notNull(listener, "listener");
        Checks.notNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout: " + handshakeTimeout + " (expected: positive)");
        }
    }

    public TlsOptions withProvider(TlsProvider provider) {
        return new TlsOptions(provider, versions, keyLog, listener, handshakeTimeout);
    }

    /** Enables exactly the given versions. */
    public TlsOptions withVersions(TlsVersion first, TlsVersion... more) {
        return new TlsOptions(provider, EnumSet.of(first, more), keyLog, listener, handshakeTimeout);
    }

    public TlsOptions withKeyLog(KeyLog keyLog) {
        return new TlsOptions(provider, versions, keyLog, listener, handshakeTimeout);
    }

    public TlsOptions withListener(PinningListener listener) {
        return new TlsOptions(provider, versions, keyLog, listener, handshakeTimeout);
    }

    public TlsOptions withHandshakeTimeout(Duration handshakeTimeout) {
        return new TlsOptions(provider, versions, keyLog, listener, handshakeTimeout);
    }

    /** Whether a key log is configured. */
    public boolean keyLogEnabled() {
        return keyLog != KeyLog.NONE;
    }
}
