package org.mediasec.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsVersion;

import gov.nist.javax.sip.address.AddressFactoryImpl;

class SipTlsConfigTest {
    private static final LocalIdentity ID = LocalIdentity.selfSigned("config.sip.test");

    @Test
    void tlsTransportNeedsATlsConfigurationAndAPortOfItsOwn() {
        SipTlsConfig tls = SipTlsConfig.pinned(ID, List.of(ID.fingerprint()));
        assertThatThrownBy(() -> SipStackConfig.loopback("x").withTransports(EnumSet.of(SipTransport.TLS)))
                .hasMessageContaining("tls: missing");
        assertThatThrownBy(() -> SipStackConfig.loopback("x").withPort(5070).withTlsTransport(tls.withPort(5070)))
                .hasMessageContaining("tls.port: 5070 is also the TCP port");
        SipStackConfig ok = SipStackConfig.loopback("x").withPort(5060).withTlsTransport(tls.withPort(5061));
        assertThat(ok.transports()).containsExactly(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS);
        // UDP and TLS may share a number: TLS runs over TCP
        assertThat(SipStackConfig.loopback("y").withPort(5060).withTls(tls.withPort(5060))
                .withTransports(EnumSet.of(SipTransport.UDP, SipTransport.TLS)).tls().port()).isEqualTo(5060);
    }

    @Test
    void propertiesNameOnlyModernSuitesAndTheConfiguredVersionsAndClientAuth() {
        SipTlsConfig tls = SipTlsConfig.pinned(ID, List.of()).withVersions(EnumSet.of(TlsVersion.TLS_1_3))
                .withClientAuth(SipTlsConfig.ClientAuth.OPTIONAL).withHandshakeTimeout(Duration.ofMillis(1500));
        var p = SipStackConfig.loopback("props").withTlsTransport(tls).toProperties();
        assertThat(p.getProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS")).isEqualTo("TLSv1.3");
        assertThat(p.getProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE")).isEqualTo("Want");
        assertThat(p.getProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT")).isEqualTo("1500");
        assertThat(p.getProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES").split(","))
                .allSatisfy(s -> assertThat(s).matches("TLS_(AES|CHACHA20|ECDHE_(ECDSA|RSA)_WITH_(AES_\\d+_GCM|CHACHA20_POLY1305)).*"));
        assertThat(SipStackConfig.loopback("plain").toProperties().stringPropertyNames())
                .noneMatch(k -> k.contains("TLS") || k.contains("SSL") || k.contains("CIPHER"));
        assertThat(tls.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void limitsAreChecked() {
        SipTlsConfig tls = SipTlsConfig.pinned(ID, List.of());
        assertThatThrownBy(() -> tls.withVersions(Set.of())).hasMessageContaining("versions: empty");
        assertThatThrownBy(() -> tls.withHandshakeTimeout(Duration.ZERO)).hasMessageContaining("handshakeTimeout");
        assertThatThrownBy(() -> tls.withPort(70000)).hasMessageContaining("port");
    }

    @Test
    void transportsFromTokensAndUris() throws Exception {
        var af = new AddressFactoryImpl();
        assertThat(SipTransport.ofToken("tls")).isEqualTo(SipTransport.TLS);
        assertThat(SipTransport.ofToken("UDP")).isEqualTo(SipTransport.UDP);
        assertThatThrownBy(() -> SipTransport.ofToken("sctp")).hasMessageContaining("expected: udp, tcp or tls");
        assertThat(SipTransport.forUri(af.createURI("sips:alice@example.net"))).isEqualTo(SipTransport.TLS);
        assertThat(SipTransport.forUri(af.createURI("sips:alice@example.net;transport=tcp"))).isEqualTo(SipTransport.TLS);
        assertThat(SipTransport.forUri(af.createURI("sip:p.example.net;transport=tls;lr"))).isEqualTo(SipTransport.TLS);
        assertThat(SipTransport.forUri(af.createURI("sip:p.example.net;transport=TCP"))).isEqualTo(SipTransport.TCP);
        assertThat(SipTransport.forUri(af.createURI("sip:p.example.net"))).isEqualTo(SipTransport.UDP);
        assertThatThrownBy(() -> SipTransport.forUri(af.createURI("sips:a@example.net;transport=udp")))
                .hasMessageContaining("UDP is not a valid transport for SIPS");
        assertThatThrownBy(() -> SipTransport.forUri(af.createURI("tel:+15551234"))).hasMessageContaining("sip: or sips:");
        assertThat(SipTransport.TLS.isSecure()).isTrue();
        assertThat(SipTransport.TCP.isSecure()).isFalse();
    }

    @Test
    void authoritiesFromAPemFile(@TempDir Path dir) throws Exception {
        TestAuthority ca = new TestAuthority("pem CA");
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, ca.issue("leaf").certificatePem()); // leaf + CA
        SipTlsTrust trust = SipTlsTrust.authoritiesPem(pem);
        assertThat(((SipTlsTrust.Authorities) trust).authorities()).hasSize(2).contains(ca.certificate());
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SipTlsTrust.authoritiesPem(empty)).hasMessageContaining("no CERTIFICATE");
    }
}
