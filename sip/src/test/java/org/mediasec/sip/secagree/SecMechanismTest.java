package org.mediasec.sip.secagree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SecMechanismTest {

    @Test
    void formatsQAsQvalue() {
        assertThat(SecMechanism.formatQ(0.5)).isEqualTo("0.5");
        assertThat(SecMechanism.formatQ(0.125)).isEqualTo("0.125");
        assertThat(SecMechanism.formatQ(0.1)).isEqualTo("0.1");
        assertThat(SecMechanism.formatQ(1)).isEqualTo("1");
        assertThat(SecMechanism.formatQ(0)).isEqualTo("0");
        assertThat(SecMechanism.formatQ(0.0004)).isEqualTo("0");
        assertThatThrownBy(() -> SecMechanism.formatQ(1.5)).hasMessage("q: 1.5 (expected: 0..1)");
        assertThatThrownBy(() -> SecMechanism.formatQ(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withQReplacesInPlaceAndWithoutQRemoves() {
        SecMechanism m = SecMechanism.of("ipsec-3gpp", SecMechanism.Param.of("q", "0.1"), SecMechanism.Param.of("alg", "hmac-sha-1-96"));
        assertThat(m.withQ(0.5).toString()).isEqualTo("ipsec-3gpp;q=0.5;alg=hmac-sha-1-96");
        assertThat(m.withoutQ().toString()).isEqualTo("ipsec-3gpp;alg=hmac-sha-1-96");
        assertThat(SecMechanism.mediaPlane("msrp-tls").withQ(0.5).toString()).isEqualTo("msrp-tls;mediasec;q=0.5");
    }

    @Test
    void rejectsInvalidLocalInputWithClearMessages() {
        assertThatThrownBy(() -> SecMechanism.of("msrp tls"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name: \"msrp tls\" is not an RFC 3261 token");
        assertThatThrownBy(() -> SecMechanism.Param.of("q", "2"))
                .hasMessageStartingWith("param q: \"2\" is not a qvalue");
        assertThatThrownBy(() -> SecMechanism.Param.flag("q")).hasMessageStartingWith("param q: \"null\"");
        assertThatThrownBy(() -> SecMechanism.Param.of("x", "a b"))
                .hasMessage("param x: \"a b\" is not a token, host or quoted-string");
        assertThatThrownBy(() -> SecMechanism.Param.of("x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecMechanism.Param.flag("me;diasec")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityHeader(SecurityHeaderKind.CLIENT, List.of()))
                .hasMessageStartingWith("mechanisms: empty");
    }

    @Test
    void headerKindsLookUpCaseInsensitively() {
        assertThat(SecurityHeaderKind.fromHeaderName("security-verify")).hasValue(SecurityHeaderKind.VERIFY);
        assertThat(SecurityHeaderKind.fromHeaderName("Security-Foo")).isEmpty();
        assertThat(SecurityHeaderKind.SERVER).hasToString("Security-Server");
    }
}
