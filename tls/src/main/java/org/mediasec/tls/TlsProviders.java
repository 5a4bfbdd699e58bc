package org.mediasec.tls;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.OpenSsl;
import io.netty.util.Version;

/** Human-readable descriptions of the TLS providers, for logs and {@code mediasec version}. */
public final class TlsProviders {
    private TlsProviders() {
    }

    /**
     * One line describing the provider {@link TlsProvider#preferred()} picks, with versions, e.g.
     * {@code BoringSSL (netty-tcnative 2.0.84.Final, netty 4.2.18.Final), TLSv1.2 TLSv1.3, key log: yes}
     * or {@code JDK (SunJSSE 17, Java 17.0.15), TLSv1.2 TLSv1.3, key log: no; BoringSSL unavailable: <cause>}.
     * Never throws.
     */
    public static String describe() {
        try {
            TlsProvider p = TlsProvider.preferred();
            String d = describe(p);
            if (p == TlsProvider.JDK) {
                Throwable cause = OpenSsl.unavailabilityCause();
                d += "; BoringSSL unavailable: " + (cause == null ? "unknown" : cause.toString());
            }
            return d;
        } catch (RuntimeException | LinkageError e) {
            return "unknown TLS provider (" + e + ")";
        }
    }

    /** One line describing {@code provider}, with versions. Never throws. */
    public static String describe(TlsProvider provider) {
        try {
            if (provider == TlsProvider.OPENSSL) {
                if (!OpenSsl.isAvailable()) {
                    return "BoringSSL (netty-tcnative): unavailable: " + OpenSsl.unavailabilityCause();
                }
                return OpenSsl.versionString() + " (netty-tcnative " + tcnativeVersion()
                        + ", netty " + nettyVersion() + "), TLSv1.2 TLSv1.3, key log: yes";
            }
            return "JDK (" + jsseProvider() + ", Java " + System.getProperty("java.version")
                    + "), TLSv1.2 TLSv1.3, key log: no";
        } catch (RuntimeException | LinkageError e) {
            return provider + " (" + e + ")";
        }
    }

    private static String tcnativeVersion() {
        String v = io.netty.internal.tcnative.SSL.class.getPackage().getImplementationVersion();
        return v == null ? "?" : v;
    }

    private static String nettyVersion() {
        Version v = Version.identify().get("netty-handler");
        return v == null ? "?" : v.artifactVersion();
    }

    private static String jsseProvider() {
        try {
            Provider p = SSLContext.getDefault().getProvider();
            return p.getName() + " " + p.getVersionStr();
        } catch (NoSuchAlgorithmException e) {
            return "no default SSLContext: " + e.getMessage();
        }
    }
}
