package org.mediasec.pcscf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;

class PcscfConfigTest {

    @Test
    void theDocumentedDefaultFileIsTheDefaults() throws Exception {
        assertThat(PcscfConfig.parse(PcscfConfig.defaultYaml())).isEqualTo(PcscfConfig.defaults());
        assertThat(PcscfConfig.parse("")).isEqualTo(PcscfConfig.defaults());
        PcscfConfig d = PcscfConfig.defaults();
        assertThat(d.sip().port()).isEqualTo(5062);
        assertThat(d.sip().sipTransports()).containsExactlyInAnyOrder(SipTransport.UDP, SipTransport.TCP);
        assertThat(d.core().uri()).isEqualTo("sip:127.0.0.1:5060;lr");
        assertThat(d.h248().port()).isEqualTo(2944);
        assertThat(d.mediasec().capabilities()).isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS,
                MediaSecMechanism.BFCP_TLS, MediaSecMechanism.UDPTL_DTLS));
        assertThat(d.mediasec().requireSecurityVerify()).isTrue();
        assertThat(d.timeouts().agwReply()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.limits().maxSessions()).isEqualTo(10_000);
    }

    @Test
    void theExampleFilesParse() throws Exception {
        PcscfConfig c = PcscfConfig.load(Path.of("../../examples/pcscf.yaml"));
        assertThat(c.sip().port()).isEqualTo(5062);
        assertThat(c.h248().mid()).isEqualTo("<pcscf.mediasec.invalid>:2944");
        for (String lab : new String[] {"pcscf-a.yaml", "pcscf-b.yaml"}) {
            Path f = Path.of("../../examples/lab", lab);
            if (Files.exists(f)) {
                assertThat(PcscfConfig.load(f).h248().agws()).isNotEmpty();
            }
        }
    }

    @Test
    void keysAreReadAndBadValuesNamed() throws Exception {
        PcscfConfig c = PcscfConfig.parse("""
                sip: {port: 0, transports: [TCP], domain: Lab.Example}
                mediasec: {mechanisms: [msrp-tls], require-security-verify: false}
                timeouts: {agw-reply: 750ms, timer-c: 4m}
                h248: {transport: tcp, encoding: compact, agws: ["[127.0.0.1]:2945"], heartbeat-interval: 0s}
                limits: {max-sessions: 7, max-session-duration: 2h}
                """);
        assertThat(c.limits().maxSessions()).isEqualTo(7);
        assertThat(c.limits().maxSessionDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(PcscfConfig.defaults().limits().maxSessionDuration()).isEqualTo(Duration.ofHours(24));
        assertThat(c.sip().sipTransports()).containsExactly(SipTransport.TCP);
        assertThat(c.sip().domain()).isEqualTo("lab.example");
        assertThat(c.mediasec().capabilities()).isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS));
        assertThat(c.mediasec().requireSecurityVerify()).isFalse();
        assertThat(c.timeouts().agwReply()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.timeouts().timerC()).isEqualTo(Duration.ofMinutes(4));
        assertThat(c.h248().heartbeatInterval()).isZero();

        assertThatThrownBy(() -> PcscfConfig.parse("sip: {prot: 1}")).hasMessageContaining("prot");
        assertThatThrownBy(() -> PcscfConfig.parse("limits: {max-sessions: 0}")).hasMessageContaining("limits.max-sessions");
        assertThatThrownBy(() -> PcscfConfig.parse("sip: {transports: [tcp, tls]}")).hasMessageContaining("tcp and tls");
        assertThatThrownBy(() -> PcscfConfig.parse("sip: {port: 0, transports: [udp, tls]}")).hasMessageContaining("sip.port: 0");
        assertThatThrownBy(() -> PcscfConfig.parse("sip: {tls: {client-auth: maybe}}")).hasMessageContaining("client-auth");
        assertThatThrownBy(() -> PcscfConfig.parse("sip: {tls: {trusted-fingerprints: [x]}}"))
                .hasMessageContaining("trusted-fingerprints");
        PcscfConfig tls = PcscfConfig.parse("sip: {transports: [udp, tls], tls: {client-auth: required, "
                + "trusted-fingerprints: [\"sha-256 " + "AB:".repeat(31) + "AB\"]}}");
        assertThat(tls.sip().sipTransports()).containsExactly(SipTransport.UDP, SipTransport.TLS);
        assertThat(tls.sip().tls().clientAuth()).isEqualTo("required");
        assertThat(PcscfConfig.defaults().sip().tls().clientAuth()).isEqualTo("none");
        assertThat(tls.sip().tls().fingerprints()).hasSize(1);
        assertThatThrownBy(() -> PcscfConfig.parse("limits: {max-session-duration: 0s}"))
                .hasMessageContaining("limits.max-session-duration");
        assertThatThrownBy(() -> PcscfConfig.parse("mediasec: {mechanisms: [srtp-magic]}"))
                .hasMessageContaining("mediasec.mechanisms: srtp-magic");
        assertThatThrownBy(() -> PcscfConfig.parse("timeouts: {timer-c: 60s}"))
                .hasMessageContaining("RFC 3261 §16.6");
        assertThatThrownBy(() -> PcscfConfig.parse("core: {uri: \"tel:+1\"}")).hasMessageContaining("core.uri");
        assertThatThrownBy(() -> PcscfConfig.parse("h248: {transport: sctp}")).hasMessageContaining("h248.transport");
        assertThatThrownBy(() -> PcscfConfig.parse("timeouts: {agw-reply: soon}")).hasMessageContaining("duration");
    }
}
