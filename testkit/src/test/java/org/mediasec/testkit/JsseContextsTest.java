package org.mediasec.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

/** The contexts themselves are exercised by the AGW's and the P-CSCF's TLS test peers (real handshakes). */
class JsseContextsTest {
    static final X509TrustManager REFUSE_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("refused");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("refused");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    @Test
    void aKeyWithoutItsCertificateChainIsRefusedAtOnce() throws Exception {
        var key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        assertThatThrownBy(() -> JsseContexts.of(key, List.of(), REFUSE_ALL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
