package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.tls.LocalIdentity;

class ModelTest {
    private static final Realm REALM = new Realm("access", InetAddress.getLoopbackAddress(), 5000, 5002);
    private static final LocalIdentity ID = LocalIdentity.selfSigned("model.test");

    @Test
    void allocatorHandsOutPortsRoundRobinAndReleasesThem() {
        PortAllocator a = new PortAllocator(REALM);
        assertThat(a.next()).isEqualTo(5000);
        assertThat(a.next()).isEqualTo(5001);
        a.release(5000);
        assertThat(a.next()).as("not the port just released").isEqualTo(5002);
        assertThat(a.next()).isEqualTo(5000);
        assertThat(a.inUse()).isEqualTo(3);
        assertThatThrownBy(a::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("all 3 ports");
        a.release(5001);
        assertThat(a.take(5001)).isEqualTo(5001);
        assertThatThrownBy(() -> a.take(5001)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.take(6000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 6000 (expected: 5000..5002 in realm access)");
        assertThatThrownBy(() -> a.release(4999)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void realmChecksItsRange() {
        assertThatThrownBy(() -> new Realm("x", InetAddress.getLoopbackAddress(), 10, 9))
                .hasMessage("maxPort: 9 (expected: 10..65535)");
        assertThatThrownBy(() -> new Realm("", InetAddress.getLoopbackAddress(), 10, 11))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void legChecksTlsRoleAndSetupAgree() {
        assertThat(BearerLeg.tls(REALM, TcpSetup.PASSIVE, ID, List.of()).transport()).isEqualTo(BearerTransport.TLS_SERVER);
        assertThat(BearerLeg.tls(REALM, TcpSetup.ACTIVE, ID, List.of()).transport()).isEqualTo(BearerTransport.TLS_CLIENT);
        assertThatThrownBy(() -> new BearerLeg(REALM, BearerTransport.TLS_SERVER, TcpSetup.ACTIVE, 0, null, ID, List.of()))
                .hasMessageContaining("the TCP-active endpoint is the TLS client");
        assertThatThrownBy(() -> new BearerLeg(REALM, BearerTransport.TLS_SERVER, TcpSetup.PASSIVE, 0, null, null,
                List.of())).isInstanceOf(NullPointerException.class).hasMessage("identity");
    }

    @Test
    void passThroughAndPlainLegsCarryNoTlsInformation() {
        assertThatThrownBy(() -> new BearerLeg(REALM, BearerTransport.PASS_THROUGH, TcpSetup.PASSIVE, 0, null, ID,
                List.of())).hasMessageContaining("no TLS identity");
        assertThatThrownBy(() -> new BearerLeg(REALM, BearerTransport.PLAIN_TCP, TcpSetup.PASSIVE, 0, null, null,
                List.of(ID.fingerprint()))).hasMessageContaining("no TLS identity");
        assertThat(BearerTransport.PASS_THROUGH.terminatesTls()).isFalse();
        assertThat(BearerTransport.PASS_THROUGH.tlsRole()).isEmpty();
    }

    @Test
    void legPortMustBeInTheRealmAndOnlyForPassiveLegs() {
        assertThat(BearerLeg.plain(REALM, TcpSetup.PASSIVE).withPort(5001).port()).isEqualTo(5001);
        assertThatThrownBy(() -> BearerLeg.plain(REALM, TcpSetup.PASSIVE).withPort(80))
                .hasMessage("port: 80 (expected: 5000..5002 in realm access)");
        assertThatThrownBy(() -> BearerLeg.plain(REALM, TcpSetup.ACTIVE).withPort(5001))
                .hasMessage("port: 5001 (expected: CHOOSE for an active leg)");
    }

    @Test
    void configChecksWaterMarks() {
        assertThatThrownBy(() -> BearerConfig.DEFAULTS.withWaterMarks(100, 50))
                .hasMessage("highWaterMark: 50 (expected: 100..67108864)");
        assertThat(BearerFailure.Kind.TLS_FINGERPRINT_MISMATCH.isTlsEstablishment()).isTrue();
        assertThat(BearerFailure.Kind.TCP_RESET.isTlsEstablishment()).isFalse();
        assertThat(BearerFailure.Kind.TLS_ERROR.isTlsEstablishment()).as("after establishment").isFalse();
    }
}
