package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqEvents;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.msrp.MsrpException;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.msrp.transfer.FilePayload;
import org.mediasec.sdp.Setup;

/**
 * MSRP application-aware mode ({@code docs/iq-profile.md} row 26) driven by our MGC: UE A (msrps,
 * TLS to the AGW, pinning its fingerprint) and B (plain msrp in the core) each know only the AGW's
 * URI as the other end's {@code a=path}, as an IMS-ALG that rewrites {@code a=path} writes their SDP.
 * With the AGW's URIs in the Local descriptors and the peers' in the Remote ones, the AGW rewrites
 * To-Path/From-Path and the two exchange a message and a file both ways; without them (byte relay)
 * B refuses A's requests with 481 (RFC 4975 §7.3), which is what the rewriting is for.
 */
class MsrpAwareModeTest extends AgwNodeTestBase {
    static final MsrpUri UE_A = MsrpUri.parse("msrps://127.0.0.1:9/ue-a-session;tcp");

    record Context(ContextId ctx, InetSocketAddress access, CertificateFingerprint agwFingerprint, MsrpUri agwAccess,
                   MsrpUri agwCore) {
    }

    /**
     * Reserves an e2ae MSRP context: access {@code TCP/TLS/MSRP} passive, core {@code TCP/MSRP} active
     * toward {@code b}; with {@code aware}, Local and Remote carry {@code a=path} (the access Local in the
     * Modify, once the AGW's port is known, as an IMS-ALG would write it).
     */
    Context reserve(InetSocketAddress b, MsrpUri bUri, boolean aware) throws Exception {
        TlsTermination access = TlsTermination.msrp(Setup.PASSIVE).events(IqEvents.failures(3001)).build();
        Transaction.Reply r1 = call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(access))));
        CommandReply a = first(r1);
        ContextId ctx = r1.actions().get(0).contextId();
        InetSocketAddress accessAddress = address(IqReplies.localEndpoint(a));
        CertificateFingerprint agwFp = IqReplies.localFingerprint(a).get(0);
        MsrpUri agwAccess = MsrpUri.parse("msrps://127.0.0.1:" + accessAddress.getPort() + "/agw-access-" + ctx.value() + ";tcp");
        MsrpUri agwCore = MsrpUri.parse("msrp://127.0.0.1:9/agw-core-" + ctx.value() + ";tcp");

        PlainTermination core = PlainTermination.msrpCore(MsrpHandling.APPLICATION_AWARE, Setup.ACTIVE)
                .withRemote(RemoteMedia.of("127.0.0.1", b.getPort(), Setup.PASSIVE)).withEvents(IqEvents.failures(3002));
        CommandRequest addCore = IqCommands.DEFAULT.add(core);
        CommandReply c = first(call(ActionRequest.of(ctx, aware ? withPaths(addCore, agwCore, bUri) : addCore)));
        assertThat(c.descriptor(ErrorDescriptor.class)).isNull();

        TlsTermination withUe = access.withRemote(RemoteMedia.of("127.0.0.1", 9, Setup.ACTIVE, UE.fingerprint()));
        CommandRequest modify = IqCommands.DEFAULT.modify(a.terminationId(), withUe);
        CommandReply m = first(call(ActionRequest.of(ctx, aware ? withPaths(modify, agwAccess, UE_A) : modify)));
        assertThat(m.descriptor(ErrorDescriptor.class)).isNull();
        return new Context(ctx, accessAddress, agwFp, agwAccess, agwCore);
    }

    /** The command with {@code a=path} added to its Local ({@code local}) and Remote ({@code remote}) SDP. */
    static CommandRequest withPaths(CommandRequest c, MsrpUri local, MsrpUri remote) {
        List<Descriptor> ds = new ArrayList<>();
        for (Descriptor d : c.descriptors()) {
            if (d instanceof MediaDescriptor m) {
                StreamDescriptor s = m.streams().get(0);
                StreamParms p = s.parms();
                d = new MediaDescriptor(m.terminationState(), m.defaultStream(), List.of(new StreamDescriptor(s.id(),
                        new StreamParms(p.localControl(), path(p.local(), local), path(p.remote(), remote), p.statistics()))));
            }
            ds.add(d);
        }
        return new CommandRequest(c.optional(), c.wildcardResponse(), c.kind(), c.terminationId(), ds);
    }

    private static SdpBlock path(SdpBlock sdp, MsrpUri uri) {
        return sdp == null ? null : new SdpBlock(sdp.text() + "\na=path:" + uri);
    }

    @Test
    void theAgwRewritesThePathsSoAMessageAndAFileGoThroughBothWays(@TempDir Path dir) throws Exception {
        try (MsrpPeerEndpoints peers = new MsrpPeerEndpoints(transports, UE)) {
            Context c = reserve(peers.bAddress, peers.bUri, true);
            MsrpPeerSessions s = peers.open(UE_A, c.agwAccess(), c.access(), c.agwFingerprint(), c.agwCore(), T);
            s.connected();
            s.aSendsAndBAcknowledges("hello through the MSRP-aware AGW");

            byte[] content = random(300_000, 7);            // ~150 chunks of 2 KB, each rewritten on its own
            Path file = Files.write(dir.resolve("up.bin"), content);
            String fileId = s.a().send(FilePayload.of(file, "application/octet-stream"), SendOptions.DEFAULT);
            ReceivedMessage got = s.atB().messages.poll(T, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(bytes(got)).isEqualTo(content);
            assertThat(s.atA().sent.poll(T, TimeUnit.SECONDS)).isEqualTo(fileId);

            s.bSendsAndAAcknowledges("and back");
            s.assertNoSendFailed();

            Transaction.Reply sub = call(ActionRequest.of(c.ctx(), IqCommands.subtract(org.mediasec.h248.TerminationId.ALL)));
            assertThat(sub.error()).isNull();
            s.close();
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    @Test
    void withoutTheRewritingTheCorePeerAnswers481() throws Exception {
        try (MsrpPeerEndpoints peers = new MsrpPeerEndpoints(transports, UE)) {
            Context c = reserve(peers.bAddress, peers.bUri, false);
            MsrpPeerSessions s = peers.open(UE_A, c.agwAccess(), c.access(), c.agwFingerprint(), c.agwCore(), T);
            // A's initial SEND (RFC 4975 §5.4) crosses the AGW untouched: B knows no session at the AGW's URI
            assertThatThrownBy(() -> s.a().connected().get(T, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(MsrpException.class).rootCause().hasMessageContaining("481");
            assertThat(s.atA().sessionFailed.get(T, TimeUnit.SECONDS)).contains("481");
            assertThat(s.atB().messages).isEmpty();
            call(ActionRequest.of(c.ctx(), IqCommands.subtract(org.mediasec.h248.TerminationId.ALL)));
            s.close();
        }
        assertNothingLeft();
    }

    @Test
    void aLocalPathOnAnApplicationAgnosticProtoIsRefused() throws Exception {
        TlsTermination agnostic = TlsTermination.msrpAgnostic(Setup.PASSIVE).build();
        Transaction.Reply r = call(new ActionRequest(ContextId.CHOOSE, List.of(withPaths(IqCommands.DEFAULT.add(agnostic),
                MsrpUri.parse("msrps://127.0.0.1:9/x;tcp"), UE_A))));
        ErrorDescriptor e = r.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class);
        assertThat(e).isNotNull();
        assertThat(e.code().code()).isEqualTo(473);
        assertThat(e.text()).contains("application-agnostic");
        assertNothingLeft();
    }

    static byte[] bytes(ReceivedMessage m) throws java.io.IOException {
        if (m.data().isPresent()) {
            return m.data().get().toByteArray();
        }
        return Files.readAllBytes(m.file().orElseThrow());
    }
}
