package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

class CoreConfigYamlTest {
    @Test
    void defaultFileParsesToTheDefaults() throws Exception {
        assertThat(CoreConfigYaml.parse(CoreConfigYaml.defaultYaml())).isEqualTo(CoreConfig.defaults());
        assertThat(CoreConfigYaml.parse("")).isEqualTo(CoreConfig.defaults());
    }

    @Test
    void givenKeysOverrideAndTheRestStayDefault() throws Exception {
        CoreConfig c = CoreConfigYaml.parse("port: 5070\ntransports: [TCP]\nusers: {alice: secret}\nauthentication: true\n");
        assertThat(c.port()).isEqualTo(5070);
        assertThat(c.transports()).isEqualTo(EnumSet.of(SipTransport.TCP));
        assertThat(c.users()).isEqualTo(Map.of("alice", "secret"));
        assertThat(c.authentication()).isTrue();
        assertThat(c.domain()).isEqualTo(CoreConfig.defaults().domain());
        assertThat(c.recordRoute()).isTrue();
    }

    @Test
    void unknownKeyAndBadValueAreNamed() {
        assertThatThrownBy(() -> CoreConfigYaml.parse("prot: 5070\n"))
                .hasMessageContaining("unknown key \"prot\"").hasMessageContaining("port");
        assertThatThrownBy(() -> CoreConfigYaml.parse("port: 70000\n")).hasMessageContaining("port: 70000");
        assertThatThrownBy(() -> CoreConfigYaml.parse("authentication: true\n")).hasMessageContaining("needs users");
        assertThatThrownBy(() -> CoreConfigYaml.parse("- a\n- b\n")).hasMessageContaining("mapping");
    }

    @Test
    void tlsTransportAndItsBlockParseCaseInsensitively() throws Exception {
        CoreConfig c = CoreConfigYaml.parse("transports: [udp, tls]\ntls: {port: 5071, clientAuth: required,"
                + " trustedFingerprints: [\"sha-256 " + "AB:".repeat(31) + "AB\"]}\n");
        assertThat(c.transports()).isEqualTo(EnumSet.of(SipTransport.UDP, SipTransport.TLS));
        assertThat(c.tls().port()).isEqualTo(5071);
        assertThat(c.tls().clientAuth()).isEqualTo("required");
        assertThat(c.tls().trustedFingerprints()).hasSize(1);
        assertThat(c.tls().certificate()).isEqualTo(CoreTlsConfig.defaults().certificate());
        assertThat(c.tls().versions()).isEqualTo(CoreTlsConfig.defaults().versions());
    }

    @Test
    void badTlsValuesAreNamed() {
        assertThatThrownBy(() -> CoreConfigYaml.parse("tls: {prot: 1}\n")).hasMessageContaining("unknown key \"tls.prot\"");
        assertThatThrownBy(() -> CoreConfigYaml.parse("tls: {clientAuth: maybe}\n")).hasMessageContaining("tls.clientAuth");
        assertThatThrownBy(() -> CoreConfigYaml.parse("tls: {versions: [SSLv3]}\n")).hasMessageContaining("SSLv3");
        assertThatThrownBy(() -> CoreConfigYaml.parse("tls: {trustedFingerprints: [nope]}\n"))
                .hasMessageContaining("tls.trustedFingerprints");
        assertThatThrownBy(() -> CoreConfigYaml.parse("transports: [tcp, tls]\nport: 5061\n"))
                .hasMessageContaining("tls.port: 5061 is also the TCP port");
    }
}
