package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.h248.iq.IqFixtures.*;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediasec.common.Bytes;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.RequestedEvent;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/** What the readers refuse, with which H.248.8 code; what the spec records refuse. */
@Tag("proposal-h248-security")
class IqErrorsTest {
    static final String TLS_LOCAL = "v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=setup:passive|a=fingerprint:$";
    static final String TLS_REMOTE = "v=0|c=IN IP4 192.0.2.10|m=message 7394 TCP/TLS/MSRP *|a=setup:active|a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B";

    static SdpBlock sdp(String lines) {
        return lines == null || lines.isEmpty() ? null : SdpBlock.of(lines.replace('|', '\n'));
    }

    static CommandRequest add(String local, String remote, LocalControlDescriptor lc) {
        return CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE,
                MediaDescriptor.of(new StreamDescriptor(1, new StreamParms(lc, sdp(local), sdp(remote), null))));
    }

    /** Through the text codec, as the MG receives it. */
    static CommandRequest received(CommandRequest c) {
        H248Message m = request(ALG, 9, org.mediasec.h248.ActionRequest.of(ContextId.CHOOSE, c));
        return IqRoundTripTest.firstCommand(H248TextCodec.decode(H248TextCodec.encodeToString(m, Style.COMPACT)).orThrow());
    }

    static void refused(IqRequests reader, CommandRequest c, ErrorCode code, String textPart) {
        assertThatThrownBy(() -> reader.termination(received(c)))
                .isInstanceOfSatisfying(IqException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.reason()).contains(textPart);
                    // the error reply the MG sends encodes and decodes
                    CommandReply r = e.commandReply(CommandKind.ADD, TerminationId.CHOOSE);
                    H248Message msg = reply(AGW, 9, ActionReply.of(ContextId.NULL, r));
                    assertThat(H248TextCodec.decode(H248TextCodec.encodeToString(msg, Style.PRETTY)).orThrow()).isEqualTo(msg);
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        // code; expected text; Local; Remote
        "449; TCP/FOO; v=0|c=IN IP4 $|m=message $ TCP/FOO *; ",
        "472; a=setup missing; v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=fingerprint:$; ",
        "449; actpass; v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=setup:actpass; ",
        "449; only $; v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=setup:passive|a=fingerprint:sha-256 AA:BB; ",
        "473; Remote TCP/MSRP; " + TLS_LOCAL + "; v=0|c=IN IP4 192.0.2.10|m=message 7394 TCP/MSRP *",
        "473; plain TCP/MSRP; v=0|c=IN IP4 $|m=message $ TCP/MSRP *|a=setup:active|a=fingerprint:$; ",
        "473; plain TCP; v=0|c=IN IP4 $|m=message $ TCP *|a=setup:active; v=0|c=IN IP4 192.0.2.10|m=message 9 TCP *|a=fingerprint:" + "sha-1 AA:BB",
        "473; plain TCP; v=0|c=IN IP4 $|m=message $ TCP *|a=setup:active|a=tls-id:abc3de65cddef001be82; ",
        "474; fingerprint; " + TLS_LOCAL + "; v=0|c=IN IP4 192.0.2.10|m=message 7394 TCP/TLS/MSRP *|a=fingerprint:sha-256 ZZ",
        "474; Local; garbage line; ",
        "472; no m= line; v=0|c=IN IP4 $; ",
        "472; no c= line; v=0|m=message $ TCP/TLS/MSRP *|a=setup:passive; ",
        "501; 2 m= lines; v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=setup:passive|m=message $ TCP/MSRP *; ",
        "449; Remote: $; " + TLS_LOCAL + "; v=0|c=IN IP4 $|m=message 7394 TCP/TLS/MSRP *",
        "449; Remote: 192.0.2.10 $; " + TLS_LOCAL + "; v=0|c=IN IP4 192.0.2.10|m=message $ TCP/TLS/MSRP *",
        "449; a=fingerprint:$; " + TLS_LOCAL + "; v=0|c=IN IP4 192.0.2.10|m=message 7394 TCP/TLS/MSRP *|a=fingerprint:$",
        "449; setup is for TCP; v=0|c=IN IP4 $|m=image $ UDP t38|a=setup:active; ",
        "474; tls-id; v=0|c=IN IP4 $|m=image $ UDP/DTLS t38|a=tls-id:short; ",
        "474; appears 2 times; v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=setup:passive|a=setup:active; ",
        "449; wildcard; v=0|c=IN IP4 $|m=message - TCP/TLS/MSRP *|a=setup:passive; ",
        "441; Local; ; " + TLS_REMOTE,
        "473; in both Local and Remote; " + TLS_LOCAL + "; v=0|c=IN IP4 192.0.2.10|m=message 7394 TCP/TLS/MSRP *|a=setup:passive",
        "473; in both Local and Remote; v=0|c=IN IP4 $|m=message $ TCP *|a=setup:active; v=0|c=IN IP4 192.0.2.10|m=message 9 TCP *|a=setup:active",
    })
    void requestRefused(int code, String text, String local, String remote) {
        refused(IqRequests.DEFAULT, add(local, remote, null), ErrorCode.of(code), text);
    }

    @Test
    void commandsWithoutAStreamToRead() {
        CommandRequest eventsOnly = CommandRequest.of(CommandKind.MODIFY, TerminationId.of("t/1"),
                EventsDescriptor.of(5, RequestedEvent.of("g/cause")));
        refused(IqRequests.DEFAULT, eventsOnly, ErrorCode.MISSING_REMOTE_OR_LOCAL_DESCRIPTOR, "Local");
        assertThat(IqRequests.DEFAULT.remote(eventsOnly)).isEmpty();
        assertThat(IqRequests.DEFAULT.mode(eventsOnly)).isEmpty();
        assertThat(IqRequests.DEFAULT.events(eventsOnly)).contains(IqEvents.failures(5));
        refused(IqRequests.DEFAULT, add(null, null, LocalControlDescriptor.mode(StreamMode.SEND_RECEIVE)),
                ErrorCode.MISSING_REMOTE_OR_LOCAL_DESCRIPTOR, "Local");
        StreamParms p = new StreamParms(null, sdp(TLS_LOCAL), null, null);
        CommandRequest twoStreams = CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE, MediaDescriptor.of(
                new StreamDescriptor(1, p), new StreamDescriptor(2, p)));
        refused(IqRequests.DEFAULT, twoStreams, ErrorCode.NOT_IMPLEMENTED, "2 streams");
        // the default stream (no Stream = n) is read too
        CommandRequest defaultStream = CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE,
                new MediaDescriptor(null, p, List.of()));
        assertThat(IqRequests.DEFAULT.termination(received(defaultStream)))
                .isEqualTo(TlsTermination.msrp(Setup.PASSIVE).build());
    }

    @Test
    void pskErrorsNeverShowTheKey() {
        IqRequests reader = new IqRequests(PSK_PROFILE);
        String local = "v=0|c=IN IP4 $|m=message $ TCP/TLS/MSRP *|a=setup:passive";
        refused(reader, add(local, null, lc(PropertyParm.of("xmrfp/psk", "00aa11"))),
                ErrorCode.REQUIRED_INFORMATION_MISSING, "go together");
        refused(reader, add(local, null, lc(PropertyParm.of("xmrfp/psk", "00aa1"), PropertyParm.of("xmrfp/pskid", "01"))),
                ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "hex");
        assertThatThrownBy(() -> reader.termination(received(add(local, null,
                lc(PropertyParm.of("xmrfp/psk", "00aa1"), PropertyParm.of("xmrfp/pskid", "01"))))))
                .hasMessageNotContaining("00aa1");
        refused(reader, add(local + "|a=fingerprint:$", null, lc(PropertyParm.of("xmrfp/psk", "00aa11"),
                PropertyParm.of("xmrfp/pskid", "01"))), ErrorCode.CONFLICTING_PROPERTY_VALUES, "PSK");
        refused(reader, add("v=0|c=IN IP4 $|m=message $ TCP/MSRP *|a=setup:passive", null,
                lc(PropertyParm.of("xmrfp/psk", "00aa11"), PropertyParm.of("xmrfp/pskid", "01"))),
                ErrorCode.CONFLICTING_PROPERTY_VALUES, "PSK");
        // without a PSK coding, the properties are not ours: the termination reads without a PSK
        assertThat(((TlsTermination) IqRequests.DEFAULT.termination(received(add(local, null,
                lc(PropertyParm.of("xmrfp/psk", "00aa11"), PropertyParm.of("xmrfp/pskid", "01")))))).psk()).isNull();
    }

    private static LocalControlDescriptor lc(PropertyParm... ps) {
        return new LocalControlDescriptor(null, null, null, List.of(ps));
    }

    static CommandReply addReply(String local) {
        return CommandReply.of(CommandKind.ADD, TerminationId.of("access/1"),
                MediaDescriptor.of(new StreamDescriptor(1, new StreamParms(null, sdp(local), null, null))));
    }

    @Test
    void repliesTheMgcCannotUse() {
        assertThatThrownBy(() -> IqReplies.local(addReply("v=0|c=IN IP4 203.0.113.5|m=message 40000 TCP/TLS/MSRP *|a=fingerprint:$")))
                .isInstanceOfSatisfying(IqException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE));
        assertThatThrownBy(() -> IqReplies.local(addReply("v=0|c=IN IP4 $|m=message 40000 TCP/TLS/MSRP *")))
                .isInstanceOfSatisfying(IqException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE));
        assertThatThrownBy(() -> IqReplies.localFingerprint(addReply("v=0|c=IN IP4 203.0.113.5|m=message 40000 TCP/TLS/MSRP *")))
                .isInstanceOfSatisfying(IqException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.REQUIRED_INFORMATION_MISSING));
        assertThatThrownBy(() -> IqReplies.local(CommandReply.of(CommandKind.ADD, TerminationId.of("access/1"))))
                .isInstanceOfSatisfying(IqException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_REMOTE_OR_LOCAL_DESCRIPTOR));
        CommandReply refused = CommandReply.of(CommandKind.ADD, TerminationId.CHOOSE,
                new ErrorDescriptor(ErrorCode.INSUFFICIENT_RESOURCES, "no port"));
        assertThat(IqReplies.error(refused)).contains(new ErrorDescriptor(ErrorCode.INSUFFICIENT_RESOURCES, "no port"));
        assertThatThrownBy(() -> IqReplies.localFingerprint(refused))
                .isInstanceOfSatisfying(IqException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INSUFFICIENT_RESOURCES));
    }

    @Test
    void specsRefuseWhatTheProfileCannotCarry() {
        assertThatThrownBy(() -> TlsTermination.builder("message", Proto.TCP_MSRP, "*").setup(Setup.PASSIVE).build())
                .hasMessageContaining("TCP/MSRP");
        assertThatThrownBy(() -> PlainTermination.of("message", Proto.TCP_TLS_MSRP, Setup.PASSIVE, "*"))
                .hasMessageContaining("TlsTermination");
        assertThatThrownBy(() -> PlainTermination.passThrough("message", Setup.PASSIVE)
                .withRemote(RemoteMedia.of("192.0.2.10", 9, Setup.ACTIVE, UE_FP))).hasMessageContaining("TLS information");
        assertThatThrownBy(() -> TlsTermination.msrp(null).build()).hasMessageContaining("a=setup missing");
        assertThatThrownBy(() -> TlsTermination.msrp(Setup.ACTPASS).build()).hasMessageContaining("MGC decides");
        assertThatThrownBy(() -> TlsTermination.msrp(Setup.PASSIVE).remote(RemoteMedia.of("192.0.2.10", 9, Setup.PASSIVE)).build())
                .hasMessageContaining("in both Local and Remote");
        assertThatThrownBy(() -> PlainTermination.of("image", Proto.UDP, Setup.ACTIVE, "t38")).hasMessageContaining("TCP, TLS and DTLS");
        assertThatThrownBy(() -> PlainTermination.of("message", Proto.TCP, Setup.ACTIVE)).hasMessageContaining("formats");
        assertThatThrownBy(() -> new RemoteMedia(MediaEndpoint.choose(), null, List.of(), null)).hasMessageContaining("$");
        assertThatThrownBy(() -> IqLocal.answer(access(), MediaEndpoint.choose(), List.of(AGW_FP))).hasMessageContaining("$");
        assertThatThrownBy(() -> IqLocal.answer(access(), MediaEndpoint.of("203.0.113.5", 1), List.of()))
                .hasMessageContaining("asked for the local certificate fingerprint");
        assertThatThrownBy(() -> IqLocal.answer(core(), MediaEndpoint.of("203.0.113.5", 1), List.of(AGW_FP)))
                .hasMessageContaining("no certificate");
        assertThatThrownBy(() -> new IqProfile("a/b", null)).hasMessageContaining("together");
        assertThatThrownBy(() -> IqProfile.withPsk("nopackage", "a/b")).hasMessageContaining("package/item");
        assertThatThrownBy(() -> new TlsTermination("message", Proto.TCP_TLS_MSRP, List.of("*"), MediaEndpoint.choose(),
                Setup.PASSIVE, true, null, null, null, new TlsPsk(Bytes.of((byte) 1), Bytes.of((byte) 2)), null))
                .hasMessageContaining("PSK");
        assertThatThrownBy(() -> IqCommands.DEFAULT.add(mrfpPsk())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IqCommands.DEFAULT.modifyRemote(TerminationId.of("t/1"), core())).hasMessageContaining("no remote");
        assertThatThrownBy(() -> new IqFailure(FailureCause.TLS_HANDSHAKE_FAILURE, GeneralCause.FP, "a \"quote\""))
                .hasMessageContaining("double quote");
        assertThat(IqFailure.of(FailureCause.TLS_HANDSHAKE_FAILURE, "a \"quote\"\n").detail()).isEqualTo("a 'quote'");
        assertThatThrownBy(() -> new MediaEndpoint(org.mediasec.sdp.ConnectionData.of("192.0.2.1"), 70000)).hasMessageContaining("port");
        assertThat(MediaEndpoint.choose().isChoose()).isTrue();
        assertThat(MediaEndpoint.of("192.0.2.1", MediaDescription.PORT_CHOOSE + 10).isChoose()).isFalse();
    }
}
