package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.sdp.Setup;

/** MSRP application-aware mode on the MGC side: Local and Remote {@code a=path} (iq-profile.md row 26, §10). */
class IqMsrpPathTest {
    private static final String AGW_A = "msrps://203.0.113.5:20001/agw-a1;tcp";
    private static final String UE_A = "msrps://192.0.2.10:2855/ue-a;tcp";

    private static StreamParms parms(CommandRequest c) {
        return c.descriptor(MediaDescriptor.class).streams().get(0).parms();
    }

    @Test
    void accessTerminationCarriesLocalAndRemotePathAsInSection10() {
        TlsTermination t = TlsTermination.msrp(Setup.PASSIVE).localMsrpPath(List.of(AGW_A))
                .remote(RemoteMedia.of("192.0.2.10", 2855, Setup.ACTIVE).withMsrpPath(List.of(UE_A))).build();
        CommandRequest modify = IqCommands.DEFAULT.modify(TerminationId.of("access/1"), t);
        assertThat(parms(modify).local().text().lines()).contains("a=path:" + AGW_A);
        assertThat(parms(modify).remote().text().lines()).contains("a=path:" + UE_A);
        assertThat(t.toBuilder().build()).isEqualTo(t);
        assertThat(IqRequests.DEFAULT.termination(modify)).isEqualTo(t);          // the MG reads both paths back
    }

    @Test
    void corePlainTerminationCarriesPathAndKeepsItThroughWithers() {
        PlainTermination core = PlainTermination.msrpCore(MsrpHandling.APPLICATION_AWARE, Setup.ACTIVE)
                .withLocalMsrpPath(List.of("msrp://198.51.100.1:9/agw-c1;tcp"))
                .withRemote(RemoteMedia.of("198.51.100.77", 2855, Setup.PASSIVE)
                        .withMsrpPath(List.of("msrp://198.51.100.77:2855/ue-b;tcp")))
                .withMode(null).withEvents(null);
        assertThat(core.localMsrpPath()).containsExactly("msrp://198.51.100.1:9/agw-c1;tcp");
        String local = IqCommands.localSdp(core).text();
        assertThat(local.lines()).contains("a=path:msrp://198.51.100.1:9/agw-c1;tcp");
        assertThat(IqCommands.remoteSdp(core).text().lines()).contains("a=path:msrp://198.51.100.77:2855/ue-b;tcp");
    }

    @Test
    void withoutPathsTheCodingIsUnchanged() {
        TlsTermination t = TlsTermination.msrp(Setup.PASSIVE).remote(RemoteMedia.of("192.0.2.10", 2855, Setup.ACTIVE)).build();
        assertThat(t.localMsrpPath()).isEmpty();
        assertThat(IqCommands.localSdp(t).text()).doesNotContain("a=path");
        assertThat(IqCommands.remoteSdp(t).text()).doesNotContain("a=path");
    }

    @Test
    void pathOnAnAgnosticProtoOrChooseIsRefusedAtBuildTime() {
        // row 26: "Local a=path on an agnostic proto (TCP, TCP/TLS) 473", "a=path:$ 449"
        assertThatThrownBy(() -> TlsTermination.msrpAgnostic(Setup.PASSIVE).localMsrpPath(List.of(AGW_A)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSRP-aware");
        assertThatThrownBy(() -> PlainTermination.passThrough("message", Setup.ACTIVE).withLocalMsrpPath(List.of(AGW_A)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsTermination.msrp(Setup.PASSIVE).localMsrpPath(List.of("$")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no $");
    }

    @Test
    void readsTheReplyLocalPath() {
        CommandReply withPath = CommandReply.of(CommandKind.MODIFY, TerminationId.of("access/1"), MediaDescriptor.of(
                new StreamDescriptor(1, new StreamParms(null, new SdpBlock("v=0\nc=IN IP4 203.0.113.5\n"
                        + "m=message 20001 TCP/TLS/MSRP *\na=setup:passive\na=path:" + AGW_A), null, null))));
        assertThat(IqReplies.localMsrpPath(withPath)).containsExactly(AGW_A);
        CommandReply without = IqReplies.reply(CommandKind.ADD, TerminationId.of("core/1"), new IqLocal("message",
                org.mediasec.sdp.Proto.TCP_MSRP, List.of("*"), MediaEndpoint.of("198.51.100.1", 9), Setup.ACTIVE,
                List.of(), null));
        assertThat(IqReplies.localMsrpPath(without)).isEmpty();
    }
}
