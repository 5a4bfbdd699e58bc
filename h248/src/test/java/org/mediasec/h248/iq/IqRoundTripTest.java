package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.h248.iq.IqFixtures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.sdp.Setup;

/** spec → H.248 message → text (both styles) → decode → reader → the same spec. */
@Tag("proposal-h248-security")
class IqRoundTripTest {

    static Stream<Arguments> terminations() {
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, IqTermination> e : IqFixtures.terminations().entrySet()) {
            out.add(Arguments.of(e.getKey(), e.getValue(), IqProfile.DEFAULT));
        }
        out.add(Arguments.of("mrfp-psk", mrfpPsk(), PSK_PROFILE));
        return out.stream();
    }

    /** Encodes in {@code style}, decodes, and checks the model came back unchanged. */
    static H248Message viaText(H248Message m, Style style) {
        String text = H248TextCodec.encodeToString(m, style);
        H248Message back = H248TextCodec.decode(text).orThrow();
        assertThat(back).as("%s text:\n%s", style, text).isEqualTo(m);
        return back;
    }

    static CommandRequest firstCommand(H248Message m) {
        return ((Transaction.Request) ((TransactionList) m.body()).transactions().get(0)).actions().get(0).commands().get(0);
    }

    static CommandReply firstReply(H248Message m) {
        return ((Transaction.Reply) ((TransactionList) m.body()).transactions().get(0)).actions().get(0).replies().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminations")
    void addAndModifyRoundTripInBothStyles(String name, IqTermination spec, IqProfile profile) {
        IqCommands cmd = new IqCommands(profile);
        IqRequests reader = new IqRequests(profile);
        TerminationId tid = TerminationId.of("t/1");
        for (CommandRequest c : List.of(cmd.add(spec), cmd.add(tid, spec), cmd.modify(tid, spec))) {
            H248Message m = request(ALG, 77, ActionRequest.of(ContextId.CHOOSE, c));
            for (Style style : Style.values()) {
                CommandRequest back = firstCommand(viaText(m, style));
                assertThat(reader.hasLocal(back)).isTrue();
                assertThat(reader.termination(back)).as(name).isEqualTo(spec);
                assertThat(reader.remote(back)).isEqualTo(java.util.Optional.ofNullable(spec.remote()));
                assertThat(reader.mode(back)).isEqualTo(java.util.Optional.ofNullable(spec.mode()));
                assertThat(reader.events(back)).isEqualTo(java.util.Optional.ofNullable(spec.events()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminations")
    void modifyRemoteCarriesOnlyTheRemote(String name, IqTermination spec, IqProfile profile) {
        if (spec.remote() == null) {
            return;
        }
        CommandRequest c = new IqCommands(profile).modifyRemote(TerminationId.of("t/1"), spec);
        for (Style style : Style.values()) {
            CommandRequest back = firstCommand(viaText(request(ALG, 78, ActionRequest.of(ContextId.of(5), c)), style));
            IqRequests reader = new IqRequests(profile);
            assertThat(reader.hasLocal(back)).isFalse();
            assertThat(reader.remote(back)).contains(spec.remote());
            assertThat(reader.mode(back)).isEqualTo(java.util.Optional.ofNullable(spec.mode()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminations")
    void replyRoundTrips(String name, IqTermination spec, IqProfile profile) {
        boolean wantsFp = spec instanceof TlsTermination t && t.requestLocalFingerprint();
        IqLocal local = IqLocal.answer(spec, spec.local().isChoose()
                        ? MediaEndpoint.of(spec.local().connection().addrType().equals("IP6") ? "2001:db8::5" : "203.0.113.5", 40000)
                        : spec.local(),
                wantsFp ? List.of(AGW_FP) : List.of());
        H248Message m = reply(AGW, 77, ActionReply.of(ContextId.of(9), IqReplies.reply(CommandKind.ADD, TerminationId.of("t/1"), local),
                IqReplies.reply(CommandKind.MODIFY, TerminationId.of("t/2"), local, spec.remote())));
        for (Style style : Style.values()) {
            CommandReply echo = ((Transaction.Reply) ((TransactionList) viaText(m, style).body()).transactions().get(0))
                    .actions().get(0).replies().get(1);
            assertThat(IqReplies.local(echo)).isEqualTo(local);
            if (spec.remote() != null) {
                assertThat(IqRequests.remoteMedia(IqSdp.parse(echo.descriptor(MediaDescriptor.class).streams().get(0)
                        .parms().remote(), "Remote"))).isEqualTo(spec.remote());
            }
            CommandReply back = firstReply(viaText(m, style));
            assertThat(IqReplies.local(back)).isEqualTo(local);
            assertThat(IqReplies.localEndpoint(back)).isEqualTo(local.endpoint());
            assertThat(IqReplies.error(back)).isEmpty();
            if (wantsFp) {
                assertThat(IqReplies.localFingerprint(back)).containsExactly(AGW_FP);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FailureCause.class)
    void failureNotifyRoundTrips(FailureCause cause) {
        IqFailure f = cause == FailureCause.OTHER ? new IqFailure(cause, GeneralCause.FP, "something else")
                : IqFailure.of(cause, "detail of " + cause);
        H248Message m = request(AGW, 3, IqNotify.action(ContextId.of(1), TerminationId.of("access/1"), 2001, TIME, f));
        for (Style style : Style.values()) {
            assertThat(IqNotify.read(firstCommand(viaText(m, style)))).contains(f);
        }
        assertThat(f.isTls()).isEqualTo(cause.name().startsWith("TLS_"));
    }

    @Test
    void failureWithoutDetailOrTimestamp() {
        IqFailure f = IqFailure.of(FailureCause.TLS_HANDSHAKE_TIMEOUT, null);
        H248Message m = request(AGW, 3, IqNotify.action(ContextId.of(1), TerminationId.of("access/1"), 9, null, f));
        String compact = H248TextCodec.encodeToString(m, Style.COMPACT);
        assertThat(compact).contains("g/cause{Generalcause=FT,Failurecause=tls-handshake-timeout}");
        assertThat(IqNotify.read(firstCommand(viaText(m, Style.PRETTY)))).contains(f);
        assertThat(f.generalCause()).isEqualTo(GeneralCause.FT);
    }

    @Test
    void foreignFailureReadsAsOtherWithTheWholeText() {
        H248Message m = H248TextCodec.decode("!/3 [203.0.113.1]:2944\nT=4{C=1{N=access/1{OE=2001{g/cause{"
                + "generalcause=ft,failurecause=\"DTLS handshake failure: bad_certificate\"}}}}}").orThrow();
        IqFailure f = IqNotify.read(firstCommand(m)).orElseThrow();
        assertThat(f.cause()).isEqualTo(FailureCause.OTHER);
        assertThat(f.generalCause()).isEqualTo(GeneralCause.FT);
        assertThat(f.detail()).isEqualTo("DTLS handshake failure: bad_certificate");
        // not a g/cause: nothing to read
        H248Message other = H248TextCodec.decode("!/3 [203.0.113.1]:2944\nT=5{C=1{N=access/1{OE=7{hangterm/thb}}}}").orThrow();
        assertThat(IqNotify.read(firstCommand(other))).isEmpty();
    }

    @Test
    void theLocalDescriptorOfTheSpecsExampleIsWhatWeWrite() {
        // specs.md §5.6.2, first Add: the SDP lines as printed there
        MediaDescriptor md = IqCommands.DEFAULT.media(access());
        assertThat(md.streams().get(0).parms().local().lines()).containsExactly("v=0", "c=IN IP4 $",
                "m=message $ TCP/TLS/MSRP *", "a=setup:passive", "a=fingerprint:$");
        assertThat(md.streams().get(0).parms().remote().lines()).containsExactly("v=0", "c=IN IP4 192.0.2.10",
                "m=message 7394 TCP/TLS/MSRP *", "a=setup:active", "a=fingerprint:" + UE_FP);
    }

    @Test
    void derivedElements() {
        TlsTermination passive = access();
        assertThat(passive.establish()).isFalse();
        assertThat(passive.msrpHandling()).contains(MsrpHandling.APPLICATION_AWARE);
        TlsTermination client = (TlsTermination) IqFixtures.terminations().get("msrp-access-agw-client");
        assertThat(client.establish()).isTrue();
        assertThat(client.withRemote(null).establish()).as("no address to connect to yet").isFalse();
        assertThat(IqFixtures.terminations().get("msrp-access-cema").msrpHandling()).contains(MsrpHandling.APPLICATION_AGNOSTIC);
        assertThat(IqFixtures.terminations().get("msrp-core-agnostic").msrpHandling()).contains(MsrpHandling.APPLICATION_AGNOSTIC);
        assertThat(IqFixtures.terminations().get("bfcp-core").msrpHandling()).isEmpty();
        assertThat(IqFixtures.terminations().get("pass-through-access").terminatesTls()).isFalse();
        assertThat(passive.toBuilder().setup(Setup.ACTIVE)
                .remote(RemoteMedia.of("192.0.2.10", 7394, Setup.PASSIVE, UE_FP)).build().establish()).isTrue();
        Map<String, IqTermination> all = IqFixtures.terminations();
        assertThat(IqTermination.passThrough(List.of(all.get("pass-through-access"), all.get("pass-through-core")))).isTrue();
        assertThat(IqTermination.passThrough(List.of(access(), core()))).isFalse();
        assertThat(IqTermination.passThrough(List.of())).isFalse();
        assertThat(mrfpPsk().toString()).doesNotContain("00112233").contains("redacted");
    }
}
