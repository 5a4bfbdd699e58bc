package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.sdp.Setup;

/**
 * The same node as TrGW ({@code profile: trgw}, Ix, {@code docs/iq-profile.md} row 25): realms named
 * for the two networks, pass-through only. TLS between two endpoints that pin only each other crosses
 * it undecrypted (it holds no key for them); a termination asking it to terminate TLS, or to parse
 * MSRP, is refused with 449 and a reason, and leaves nothing behind.
 */
class TrgwProfileTest extends AgwNodeTestBase {

    @Override
    AgwConfig configure(AgwConfig config) {
        List<AgwConfig.RealmConfig> r = config.realms();
        return config.withProfile(AgwConfig.PROFILE_TRGW).withRealms(List.of(
                new AgwConfig.RealmConfig("home", "127.0.0.1", null, r.get(0).minPort(), r.get(0).maxPort()),
                new AgwConfig.RealmConfig("interconnect", "127.0.0.1", null, r.get(1).minPort(), r.get(1).maxPort())));
    }

    @Test
    void tlsBetweenTwoPinnedEndpointsCrossesTheTrgwUndecrypted() throws Exception {
        try (SSLServerSocket far = Peers.ueServer(OTHER, UE.fingerprint())) {
            CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) far.accept()) {
                    byte[] got = s.getInputStream().readNBytes(5);
                    s.getOutputStream().write("pong!".getBytes());
                    s.getOutputStream().flush();
                    return got;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ActionRequest reserve = passThroughReserve(far.getLocalPort());
            Transaction.Reply r = call(reserve);
            ContextId ctx = r.actions().get(0).contextId();
            List<CommandReply> adds = r.actions().get(0).replies();
            assertThat(adds.get(0).terminationId().text()).startsWith("home/");
            assertThat(adds.get(1).terminationId().text()).startsWith("interconnect/");
            InetSocketAddress near = address(IqReplies.localEndpoint(adds.get(0)));
            try (SSLSocket ue = Peers.ue(near, UE, OTHER.fingerprint())) {
                ue.getOutputStream().write("ping!".getBytes());
                ue.getOutputStream().flush();
                assertThat(new String(ue.getInputStream().readNBytes(5))).isEqualTo("pong!");
                assertThat(new String(served.get(T, TimeUnit.SECONDS))).isEqualTo("ping!");
                assertThat(ue.getSession().getPeerCertificates()[0]).isEqualTo(OTHER.certificate());
            }
            assertThat(call(ActionRequest.of(ctx, IqCommands.subtract(TerminationId.ALL))).error()).isNull();
        }
        assertNothingLeft();
    }

    @Test
    void tlsTerminationIsRefusedWith449() throws Exception {
        Transaction.Reply r = call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(
                TlsTermination.msrp(Setup.PASSIVE).build()))));
        ErrorDescriptor e = r.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class);
        assertThat(e).isNotNull();
        assertThat(e.code().code()).isEqualTo(449);
        assertThat(e.text()).contains("TrGW profile: pass-through only").contains("TCP/TLS/MSRP asks the MG to terminate TLS");
        assertNothingLeft();
    }

    @Test
    void msrpAwareModeIsRefusedWith449() throws Exception {
        CommandReply first = first(call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(
                PlainTermination.passThrough("message", Setup.PASSIVE))))));
        assertThat(first.descriptor(ErrorDescriptor.class)).isNull();
        Transaction.Reply r = call(new ActionRequest(ContextId.CHOOSE, List.of(MsrpAwareModeTest.withPaths(
                IqCommands.DEFAULT.add(PlainTermination.msrpCore(org.mediasec.h248.iq.MsrpHandling.APPLICATION_AWARE,
                        Setup.PASSIVE)), MsrpUri.parse("msrp://127.0.0.1:9/x;tcp"), MsrpUri.parse("msrp://127.0.0.1:9/y;tcp")))));
        ErrorDescriptor e = r.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class);
        assertThat(e).isNotNull();
        assertThat(e.code().code()).isEqualTo(449);
        assertThat(e.text()).contains("MSRP-aware");
        assertThat(agw.contexts().contexts()).isEqualTo(1);      // the first one only
    }
}
