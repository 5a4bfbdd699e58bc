package org.mediasec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TlsOptionsTest {
    @Test
    void defaultsArePreferredProviderBothVersionsNoKeyLog() {
        TlsOptions d = TlsOptions.DEFAULTS;
        assertThat(d.provider()).isEqualTo(TlsProvider.preferred());
        assertThat(d.versions()).containsExactlyInAnyOrder(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(d.keyLogEnabled()).isFalse();
        assertThat(d.listener()).isSameAs(PinningListener.NONE);
        assertThat(d.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void withersChangeOneField() {
        KeyLog log = line -> { };
        TlsOptions o = TlsOptions.DEFAULTS.withProvider(TlsProvider.JDK).withVersions(TlsVersion.TLS_1_2)
                .withKeyLog(log).withHandshakeTimeout(Duration.ofSeconds(3));
        assertThat(o.provider()).isEqualTo(TlsProvider.JDK);
        assertThat(o.versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(o.keyLog()).isSameAs(log);
        assertThat(o.keyLogEnabled()).isTrue();
        assertThat(o.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void rejectsInvalidValues() {
        assertThatThrownBy(() -> new TlsOptions(TlsProvider.JDK, Set.of(), KeyLog.NONE, PinningListener.NONE,
                Duration.ofSeconds(1))).hasMessageContaining("versions: empty");
        assertThatThrownBy(() -> TlsOptions.DEFAULTS.withHandshakeTimeout(Duration.ZERO))
                .hasMessageContaining("handshakeTimeout");
        assertThatThrownBy(() -> TlsOptions.DEFAULTS.withKeyLog(null)).isInstanceOf(NullPointerException.class);
        EnumSet<TlsVersion> mutable = EnumSet.of(TlsVersion.TLS_1_3);
        TlsOptions o = new TlsOptions(TlsProvider.JDK, mutable, KeyLog.NONE, PinningListener.NONE, Duration.ofSeconds(1));
        mutable.add(TlsVersion.TLS_1_2);
        assertThat(o.versions()).containsExactly(TlsVersion.TLS_1_3);
    }
}
