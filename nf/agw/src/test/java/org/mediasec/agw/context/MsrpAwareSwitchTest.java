package org.mediasec.agw.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqEvents;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.h248.iq.PlainTermination;
import org.mediasec.h248.iq.RemoteMedia;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/**
 * A Modify turns application-agnostic MSRP terminations MSRP-aware ({@code docs/iq-profile.md} row 26, §10):
 * what the IMS-ALG asks for when the SDP answer to an offer with {@code a=msrp-cema} has none (RFC 6714
 * §6.2). Driven by our MGC: an e2ae context reserved agnostic ({@code TCP/TLS} + {@code TCP}) turned aware
 * before anyone connected; a pass-through pair whose peers are connected turned aware before the first
 * octet (the MSRP handlers join the connected pipelines); and the same Modify after one octet crossed,
 * refused with 473 and a reason, the bytes still relayed as before.
 */
class MsrpAwareSwitchTest extends AgwNodeTestBase {
    static final MsrpUri UE_A = MsrpUri.parse("msrps://127.0.0.1:9/ue-a-cema;tcp");
    static final MsrpUri UE_PLAIN = MsrpUri.parse("msrp://127.0.0.1:9/ue-plain;tcp");
    static final MsrpUri CORE_B = MsrpUri.parse("msrp://127.0.0.1:9/core-b;tcp");

    @Test
    void anAgnosticE2aeContextTurnsAwareAtTheAnswerAndAMessageCrossesRewritten() throws Exception {
        try (MsrpPeerEndpoints peers = new MsrpPeerEndpoints(transports, UE)) {
            // the offer had a=msrp-cema: TCP/TLS toward the UE, TCP toward the core (TS 23.334 §6.2.18.4)
            TlsTermination access = TlsTermination.msrpAgnostic(Setup.PASSIVE).events(IqEvents.failures(4001)).build();
            Transaction.Reply r1 = call(new ActionRequest(ContextId.CHOOSE, List.of(IqCommands.DEFAULT.add(access))));
            CommandReply a = first(r1);
            ContextId ctx = r1.actions().get(0).contextId();
            InetSocketAddress accessAddress = address(IqReplies.localEndpoint(a));
            CertificateFingerprint agwFp = IqReplies.localFingerprint(a).get(0);
            PlainTermination core = PlainTermination.msrpCore(MsrpHandling.APPLICATION_AGNOSTIC, Setup.ACTIVE)
                    .withEvents(IqEvents.failures(4002));
            CommandReply c = first(call(ActionRequest.of(ctx, IqCommands.DEFAULT.add(core))));
            assertThat(c.descriptor(ErrorDescriptor.class)).isNull();

            // the answer came without a=msrp-cema: both terminations turn aware in the answer's Modifies. Toward
            // the core the AGW keeps the UE's URI (the core peer saw it in the offer); toward the UE it takes a
            // new URI at its own address and port (written into the answer to the UE)
            MsrpUri agwAccess = MsrpUri.parse("msrps://127.0.0.1:" + accessAddress.getPort() + "/agw-switched;tcp");
            TlsTermination accessAware = new TlsTermination("message", Proto.TCP_TLS_MSRP, List.of("*"), access.local(),
                    Setup.PASSIVE, false, null, RemoteMedia.of("127.0.0.1", 9, Setup.ACTIVE, UE.fingerprint())
                    .withMsrpPath(List.of(UE_A.toString())), null, null, null, List.of(agwAccess.toString()));
            PlainTermination coreAware = PlainTermination.of("message", Proto.TCP_MSRP, Setup.ACTIVE, "*")
                    .withRemote(RemoteMedia.of("127.0.0.1", peers.bAddress.getPort(), Setup.PASSIVE)
                            .withMsrpPath(List.of(peers.bUri.toString())))
                    .withLocalMsrpPath(List.of(UE_A.toString()));
            Transaction.Reply m = call(ActionRequest.of(ctx, IqCommands.DEFAULT.modify(a.terminationId(), accessAware),
                    IqCommands.DEFAULT.modify(c.terminationId(), coreAware)));
            assertThat(m.actions().get(0).replies()).allSatisfy(r -> assertThat(r.descriptor(ErrorDescriptor.class))
                    .as(r.toString()).isNull());

            MsrpPeerSessions s = peers.open(UE_A, agwAccess, accessAddress, agwFp, UE_A, T);
            s.connected();
            s.aSendsAndBAcknowledges("switched at the answer");
            s.bSendsAndAAcknowledges("and back");
            s.assertNoSendFailed();

            assertThat(call(ActionRequest.of(ctx, IqCommands.subtract(TerminationId.ALL))).error()).isNull();
            s.close();
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    /** The Modify that turns a pass-through termination aware: TCP/MSRP with the two a=path lines. */
    static PlainTermination aware(Setup setup, MsrpUri local, MsrpUri peer, InetSocketAddress peerAddress) {
        return PlainTermination.of("message", Proto.TCP_MSRP, setup, "*")
                .withRemote(RemoteMedia.of("127.0.0.1", peerAddress.getPort(), setup == Setup.ACTIVE ? Setup.PASSIVE
                        : Setup.ACTIVE).withMsrpPath(List.of(peer.toString())))
                .withLocalMsrpPath(List.of(local.toString()));
    }

    @Test
    void connectedPeersTurnAwareBeforeTheFirstOctetAndThePathsAreRewritten() throws Exception {
        try (Peers.Core corePeer = new Peers.Core()) {
            Connected c = connectedPassThrough(corePeer);
            MsrpUri agwAccess = MsrpUri.parse("msrp://127.0.0.1:" + c.accessAddress().getPort() + "/agw-a;tcp");
            MsrpUri agwCore = MsrpUri.parse("msrp://127.0.0.1:9/agw-c;tcp");
            Transaction.Reply m = call(ActionRequest.of(c.ctx(),
                    IqCommands.DEFAULT.modify(c.access(), aware(Setup.PASSIVE, agwAccess, UE_PLAIN, c.accessAddress())),
                    IqCommands.DEFAULT.modify(c.core(), aware(Setup.ACTIVE, agwCore, CORE_B,
                            new InetSocketAddress("127.0.0.1", corePeer.port())))));
            assertThat(m.actions().get(0).replies()).allSatisfy(r -> assertThat(r.descriptor(ErrorDescriptor.class))
                    .as(r.toString()).isNull());

            c.ue().getOutputStream().write(send("tr1abc", agwAccess, UE_PLAIN, "hello"));
            String atCore = readMessage(c.coreSide().getInputStream(), "tr1abc");
            assertThat(atCore).contains("To-Path: " + CORE_B + "\r\n").contains("From-Path: " + agwCore + "\r\n")
                    .contains("\r\n\r\nhello\r\n");
            c.coreSide().getOutputStream().write(("MSRP tr1abc 200 OK\r\nTo-Path: " + agwCore + "\r\nFrom-Path: " + CORE_B
                    + "\r\n-------tr1abc$\r\n").getBytes(StandardCharsets.US_ASCII));
            String atUe = readMessage(c.ue().getInputStream(), "tr1abc");
            assertThat(atUe).startsWith("MSRP tr1abc 200 OK\r\n").contains("To-Path: " + UE_PLAIN + "\r\n")
                    .contains("From-Path: " + agwAccess + "\r\n");

            assertThat(call(ActionRequest.of(c.ctx(), IqCommands.subtract(TerminationId.ALL))).error()).isNull();
            c.ue().close();
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    @Test
    void afterTheFirstOctetTheSwitchIsRefusedWith473AndBytesStillFlow() throws Exception {
        try (Peers.Core corePeer = new Peers.Core()) {
            Connected c = connectedPassThrough(corePeer);
            c.ue().getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.coreSide().getInputStream().readNBytes(3)).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));

            MsrpUri agwAccess = MsrpUri.parse("msrp://127.0.0.1:" + c.accessAddress().getPort() + "/agw-a;tcp");
            Transaction.Reply m = call(ActionRequest.of(c.ctx(),
                    IqCommands.DEFAULT.modify(c.access(), aware(Setup.PASSIVE, agwAccess, UE_PLAIN, c.accessAddress()))));
            ErrorDescriptor e = m.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class);
            assertThat(e).isNotNull();
            assertThat(e.code().code()).isEqualTo(473);
            assertThat(e.text()).contains("cannot turn MSRP-aware").contains("3 octets already crossed this context")
                    .contains("no frame boundary");

            // the termination stays a byte relay: more bytes cross untouched, both ways
            c.ue().getOutputStream().write("MSRP not parsed\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(c.coreSide().getInputStream().readNBytes(17), StandardCharsets.US_ASCII))
                    .isEqualTo("MSRP not parsed\r\n");
            c.coreSide().getOutputStream().write("back".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.ue().getInputStream().readNBytes(4)).isEqualTo("back".getBytes(StandardCharsets.US_ASCII));
            // and a Modify that changes the proto without a=path is the old refusal
            Transaction.Reply noPath = call(ActionRequest.of(c.ctx(), IqCommands.DEFAULT.modify(c.access(),
                    PlainTermination.of("message", Proto.TCP_MSRP, Setup.PASSIVE, "*"))));
            ErrorDescriptor e2 = noPath.actions().get(0).replies().get(0).descriptor(ErrorDescriptor.class);
            assertThat(e2.code().code()).isEqualTo(473);
            assertThat(e2.text()).contains("cannot change to TCP/MSRP");

            assertThat(call(ActionRequest.of(c.ctx(), IqCommands.subtract(TerminationId.ALL))).error()).isNull();
            c.ue().close();
        }
        assertThat(notifies).isEmpty();
        assertNothingLeft();
    }

    static byte[] send(String tid, MsrpUri to, MsrpUri from, String text) {
        return ("MSRP " + tid + " SEND\r\nTo-Path: " + to + "\r\nFrom-Path: " + from + "\r\nMessage-ID: m-" + tid
                + "\r\nByte-Range: 1-" + text.length() + "/" + text.length() + "\r\nContent-Type: text/plain\r\n\r\n"
                + text + "\r\n-------" + tid + "$\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one MSRP message up to its end-line (RFC 4975 §7.1: seven dashes, the transaction id, a flag). */
    static String readMessage(InputStream in, String tid) throws IOException {
        String end = "-------" + tid + "$\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream before " + end.strip() + " in: " + out.toString(StandardCharsets.US_ASCII));
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
