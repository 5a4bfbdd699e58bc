package org.mediasec.tls;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSLContext;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Netty {@link SslContext}s for fingerprint-authenticated, mutual TLS (RFC 8122 / RFC 4572
 * style, as used for e2ae MSRP and BFCP): both sides present a certificate, the server requires the
 * client's ({@link ClientAuth#REQUIRE}), and each side trusts the other only through a
 * {@link FingerprintTrustManager}. No host name check is made: the fingerprint from the
 * signalling-protected SDP replaces it.
 *
 * <p>TLS 1.2 and 1.3 on BoringSSL ({@link TlsProvider#OPENSSL}) or the JDK; the NSS key log is wired
 * in when {@link TlsOptions#keyLog()} is set (BoringSSL only).
 *
 * <p>Contexts are cheap enough to build per session when the pins differ per session. Client
 * handlers created without a peer address ({@link SslContext#newHandler(ByteBufAllocator)}) do not
 * resume sessions.
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /** A server context presenting {@code identity} and accepting only clients whose certificate matches a pin. */
    public static SslContext server(LocalIdentity identity, Collection<CertificateFingerprint> peerPins,
                                    TlsOptions options) {
        return server(identity, new FingerprintTrustManager(peerPins, options.listener()), options);
    }

    /** A client context presenting {@code identity} and accepting only a server whose certificate matches a pin. */
    public static SslContext client(LocalIdentity identity, Collection<CertificateFingerprint> peerPins,
                                    TlsOptions options) {
        return client(identity, new FingerprintTrustManager(peerPins, options.listener()), options);
    }

    /**
     * A server context with any trust manager (normally a {@link FingerprintTrustManager}); client
     * authentication is required.
     */
    public static SslContext server(LocalIdentity identity, X509ExtendedTrustManager trustManager,
                                    TlsOptions options) {
        Checks.notNull(identity, "identity");
        SslContextBuilder b = SslContextBuilder.forServer(identity.privateKey(), identity.chain())
                .clientAuth(ClientAuth.REQUIRE);
        return build(b, TlsRole.SERVER, trustManager, options);
    }

    /** A client context with any trust manager (normally a {@link FingerprintTrustManager}). */
    public static SslContext client(LocalIdentity identity, X509ExtendedTrustManager trustManager,
                                    TlsOptions options) {
        Checks.notNull(identity, "identity");
        SslContextBuilder b = SslContextBuilder.forClient()
                .keyManager(identity.privateKey(), identity.chain())
                // RFC 8122: the fingerprint authenticates the peer; there is no name to verify
                .endpointIdentificationAlgorithm(null);
        return build(b, TlsRole.CLIENT, trustManager, options);
    }

    private static SslContext build(SslContextBuilder b, TlsRole role, X509ExtendedTrustManager trustManager,
                                    TlsOptions options) {
        Checks.notNull(trustManager, "trustManager");
        Checks.notNull(options, "options");
        TlsProvider provider = options.provider().requireAvailable();
        if (options.keyLogEnabled() && !provider.supportsKeyLog()) {
            throw new IllegalArgumentException("keyLog: the " + provider + " provider cannot write a TLS key log "
                    + "(SunJSSE exports no secrets); use TlsProvider.OPENSSL (BoringSSL) for key logging");
        }
        String[] protocols = EnumSet.copyOf(options.versions()).stream()
                .map(TlsVersion::protocolName).toArray(String[]::new);
        b.sslProvider(provider.nettyProvider())
                .trustManager(trustManager)
                .protocols(protocols);
        SslContext ctx;
        try {
            ctx = b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS " + role + " context on " + provider + ": "
                    + e.getMessage(), e);
        }
        if (options.keyLogEnabled()) {
            installKeyLog(ctx, options.keyLog());
        }
        LOG.debug("[tls] {} context on {}: {}, key log {}, trust {}", role, provider, String.join(" ", protocols),
                options.keyLogEnabled() ? "on" : "off", trustManager);
        return ctx;
    }

    /**
     * Wires BoringSSL's {@code SSL_CTX_set_keylog_callback} (netty-tcnative
     * {@link SSLContext#setKeyLogCallback}) to {@code keyLog}. Netty 4.2.18 has no public option for
     * this (its {@code SslMasterKeyHandler} covers only SunJSSE TLS 1.2 through reflection), so the
     * callback is set right after the context is built, before any engine exists.
     *
     * <p>{@code setKeyLogCallback} takes netty-tcnative's own context handle (the protected field
     * {@code ReferenceCountedOpenSslContext.ctx}), <b>not</b> the raw {@code SSL_CTX*} that the public
     * {@code sslCtxPointer()} returns: passing the latter crashes the JVM in native code.
     */
    private static void installKeyLog(SslContext ctx, KeyLog keyLog) {
        if (!(ctx instanceof ReferenceCountedOpenSslContext)) {
            throw new IllegalStateException("key log: not a BoringSSL context: " + ctx.getClass().getName());
        }
        long handle = tcnativeHandle((ReferenceCountedOpenSslContext) ctx);
        boolean ok = SSLContext.setKeyLogCallback(handle, (ssl, line) -> {
            try {
                keyLog.write(new String(line, StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                LOG.warn("[tls] key log write failed: {}", e.toString());
            }
        });
        if (!ok) {
            throw new IllegalStateException("key log: netty-tcnative refused the key log callback (not BoringSSL?)");
        }
    }

    private static long tcnativeHandle(ReferenceCountedOpenSslContext ctx) {
        long handle;
        try {
            Field f = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            f.setAccessible(true);
            handle = f.getLong(ctx);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("key log: cannot reach the netty-tcnative context handle of "
                    + ctx.getClass().getName() + " (Netty changed?): " + e, e);
        }
        if (handle == 0) {
            throw new IllegalStateException("key log: the BoringSSL context is already released");
        }
        return handle;
    }

    /**
     * An {@link SslHandler} for {@code channel} with the options' handshake timeout. The peer address
     * (the channel's remote address, or {@code peer} when given) names the peer in pinning logs.
     */
    public static SslHandler newHandler(SslContext ctx, Channel channel, SocketAddress peer, TlsOptions options) {
        SocketAddress remote = peer != null ? peer : channel.remoteAddress();
        SslHandler h = remote instanceof InetSocketAddress isa
                ? ctx.newHandler(channel.alloc(), isa.getHostString(), isa.getPort())
                : ctx.newHandler(channel.alloc());
        h.setHandshakeTimeout(options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return h;
    }
}
