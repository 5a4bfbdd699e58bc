package org.mediasec.sip.secagree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.sip.secagree.MediaSecMechanism.BFCP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.MSRP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.UDPTL_DTLS;

import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MediaSecCapabilitiesTest {

    @Test
    void intersectsUeAndPcscfCapabilities() {
        MediaSecCapabilities ue = MediaSecCapabilities.from(SecurityHeaderParser.parse(SecurityHeaderKind.CLIENT,
                "msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec, x-new;mediasec"));
        MediaSecCapabilities pcscf = new MediaSecCapabilities(Set.of(MSRP_TLS, BFCP_TLS, MediaSecMechanism.DTLS_SRTP),
                Set.of("X-NEW"));
        MediaSecCapabilities both = ue.intersect(pcscf);
        assertThat(both.mechanisms()).containsExactly(MSRP_TLS, BFCP_TLS);
        assertThat(both.unknownTokens()).containsExactly("x-new");
        assertThat(both.contains(UDPTL_DTLS)).isFalse();
        assertThat(ue.intersect(MediaSecCapabilities.none()).isEmpty()).isTrue();
    }

    @Test
    void ignoresEntriesWithoutMediasec() {
        MediaSecCapabilities c = MediaSecCapabilities.from(SecurityHeaderParser.parse(SecurityHeaderKind.CLIENT,
                "msrp-tls, tls;q=0.2, ipsec-3gpp;alg=hmac-sha-1-96, bfcp-tls;mediasec"));
        assertThat(c).isEqualTo(MediaSecCapabilities.of(BFCP_TLS));
    }

    @Test
    void writesClientWithoutQAndServerWithQ() {
        MediaSecCapabilities c = MediaSecCapabilities.of(UDPTL_DTLS, BFCP_TLS, MSRP_TLS);
        assertThat(c.toSecurityHeader(SecurityHeaderKind.CLIENT, OptionalDouble.of(0.5)).toString())
                .isEqualTo("Security-Client: msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec");
        assertThat(MediaSecCapabilities.of(MSRP_TLS, BFCP_TLS).toSecurityHeader(SecurityHeaderKind.SERVER, OptionalDouble.of(0.5)).toString())
                .isEqualTo("Security-Server: msrp-tls;mediasec;q=0.5, bfcp-tls;mediasec;q=0.5");
        assertThat(MediaSecCapabilities.of(MSRP_TLS).toSecurityHeader(SecurityHeaderKind.VERIFY, OptionalDouble.empty()).value())
                .isEqualTo("msrp-tls;mediasec");
        assertThatThrownBy(() -> MediaSecCapabilities.none().toSecurityHeader(SecurityHeaderKind.SERVER, OptionalDouble.empty()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void roundTripsThroughAHeader() {
        MediaSecCapabilities c = new MediaSecCapabilities(Set.of(MSRP_TLS, MediaSecMechanism.SDES_SRTP), Set.of("x-a", "x-b"));
        SecurityHeader h = c.toSecurityHeader(SecurityHeaderKind.SERVER, OptionalDouble.of(0.1));
        assertThat(MediaSecCapabilities.from(SecurityHeaderParser.parse(SecurityHeaderKind.SERVER, h.value()))).isEqualTo(c);
        assertThat(MediaSecCapabilities.all().mechanisms()).hasSize(MediaSecMechanism.values().length);
    }

    @Test
    void validatesUnknownTokens() {
        assertThatThrownBy(() -> new MediaSecCapabilities(Set.of(), Set.of("msrp-tls")))
                .hasMessageContaining("is a known mechanism");
        assertThatThrownBy(() -> new MediaSecCapabilities(Set.of(), Set.of("a b")))
                .hasMessageContaining("is not an RFC 3261 token");
        assertThat(MediaSecMechanism.fromToken("UDPTL-DTLS")).hasValue(UDPTL_DTLS);
        assertThat(MediaSecMechanism.MSRP_TLS).hasToString("msrp-tls");
    }
}
