package org.mediasec.sip.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTlsTrust;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.TlsVersion;

/**
 * The JSSE (SunJSSE) {@link SSLContext} of one SIP stack, built from its {@link SipTlsConfig}: the
 * local identity in an in-memory key store, and the trust as a {@link FingerprintTrustManager} or an
 * {@link AuthorityTrustManager}. Nothing is read from the {@code javax.net.ssl.*} system properties.
 */
public final class SipTlsContext {
    /** The in-memory key store's password: the store never leaves this object. */
    private static final char[] NO_PASSWORD = "mediasec".toCharArray();

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    private SipTlsContext(SSLContext context, String[] protocols, String[] cipherSuites) {
        this.context = context;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /** The context both directions use. */
    public SSLContext context() {
        return context;
    }

    /** The enabled protocol names ({@code TLSv1.2}, {@code TLSv1.3}). */
    public String[] protocols() {
        return protocols.clone();
    }

    /** The enabled suites ({@link SipTlsSuites#SUITES}). */
    public String[] cipherSuites() {
        return cipherSuites.clone();
    }

    public static SipTlsContext create(String stackName, SipTlsConfig config) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("sip", config.identity().privateKey(), NO_PASSWORD,
                    config.identity().chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, NO_PASSWORD);
            TrustManager trust;
            if (config.trust() instanceof SipTlsTrust.Pinned p) {
                trust = new FingerprintTrustManager(p.fingerprints(), p.listener());
            } else {
                trust = new AuthorityTrustManager(stackName, ((SipTlsTrust.Authorities) config.trust()).authorities());
            }
            SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {trust}, new SecureRandom());
            String[] protocols = config.versions().stream().map(TlsVersion::protocolName).toArray(String[]::new);
            return new SipTlsContext(ctx, protocols, SipTlsSuites.SUITES.toArray(new String[0]));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("[" + stackName + "] cannot build the TLS context for " + config, e);
        }
    }

    @Override
    public String toString() {
        return "SipTlsContext" + Arrays.toString(protocols);
    }
}
