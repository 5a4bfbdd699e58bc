package org.mediasec.h248;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void errorCodeIsAnOpenEnum() {
        assertThat(ErrorCode.of(400)).isSameAs(ErrorCode.SYNTAX_ERROR_IN_MESSAGE);
        assertThat(ErrorCode.of(406).name()).isEqualTo("Version Not Supported");
        assertThat(ErrorCode.of(403)).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_TRANSACTION_REQUEST);
        assertThat(ErrorCode.of(999)).isEqualTo(new ErrorCode(999, "Error 999"));
        assertThatThrownBy(() -> ErrorCode.of(10000)).hasMessageContaining("errorCode: 10000 (expected: 0..9999)");
    }

    @Test
    void serviceChangeMethodIsAnOpenEnum() {
        assertThat(ServiceChangeMethod.of("rs")).isSameAs(ServiceChangeMethod.RESTART);
        assertThat(ServiceChangeMethod.of("Graceful")).isSameAs(ServiceChangeMethod.GRACEFUL);
        assertThat(ServiceChangeMethod.of("X-Mine").token()).isEqualTo("X-Mine");
        assertThat(ServiceChangeMethod.of("Bogus")).isNull();
    }

    @Test
    void constructorsRejectWhatCannotBeEncoded() {
        assertThatThrownBy(() -> new SdpBlock("v=0\n}")).hasMessageContaining("'}'");
        assertThatThrownBy(() -> new SdpBlock(" v=0")).hasMessageContaining("white space");
        assertThatThrownBy(() -> new ErrorDescriptor(ErrorCode.PROTOCOL_ERROR, "a\"b")).hasMessageContaining("quoted");
        assertThatThrownBy(() -> new TerminationId("a b")).hasMessageContaining("TerminationID");
        assertThatThrownBy(() -> new MId.Ip4("1.2.3", null)).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> new ContextProperties(16, null, List.of(), null, List.of())).hasMessageContaining("priority");
        assertThatThrownBy(() -> new Transaction.Reply(1, List.of())).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> CommandRequest.of(CommandKind.AUDIT_VALUE, TerminationId.ALL))
                .hasMessageContaining("Audit");
        assertThatThrownBy(() -> CommandRequest.of(CommandKind.NOTIFY, TerminationId.ALL, SignalsDescriptor.EMPTY))
                .hasMessageContaining("ObservedEvents");
        assertThatThrownBy(() -> new ServiceChangeDescriptor(null, null, null,
                ServiceChangeDescriptor.ServiceChangeAddress.port(1), null, null, new MId.Device("x"), null, List.of(), false))
                .hasMessageContaining("MgcIdToTry");
    }

    @Test
    void contextIdTextForms() {
        assertThat(ContextId.NULL).hasToString("-");
        assertThat(ContextId.CHOOSE).hasToString("$");
        assertThat(ContextId.ALL).hasToString("*");
        assertThat(ContextId.of(2000)).hasToString("2000");
        assertThat(TerminationId.of("rtp/*").isWildcard()).isTrue();
        assertThat(TerminationId.of("root").isRoot()).isTrue();
    }

    @Test
    void aMessageCannotUseConstructsOfALaterVersion() {
        ContextProperties ieps = new ContextProperties(null, null, List.of(), true, List.of());
        TransactionList body = TransactionList.of(new Transaction.Request(1, List.of(
                new ActionRequest(ContextId.of(1), ieps, null, List.of()))));
        assertThatThrownBy(() -> new H248Message(1, new MId.Device("mg"), body)).hasMessageContaining("IEPSCall");
        assertThatThrownBy(() -> new H248Message(2, new MId.Device("mg"), body)).hasMessageContaining("version 3");
        assertThat(new H248Message(3, new MId.Device("mg"), body).version()).isEqualTo(3);
        assertThatThrownBy(() -> new H248Message(2, new MId.Device("mg"),
                TransactionList.of(new Transaction.SegmentReply(1, 1, true)))).hasMessageContaining("Segment");
    }

    @Test
    void parameterNamesThatAreTokensAreRejected() {
        assertThatThrownBy(() -> RequestedEvent.of("al/on", PropertyParm.of("st", "1"))).hasMessageContaining("reserved");
        assertThatThrownBy(() -> new LocalControlDescriptor(null, null, null, List.of(PropertyParm.of("MO", "SR"))))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> Signal.of("SL")).hasMessageContaining("SignalList");
        assertThatThrownBy(() -> new ServiceChangeMethod("Reboot", "RB")).hasMessageContaining("method");
        assertThatThrownBy(() -> new ModemDescriptor(List.of("sn"), List.of())).hasMessageContaining("modem type");
        assertThat(new ModemDescriptor(List.of("SynchISDN", "X-fax"), List.of()).types()).hasSize(2);
    }

    @Test
    void annexBRequiresContentWhereTheModelDoes() {
        assertThatThrownBy(() -> new ActionReply(ContextId.of(5), null, List.of(), null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new ServiceChangeDescriptor(null, null, null, null, null, null, null, null, List.of(), false))
                .hasMessageContaining("Services: empty");
        assertThatThrownBy(() -> CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE, new MuxDescriptor(null, List.of())))
                .hasMessageContaining("only legal in a reply");
        assertThat(CommandReply.of(CommandKind.AUDIT_VALUE, TerminationId.ROOT, new MuxDescriptor(null, List.of()),
                DigitMapDescriptor.EMPTY).descriptors()).hasSize(2);
        assertThatThrownBy(() -> new RequestedEvent("dd/ce", null, false, new DigitMapDescriptor("dm", "(x.)"), null, List.of()))
                .hasMessageContaining("eventDM");
    }
}
