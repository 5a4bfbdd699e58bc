package org.mediasec.tls;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS implementation behind the Netty {@code SslContext}s that {@link TlsContexts} builds.
 */
public enum TlsProvider {
    /**
     * BoringSSL through netty-tcnative ({@link SslProvider#OPENSSL}): several times faster at
     * handshakes than the JDK, and the only provider that can write a {@link KeyLog}.
     */
    OPENSSL(SslProvider.OPENSSL),
    /** The JDK's SunJSSE ({@link SslProvider#JDK}): always available. No key log. */
    JDK(SslProvider.JDK);

    private static final Logger LOG = LoggerFactory.getLogger(TlsProvider.class);
    private static final Set<TlsProvider> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private final SslProvider nettyProvider;

    TlsProvider(SslProvider nettyProvider) {
        this.nettyProvider = nettyProvider;
    }

    /** The Netty provider constant. */
    public SslProvider nettyProvider() {
        return nettyProvider;
    }

    /** Whether this provider can be used in this JVM (BoringSSL needs its native library to load). */
    public boolean isAvailable() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** Whether contexts on this provider can write a {@link KeyLog}. */
    public boolean supportsKeyLog() {
        return this == OPENSSL;
    }

    /** {@link #OPENSSL} when BoringSSL is available, else {@link #JDK}. */
    public static TlsProvider preferred() {
        return OpenSsl.isAvailable() ? OPENSSL : JDK;
    }

    /** The providers usable here, preferred first. */
    public static Set<TlsProvider> available() {
        return OpenSsl.isAvailable() ? EnumSet.of(OPENSSL, JDK) : EnumSet.of(JDK);
    }

    /**
     * Fails when this provider is not available, naming the cause; logs the first use of each
     * provider at INFO.
     */
    TlsProvider requireAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("TLS provider OPENSSL (BoringSSL, netty-tcnative) is not available: "
                    + OpenSsl.unavailabilityCause(), OpenSsl.unavailabilityCause());
        }
        if (ANNOUNCED.add(this)) {
            LOG.info("[tls] TLS provider {}: {}{}", name(), TlsProviders.describe(this),
                    this == preferred() ? "" : " (chosen explicitly; preferred is " + preferred() + ")");
        }
        return this;
    }
}
