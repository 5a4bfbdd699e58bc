package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

class UeConfigYamlTest {
    @Test
    void theDefaultFileParsesToTheDefaults() throws Exception {
        assertThat(UeConfigYaml.parse(UeConfigYaml.defaultYaml())).isEqualTo(UeConfig.defaults("alice"));
        assertThat(UeConfigYaml.parse("")).isEqualTo(UeConfig.defaults("alice"));
    }

    @Test
    void keysOverrideDefaults() throws Exception {
        UeConfig c = UeConfigYaml.parse("""
                user: bob
                sipTransport: TCP
                securityMode: e2e
                mediaSecMechanisms: [msrp-tls]
                keyLogFile: /tmp/keys
                """);
        assertThat(c.user()).isEqualTo("bob");
        assertThat(c.aor()).isEqualTo("sip:bob@ims.example.net");
        assertThat(c.sipTransport()).isEqualTo(SipTransport.TCP);
        assertThat(c.securityMode()).isEqualTo(SecurityMode.E2E);
        assertThat(c.capabilities().toString()).isEqualTo("MediaSecCapabilities[msrp-tls]");
        assertThat(c.keyLog()).contains(Path.of("/tmp/keys"));
    }

    @Test
    void errorsNameTheKeyOrTheValue() {
        assertThatThrownBy(() -> UeConfigYaml.parse("usr: bob\n")).hasMessageStartingWith("unknown key \"usr\"");
        // SIP over TLS never trusts blindly: the outbound proxy's certificate must be pinned
        assertThatThrownBy(() -> UeConfigYaml.parse("sipTransport: TLS\n")).hasMessageContaining("outboundProxyFingerprints");
        assertThatThrownBy(() -> UeConfigYaml.parse("outboundProxyFingerprints: [\"md5 nonsense\"]\n"))
                .hasMessageContaining("md5 nonsense");
        assertThatThrownBy(() -> UeConfigYaml.parse("securityMode: e2x\n")).hasMessageContaining("e2x");
        assertThatThrownBy(() -> UeConfigYaml.parse("outboundProxy: pcscf\n"))
                .hasMessage("outboundProxy: \"pcscf\" (expected: host:port)");
        assertThatThrownBy(() -> UeConfigYaml.parse("certificateFile: a.pem\n"))
                .hasMessage("certificateFile and privateKeyFile: give both or neither");
    }

    @Test
    void sipOverTlsWithPins() throws Exception {
        String pin = "sha-256 " + "AB:".repeat(31) + "AB";
        UeConfig c = UeConfigYaml.parse("sipTransport: TLS\noutboundProxyFingerprints: [\"" + pin + "\"]\n");
        assertThat(c.sipTransport()).isEqualTo(org.mediasec.sip.SipTransport.TLS);
        assertThat(c.outboundProxyPins()).extracting(Object::toString).containsExactly(pin);
        assertThat(c.withUser("bob").outboundProxyFingerprints()).containsExactly(pin);
    }

    @Test
    void theExamplesParse() throws Exception {
        Path examples = Path.of("../../examples");
        UeConfig alice = UeConfigYaml.load(examples.resolve("ue-alice.yaml"));
        UeConfig bob = UeConfigYaml.load(examples.resolve("ue-bob.yaml"));
        assertThat(alice.user()).isEqualTo("alice");
        assertThat(bob.user()).isEqualTo("bob");
        assertThat(bob.sipPort()).isNotEqualTo(alice.sipPort());
        assertThat(UeScenario.parse(java.nio.file.Files.readString(examples.resolve("alice-calls-bob.scenario"))).steps()).hasSize(6);
        assertThat(UeScenario.parse(java.nio.file.Files.readString(examples.resolve("bob-answers.scenario"))).steps()).hasSize(6);
    }

}
