package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.pcscf.alg.ImsAlgSdp.ALL;
import static org.mediasec.pcscf.alg.ImsAlgSdp.sdp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.iq.IqException;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.testkit.SdpText;

/** What the ALG does with AGW replies it cannot use. */
class AgwReservationTest {

    @Test
    void anErrorReplyIsAnIqExceptionWithTheAgwsCode() {
        ActionReply reply = ActionReply.of(ContextId.of(1),
                CommandReply.of(CommandKind.ADD, TerminationId.CHOOSE,
                        new ErrorDescriptor(ErrorCode.INSUFFICIENT_RESOURCES, "no port")),
                CommandReply.of(CommandKind.ADD, TerminationId.of("core/1")));
        assertThatThrownBy(() -> AgwReservation.from(reply)).isInstanceOf(IqException.class)
                .satisfies(e -> assertThat(((IqException) e).errorDescriptor().code()).isEqualTo(ErrorCode.INSUFFICIENT_RESOURCES));
    }

    @Test
    void aTlsReservationWithoutTheAgwFingerprintCannotBeOffered() {
        ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        SessionDescription offer = sdp(ImsAlgSdp.CORE_MSRP_OFFER);
        IqPlan plan = alg.plan(offer, CallDirection.TERMINATING, ALL);
        StreamPlan s = plan.stream(0);
        IqLocal access = new IqLocal(s.access().media(), s.access().proto(), s.access().formats(),
                MediaEndpoint.of(FakeAgw.ACCESS_IP, 40000), s.access().setup(), List.of(), null);
        IqLocal core = IqLocal.answer(s.core(), MediaEndpoint.of(FakeAgw.CORE_IP, 40001), List.of());
        Map<Integer, AgwReservation> res = Map.of(0, new AgwReservation(ContextId.of(1), TerminationId.of("access/1"),
                access, TerminationId.of("core/1"), core));
        assertThatThrownBy(() -> alg.forwardOffer(offer, plan, res)).isInstanceOf(AlgException.class)
                .hasMessage("the IMS-AGW reply for m-line 0 has no Local certificate fingerprint");
        assertThatThrownBy(() -> alg.forwardOffer(offer, plan, Map.of())).isInstanceOf(AlgException.class)
                .hasMessage("no IMS-AGW reservation for anchored m-line 0");
    }

    @Test
    void anAnswerWithADifferentNumberOfMLinesIsRefused() {
        ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        SessionDescription offer = sdp(ImsAlgSdp.UE_MSRP_OFFER);
        IqPlan plan = alg.plan(offer, CallDirection.ORIGINATING, ALL);
        Map<Integer, AgwReservation> res = new FakeAgw().reserve(plan);
        SessionDescription answer = sdp(SdpText.session("bob", 1, 1, "198.51.100.7") + """
                """);
        assertThatThrownBy(() -> alg.onAnswer(offer, plan, res, answer)).isInstanceOf(AlgException.class)
                .hasMessage("answer has 0 m-lines, the offer 1 (RFC 3264 §6)");
    }
}
