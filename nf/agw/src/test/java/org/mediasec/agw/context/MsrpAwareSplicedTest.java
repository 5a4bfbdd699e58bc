package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.sdp.Setup;

/**
 * {@code bearer.splice: true} from the AGW configuration reaches the relays, and a pass-through pair
 * spliced in the kernel is never turned MSRP-aware, even before its first octet: 473 says why, and the
 * bytes keep crossing (epoll only; skipped where the transport is NIO).
 */
class MsrpAwareSplicedTest extends AgwNodeTestBase {
    @Override
    AgwConfig configure(AgwConfig config) {
        return config.withBearer(new AgwConfig.Bearer(true));
    }

    @Test
    void aSplicedPairIsNotTurnedAware() throws Exception {
        assertThat(agw.relays().config().splice()).as("bearer.splice from the configuration").isTrue();
        assumeTrue(org.mediasec.transport.Transports.Kind.preferred() == org.mediasec.transport.Transports.Kind.EPOLL,
                "epoll splice needs epoll (the AGW runs on NIO here)");
        try (Peers.Core corePeer = new Peers.Core()) {
            Connected c = connectedPassThrough(corePeer);
            MsrpUri agwAccess = MsrpUri.parse("msrp://127.0.0.1:" + c.accessAddress().getPort() + "/agw-a;tcp");
            Transaction.Reply m = call(ActionRequest.of(c.ctx(), IqCommands.DEFAULT.modify(c.access(),
                    MsrpAwareSwitchTest.aware(Setup.PASSIVE, agwAccess, MsrpAwareSwitchTest.UE_PLAIN, c.accessAddress()))));
            ErrorDescriptor e = m.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class);
            assertThat(e).isNotNull();
            assertThat(e.code().code()).isEqualTo(473);
            assertThat(e.text()).contains("spliced in the kernel", "bearer.splice");

            c.ue().getOutputStream().write("still spliced".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(c.coreSide().getInputStream().readNBytes(13), StandardCharsets.US_ASCII))
                    .isEqualTo("still spliced");
            assertThat(call(ActionRequest.of(c.ctx(), IqCommands.subtract(TerminationId.ALL))).error()).isNull();
            c.ue().close();
        }
        assertNothingLeft();
    }
}
