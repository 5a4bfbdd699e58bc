package org.mediasec.msrp.netty;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.PinningListener;

/**
 * The trust manager of a listening endpoint: which session an incoming connection belongs to is
 * known only from its first SEND, after the handshake, so the handshake accepts a client whose
 * certificate matches the pins of any session this endpoint expects (fail closed: no sessions, no
 * pins, no connection). {@link MsrpEndpoint} then checks the certificate against the pins of the one
 * session the connection binds to.
 */
final class SessionPinsTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];

    private final Supplier<Collection<CertificateFingerprint>> pins;
    private final PinningListener listener;

    SessionPinsTrustManager(Supplier<Collection<CertificateFingerprint>> pins, PinningListener listener) {
        this.pins = pins;
        this.listener = listener;
    }

    private FingerprintTrustManager current() {
        return new FingerprintTrustManager(pins.get(), listener);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
