package org.mediasec.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtoTest {
    @Test
    void constantsAndOpenValues() {
        assertThat(Proto.of("TCP/TLS/MSRP")).isSameAs(Proto.TCP_TLS_MSRP);
        assertThat(Proto.of("udptl")).isSameAs(Proto.UDPTL);
        Proto upper = Proto.of("UDPTL");
        assertThat(upper).isNotSameAs(Proto.UDPTL);
        assertThat(upper.is(Proto.UDPTL)).isTrue();
        assertThat(upper.isUdptl()).isTrue();
        assertThat(Proto.of("TCP/WSS/MSRP").name()).isEqualTo("TCP/WSS/MSRP");
    }

    @Test
    void classification() {
        assertThat(Proto.TCP_TLS_MSRP.isTls()).isTrue();
        assertThat(Proto.TCP_TLS_MSRP.isDtls()).isFalse();
        assertThat(Proto.TCP_TLS_MSRP.isTcp()).isTrue();
        assertThat(Proto.TCP_TLS_MSRP.isMsrp()).isTrue();
        assertThat(Proto.TCP_MSRP.isTls()).isFalse();
        assertThat(Proto.UDP_TLS_BFCP.isDtls()).isTrue();
        assertThat(Proto.UDP_TLS_BFCP.isUdp()).isTrue();
        assertThat(Proto.TCP_DTLS_BFCP.isDtls()).isTrue();
        assertThat(Proto.TCP_DTLS_BFCP.isTcp()).isTrue();
        assertThat(Proto.TCP_TLS_BFCP.isDtls()).isFalse();
        assertThat(Proto.UDP_TLS_UDPTL.isDtls()).isTrue();
        assertThat(Proto.UDP_DTLS.isDtls()).isTrue();
        assertThat(Proto.UDPTL.isUdp()).isTrue();
        assertThat(Proto.UDPTL.isTls()).isFalse();
        assertThat(Proto.TCP_TLS.isTls()).isTrue();
        assertThat(Proto.TCP.isTcp()).isTrue();
        assertThat(Proto.UDP_BFCP.isBfcp()).isTrue();
    }

    @Test
    void plainAndSecureEquivalents() {
        assertThat(Proto.TCP_TLS_MSRP.plainEquivalent()).isSameAs(Proto.TCP_MSRP);
        assertThat(Proto.TCP_MSRP.secureEquivalent()).contains(Proto.TCP_TLS_MSRP);
        assertThat(Proto.TCP_TLS_BFCP.plainEquivalent()).isSameAs(Proto.TCP_BFCP);
        assertThat(Proto.TCP_BFCP.secureEquivalent()).contains(Proto.TCP_TLS_BFCP);
        assertThat(Proto.UDP_TLS_BFCP.plainEquivalent()).isSameAs(Proto.UDP_BFCP);
        assertThat(Proto.UDP_BFCP.secureEquivalent()).contains(Proto.UDP_TLS_BFCP);
        assertThat(Proto.TCP_DTLS_BFCP.plainEquivalent()).isSameAs(Proto.TCP_BFCP);
        assertThat(Proto.UDP_TLS_UDPTL.plainEquivalent()).isSameAs(Proto.UDPTL);
        assertThat(Proto.UDPTL.secureEquivalent()).contains(Proto.UDP_TLS_UDPTL);
        assertThat(Proto.of("UDPTL").secureEquivalent()).contains(Proto.UDP_TLS_UDPTL);
        assertThat(Proto.UDP_DTLS.plainEquivalent()).isSameAs(Proto.UDP);
        assertThat(Proto.UDP.secureEquivalent()).contains(Proto.UDP_DTLS);
        assertThat(Proto.TCP_TLS.plainEquivalent()).isSameAs(Proto.TCP);
        assertThat(Proto.TCP.secureEquivalent()).contains(Proto.TCP_TLS);
        assertThat(Proto.UDP_TLS_RTP_SAVP.plainEquivalent()).isSameAs(Proto.RTP_AVP);
        assertThat(Proto.of("TCP/TLS/RTP/AVP").plainEquivalent()).isEqualTo(Proto.of("TCP/RTP/AVP"));
        assertThat(Proto.TCP_MSRP.plainEquivalent()).isSameAs(Proto.TCP_MSRP);
        assertThat(Proto.TCP_TLS_MSRP.secureEquivalent()).contains(Proto.TCP_TLS_MSRP);
        assertThat(Proto.of("x/y").secureEquivalent()).isEmpty();
    }
}
