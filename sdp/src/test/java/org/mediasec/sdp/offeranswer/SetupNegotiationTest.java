package org.mediasec.sdp.offeranswer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

class SetupNegotiationTest {
    /** RFC 4145 §4.1 table, every cell: offer, answer, valid, active side (or "none"). */
    @ParameterizedTest(name = "offer {0} answer {1}")
    @CsvSource({
            "ACTIVE,   ACTIVE,   false, -",
            "ACTIVE,   PASSIVE,  true,  OFFERER",
            "ACTIVE,   ACTPASS,  false, -",
            "ACTIVE,   HOLDCONN, true,  none",
            "PASSIVE,  ACTIVE,   true,  ANSWERER",
            "PASSIVE,  PASSIVE,  false, -",
            "PASSIVE,  ACTPASS,  false, -",
            "PASSIVE,  HOLDCONN, true,  none",
            "ACTPASS,  ACTIVE,   true,  ANSWERER",
            "ACTPASS,  PASSIVE,  true,  OFFERER",
            "ACTPASS,  ACTPASS,  false, -",
            "ACTPASS,  HOLDCONN, true,  none",
            "HOLDCONN, ACTIVE,   false, -",
            "HOLDCONN, PASSIVE,  false, -",
            "HOLDCONN, ACTPASS,  false, -",
            "HOLDCONN, HOLDCONN, true,  none",
    })
    void rfc4145Table(Setup offer, Setup answer, boolean valid, String active) {
        assertThat(SetupNegotiation.isValidAnswer(offer, answer)).isEqualTo(valid);
        if (!valid) {
            assertThatThrownBy(() -> SetupNegotiation.roles(offer, answer))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a valid answer");
            return;
        }
        ConnectionRoles roles = SetupNegotiation.roles(offer, answer);
        if (active.equals("none")) {
            assertThat(roles.onHold()).isTrue();
            assertThat(roles.tcpActive()).isEmpty();
            assertThat(roles.tlsClient()).isEmpty();
            assertThat(roles.dtlsClient()).isEmpty();
            assertThat(roles.effective(Side.OFFERER)).isEqualTo(Setup.HOLDCONN);
        } else {
            Side side = Side.valueOf(active);
            assertThat(roles.tcpActive()).contains(side);
            assertThat(roles.tcpPassive()).contains(side.other());
            // RFC 8122 §6.2: the setup:active endpoint is the TLS client
            assertThat(roles.tlsClient()).contains(side);
            assertThat(roles.handshakeClient(Proto.TCP_TLS_MSRP)).contains(side);
            // RFC 8842 §5.3-5.4: the active side sends the DTLS ClientHello
            assertThat(roles.dtlsClient()).contains(side);
            assertThat(roles.handshakeClient(Proto.UDP_TLS_UDPTL)).contains(side);
            assertThat(roles.isClient(side)).isTrue();
            assertThat(roles.isClient(side.other())).isFalse();
            assertThat(roles.effective(side)).isEqualTo(Setup.ACTIVE);
            assertThat(roles.effective(side.other())).isEqualTo(Setup.PASSIVE);
        }
    }

    @Test
    void answerRule() {
        assertThat(SetupNegotiation.answer(Setup.ACTPASS, Setup.ACTIVE)).isEqualTo(Setup.ACTIVE);
        assertThat(SetupNegotiation.answer(Setup.ACTPASS, Setup.PASSIVE)).isEqualTo(Setup.PASSIVE);
        assertThat(SetupNegotiation.answer(Setup.ACTIVE, Setup.ACTIVE)).isEqualTo(Setup.PASSIVE);
        assertThat(SetupNegotiation.answer(Setup.PASSIVE, Setup.PASSIVE)).isEqualTo(Setup.ACTIVE);
        assertThat(SetupNegotiation.answer(Setup.HOLDCONN, Setup.ACTIVE)).isEqualTo(Setup.HOLDCONN);
        for (Setup offer : Setup.values()) {
            for (Setup pref : new Setup[] {Setup.ACTIVE, Setup.PASSIVE}) {
                assertThat(SetupNegotiation.isValidAnswer(offer, SetupNegotiation.answer(offer, pref))).isTrue();
            }
        }
        assertThatThrownBy(() -> SetupNegotiation.answer(Setup.ACTPASS, Setup.ACTPASS))
                .hasMessageContaining("expected: active or passive");
    }

    @Test
    void defaultsWhenAbsent() {
        // RFC 4145 §4.1: default 'active' in the offer, 'passive' in the answer
        ConnectionRoles roles = SetupNegotiation.roles(Optional.empty(), Optional.empty());
        assertThat(roles.tcpActive()).contains(Side.OFFERER);
        assertThat(SetupNegotiation.roles(Optional.of(Setup.ACTPASS), Optional.empty()).tlsClient()).contains(Side.OFFERER);
    }
}
