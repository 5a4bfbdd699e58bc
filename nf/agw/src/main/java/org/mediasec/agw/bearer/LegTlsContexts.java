package org.mediasec.agw.bearer;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsContexts;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsProvider;

/**
 * The {@code SslHandler}s of TLS-terminating legs. Building a context costs far more than a
 * handshake (Netty puts the key into a PKCS#12 key store: two PBKDF2 derivations of 10,000 HMAC
 * rounds, about 90 % of the AGW's CPU per session when done per leg), so TLS <b>server</b> legs on
 * BoringSSL share one context per local identity, and the pins stay per leg: the shared context's
 * trust manager looks up the leg of the engine being verified and checks that leg's fingerprints
 * with a {@link FingerprintTrustManager} reporting to the leg's {@link PinCapture}, exactly as a
 * context of its own would.
 *
 * <p>A shared context must not let a session of one leg be resumed on another, which would skip the
 * certificate check: the shared contexts have no session cache (and Netty's BoringSSL contexts issue
 * no tickets), and {@link BearerRelay} fails every handshake after which no pin was verified. Client
 * legs and the JDK provider keep a context per leg.
 */
final class LegTlsContexts implements AutoCloseable {
    private final Map<LocalIdentity, SslContext> servers = new ConcurrentHashMap<>();
    private final Map<SSLEngine, Leg> legs = new ConcurrentHashMap<>();
    private final PerLegTrust trust = new PerLegTrust();

    /** A handler for {@code leg}'s connection {@code ch}, pinning the leg's current fingerprints. */
    SslHandler newHandler(Leg leg, Channel ch, InetSocketAddress peer, TlsOptions options) {
        leg.pins = new PinCapture(options.listener());
        TlsOptions perLeg = options.withListener(leg.pins);
        if (leg.spec.transport() != BearerTransport.TLS_SERVER || options.provider() != TlsProvider.OPENSSL) {
            SslContext ctx = leg.spec.transport() == BearerTransport.TLS_SERVER
                    ? TlsContexts.server(leg.spec.identity(), leg.spec.peerFingerprints(), perLeg)
                    : TlsContexts.client(leg.spec.identity(), leg.spec.peerFingerprints(), perLeg);
            try {
                return TlsContexts.newHandler(ctx, ch, peer, perLeg);
            } finally {
                ReferenceCountUtil.release(ctx);       // the engine holds its own reference
            }
        }
        SslContext ctx = servers.computeIfAbsent(leg.spec.identity(), id -> {
            SslContext c = TlsContexts.server(id, trust, options);
            if (c.sessionContext() instanceof OpenSslSessionContext s) {
                s.setSessionCacheEnabled(false);
            }
            return c;
        });
        leg.trust = new FingerprintTrustManager(leg.spec.peerFingerprints(), leg.pins);
        SslHandler h = TlsContexts.newHandler(ctx, ch, peer, perLeg);
        SSLEngine engine = h.engine();
        legs.put(engine, leg);
        ch.closeFuture().addListener(f -> legs.remove(engine));
        return h;
    }

    /** Legs with a handler from a shared context whose channel is still open. */
    int liveLegs() {
        return legs.size();
    }

    @Override
    public void close() {
        servers.values().forEach(ReferenceCountUtil::release);
        servers.clear();
    }

    /** The shared contexts' trust manager: the checks of the leg that owns the engine. */
    private final class PerLegTrust extends X509ExtendedTrustManager {
        private FingerprintTrustManager of(SSLEngine engine) throws CertificateException {
            Leg leg = engine == null ? null : legs.get(engine);
            FingerprintTrustManager t = leg == null ? null : leg.trust;
            if (t == null) {
                throw new CertificateException("no bearer leg for this TLS engine: refused");
            }
            return t;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            of(engine).checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            of(engine).checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("bearer legs are verified through their engine only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("bearer legs are verified through their engine only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("bearer legs are verified through their engine only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("bearer legs are verified through their engine only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
