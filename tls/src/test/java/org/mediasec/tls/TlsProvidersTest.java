package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsProvidersTest {
    @Test
    void describesThePreferredProviderOnOneLine() {
        String d = TlsProviders.describe();
        assertThat(d).doesNotContain("\n");
        if (TlsProvider.preferred() == TlsProvider.OPENSSL) {
            assertThat(d).startsWith("BoringSSL (netty-tcnative 2.0.").contains("key log: yes");
        } else {
            assertThat(d).startsWith("JDK (").contains("BoringSSL unavailable");
        }
    }

    @Test
    void describesTheJdkProvider() {
        assertThat(TlsProviders.describe(TlsProvider.JDK)).startsWith("JDK (SunJSSE ")
                .contains("Java " + System.getProperty("java.version")).contains("key log: no");
    }

    @Test
    void jdkIsAlwaysAvailableAndPreferredIsAvailable() {
        assertThat(TlsProvider.JDK.isAvailable()).isTrue();
        assertThat(TlsProvider.available()).contains(TlsProvider.JDK, TlsProvider.preferred());
        assertThat(TlsVersion.ofProtocolName("TLSv1.3")).isEqualTo(TlsVersion.TLS_1_3);
    }
}
