package org.mediasec.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.core.Core;
import org.mediasec.pcscf.config.PcscfConfig;

/**
 * The loopback network the P-CSCF end-to-end tests share: a P-CSCF configuration toward a real core, a real
 * IMS-AGW attached to the P-CSCF's MGC, scripted UAs registered through the P-CSCF.
 */
final class LoopbackNetwork {
    static final String DOMAIN = "ims.example.net";

    private LoopbackNetwork() {
    }

    /** The P-CSCF on loopback, any port, routing to {@code core} and listening for the AGW on any port. */
    static PcscfConfig pcscfToward(Core core) {
        return PcscfConfig.defaults()
                .withSip(new PcscfConfig.Sip(null, 0, null, DOMAIN, null))
                .withCore(new PcscfConfig.Core("sip:127.0.0.1:" + core.port() + ";lr"))
                .withH248(new PcscfConfig.H248(null, null, 0, null, null, null, null));
    }

    /**
     * A real AGW on loopback controlled by {@code pcscf}: 25 access and 25 core ports in a block of 50 picked at
     * random above {@code portFloor} (so concurrent test classes rarely collide).
     */
    static AgwNode agwFor(PcscfNode pcscf, int portFloor) throws IOException {
        int base = portFloor + new Random().nextInt(80) * 50;
        return AgwNode.start(AgwConfig.defaults().withMid("[127.0.0.1]:2945")
                .withH248(AgwConfig.H248.DEFAULTS.withMgc("127.0.0.1", pcscf.mgcAddress().getPort()).withLocal("127.0.0.1", 0))
                .withRealms(List.of(new AgwConfig.RealmConfig("access", "127.0.0.1", null, base, base + 24),
                        new AgwConfig.RealmConfig("core", "127.0.0.1", null, base + 25, base + 49))));
    }

    /** A UA routed through {@code pcscf}, registered (200) with {@code mediasec} (null: none). */
    static TestUa registered(String user, PcscfNode pcscf, String mediasec) throws Exception {
        TestUa ua = new TestUa(user, DOMAIN, "<" + pcscf.sipUri() + ">");
        try {
            assertThat(ua.register(mediasec, 600).getStatusCode()).isEqualTo(200);
            return ua;
        } catch (Exception | AssertionError e) {
            ua.close();
            throw e;
        }
    }

    /** Closes each of {@code closeables} that is set, in order; the first failure fails the test. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
