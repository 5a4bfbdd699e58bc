package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mediasec.agw.bearer.BearerTransport;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqReplies;

/**
 * What the lab reads from an AGW in its own process: the live relay statistics, the final ones when a
 * relay closes ({@link AgwContexts#whenRelayClosed}) and the release of a context by Subtract
 * ({@link AgwContexts#whenContextRemoved}).
 */
class AgwLabHooksTest extends AgwNodeTestBase {
    @Test
    void relayStatisticsAndTheContextsReleaseReachTheListeners() throws Exception {
        CompletableFuture<RelayStats> closed = new CompletableFuture<>();
        CompletableFuture<Long> removed = new CompletableFuture<>();
        agw.contexts().whenRelayClosed(closed::complete);
        agw.contexts().whenContextRemoved(removed::complete);
        try (Peers.Core core = new Peers.Core()) {
            Transaction.Reply r = call(passThroughReserve(core.port()));
            ContextId ctx = r.actions().get(0).contextId();
            List<CommandReply> adds = r.actions().get(0).replies();
            byte[] up = random(30_000, 5);
            try (Socket ue = Peers.plain(address(IqReplies.localEndpoint(adds.get(0))))) {
                ue.getOutputStream().write(up);
                Socket coreSide = core.accepted.get(T, TimeUnit.SECONDS);
                assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);

                assertThat(agw.contexts().relayStats()).singleElement().satisfies(live -> {
                    assertThat(live.id()).isEqualTo("ctx" + ctx.value());
                    assertThat(live.access().bytesIn()).isEqualTo(up.length);
                });
                assertThat(closed).isNotDone();

                call(ActionRequest.of(ctx, IqCommands.subtract(TerminationId.ALL)));
            }
            assertThat(removed.get(T, TimeUnit.SECONDS)).isEqualTo(ctx.value());
            RelayStats last = closed.get(T, TimeUnit.SECONDS);
            assertThat(last.id()).isEqualTo("ctx" + ctx.value());
            assertThat(last.access().transport()).isEqualTo(BearerTransport.PASS_THROUGH);
            assertThat(last.access().wireBytesIn()).isEqualTo(up.length);
            assertThat(last.core().wireBytesOut()).isEqualTo(up.length);
            assertThat(last.access().tls()).isNull();
        }
        assertThat(agw.contexts().relayStats()).isEmpty();
        assertNothingLeft();
    }
}
