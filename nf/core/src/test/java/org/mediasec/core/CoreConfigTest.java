package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

class CoreConfigTest {

    @Test
    void defaults() {
        CoreConfig c = CoreConfig.defaults();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(5060);
        assertThat(c.transports()).containsExactlyInAnyOrder(SipTransport.UDP, SipTransport.TCP);
        assertThat(c.domain()).isEqualTo("ims.example.net");
        assertThat(c.defaultExpires()).isEqualTo(3600);
        assertThat(c.authentication()).isFalse();
        assertThat(c.users()).isEmpty();
        assertThat(c.recordRoute()).isTrue();
    }

    @Test
    void rejectsNonsense() {
        CoreConfig d = CoreConfig.defaults();
        assertThatThrownBy(() -> d.withTransports(Set.of())).hasMessageContaining("transports");
        assertThatThrownBy(() -> d.withExpires(100, 0, 50)).hasMessageContaining("defaultExpires");
        assertThatThrownBy(() -> d.withUsers(Map.of(), true)).hasMessageContaining("authentication");
        assertThat(d.withDomain("IMS.Example.NET").domain()).isEqualTo("ims.example.net");
    }
}
