package org.mediasec.sip.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.mediasec.common.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PKIX validation against a fixed set of certificate authorities (no system trust store), with one
 * WARN line per refusal that names the peer, its certificate's subject and sha-256 fingerprint.
 * An empty set of authorities refuses every peer. No host name check (see
 * {@link org.mediasec.sip.SipTlsTrust.Authorities}).
 */
final class AuthorityTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorityTrustManager.class);

    private final String stackName;
    private final List<X509Certificate> authorities;
    private final X509ExtendedTrustManager pkix;

    AuthorityTrustManager(String stackName, List<X509Certificate> authorities) {
        this.stackName = stackName;
        this.authorities = List.copyOf(authorities);
        this.pkix = authorities.isEmpty() ? null : pkix(authorities);
    }

    private static X509ExtendedTrustManager pkix(List<X509Certificate> authorities) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate ca : authorities) {
                ks.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager from PKIX");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for " + authorities.size() + " authorities", e);
        }
    }

    private interface Check {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void check(X509Certificate[] chain, String peerRole, String peer, Check check) throws CertificateException {
        String who = peer == null ? "?" : peer;
        if (chain == null || chain.length == 0) {
            throw refuse("TLS " + peerRole + " " + who + " presented no certificate");
        }
        String received = fingerprint(chain[0]) + " for " + chain[0].getSubjectX500Principal().getName();
        if (pkix == null) {
            throw refuse("TLS " + peerRole + " " + who + " certificate refused: no certificate authority is trusted "
                    + "(fail closed); received " + received);
        }
        try {
            check.run(pkix);
        } catch (CertificateException e) {
            CertificateException refused = refuse("TLS " + peerRole + " " + who + " certificate refused: "
                    + e.getMessage() + "; received " + received + ", issued by "
                    + chain[chain.length - 1].getIssuerX500Principal().getName());
            refused.initCause(e);
            throw refused;
        }
        LOG.debug("[{}] TLS {} {} verified by a trusted authority: {}", stackName, peerRole, who, received);
    }

    private CertificateException refuse(String reason) {
        LOG.warn("[{}] {}", stackName, reason);
        return new CertificateException(reason);
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return CertificateFingerprint.of(CertificateFingerprint.SHA_256, cert.getEncoded()).toString();
        } catch (CertificateEncodingException e) {
            return "(not encodable: " + e.getMessage() + ")";
        }
    }

    private static String peer(Socket socket) {
        return socket != null && socket.getRemoteSocketAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : null;
    }

    private static String peer(SSLEngine engine) {
        return engine == null || engine.getPeerHost() == null ? null : engine.getPeerHost() + ":" + engine.getPeerPort();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client", null, tm -> tm.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "client", peer(socket), tm -> tm.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "client", peer(engine), tm -> tm.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server", null, tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "server", peer(socket), tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "server", peer(engine), tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    /** The authorities, so a server's CertificateRequest names them. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.toArray(new X509Certificate[0]);
    }
}
