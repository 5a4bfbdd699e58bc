package org.mediasec.testkit;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * JDK (JSSE) TLS contexts for blocking test peers: one key and its certificate chain, and the one trust manager
 * the test chooses (a pinning one; never one that accepts any certificate).
 */
public final class JsseContexts {
    private JsseContexts() {
    }

    /** A TLS context presenting {@code key} with {@code chain} and trusting what {@code trust} accepts. */
    public static SSLContext of(PrivateKey key, List<X509Certificate> chain, TrustManager trust)
            throws GeneralSecurityException {
        char[] password = "pw".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("an empty PKCS12 key store could not be created", e);
        }
        ks.setKeyEntry("peer", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {trust}, null);
        return ctx;
    }
}
