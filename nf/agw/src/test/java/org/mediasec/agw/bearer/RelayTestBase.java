package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.transport.Transports;

/**
 * The process's event loops for a test class (shared by the AGW and its test peers, as in an NF), and
 * per test an AGW ({@link RelayHarness}) and test peers ({@link TestNet}); after each test every
 * channel is closed and nothing of the AGW is left.
 */
abstract class RelayTestBase {
    static final LocalIdentity AGW = LocalIdentity.selfSigned("agw.test");
    static final LocalIdentity UE = LocalIdentity.selfSigned("ue.test");
    static Transports transports;

    RelayHarness agw;
    TestNet net;

    @BeforeAll
    static void startLoops() {
        transports = Transports.create("agw-test", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stopLoops() {
        transports.close();
        assertThat(LeakLog.collect()).as("Netty buffer leak reports").isEmpty();
    }

    void setUp(BearerConfig config) {
        agw = new RelayHarness(transports, config);
        net = new TestNet(transports);
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
            assertThat(net.openChannels()).isZero();
        }
        if (agw != null) {
            agw.close();
            agw.assertReleased();
        }
    }

    /** An e2ae relay: the AGW's TLS server toward the test UE (pinned), a plain client toward the core at {@code core}. */
    BearerRelay openTlsServerTowardCore(InetSocketAddress core) {
        return agw.open(BearerLeg.tls(agw.accessRealm, TcpSetup.PASSIVE, AGW, List.of(UE.fingerprint())),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withRemote(core));
    }

    /** An e2ae relay: the AGW's TLS client toward the test UE at {@code ue} (pinned), plain listening on the core side. */
    BearerRelay openTlsClientTowardUe(InetSocketAddress ue) {
        return agw.open(BearerLeg.tls(agw.accessRealm, TcpSetup.ACTIVE, AGW, List.of(UE.fingerprint())).withRemote(ue),
                BearerLeg.plain(agw.coreRealm, TcpSetup.PASSIVE));
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
