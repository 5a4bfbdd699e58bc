package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.pcscf.alg.ImsAlgSdp.ALL;
import static org.mediasec.pcscf.alg.ImsAlgSdp.CORE_MSRP_ANSWER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.UE_MSRP_OFFER;
import static org.mediasec.pcscf.alg.ImsAlgSdp.sdp;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediasec.h248.iq.TlsTermination;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.testkit.SdpText;

/**
 * The TLS roles of e2ae from a=setup (RFC 4145 §4.1 table, RFC 8122 §6.2: the setup:passive end is the TLS
 * server; TS 23.334 §6.2.10: "active ⇒ AGW DTLS server; passive ⇒ AGW DTLS client; actpass ⇒ IMS-ALG decides").
 */
class ImsAlgSetupRolesTest {

    @ParameterizedTest(name = "UE offers {0}: AGW {1}, UE answered {2}, Establish {3}")
    @CsvSource({
            "a=setup:active,   PASSIVE, passive, false",
            "a=setup:passive,  ACTIVE,  active,  true",
            "a=setup:actpass,  PASSIVE, passive, false",
            "'',               PASSIVE, passive, false",    // RFC 4145 §4.1: an offer without a=setup is active
            "a=setup:holdconn, PASSIVE, passive, false",    // RFC 6135 §4.2.1: MSRP ignores holdconn
    })
    void originatingMsrp(String ueSetup, Setup agwRole, String answered, boolean establish) {
        String offer = ueSetup.isEmpty() ? UE_MSRP_OFFER.replace("a=setup:active\n", "") : UE_MSRP_OFFER.replace("a=setup:active", ueSetup);
        ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        SessionDescription o = sdp(offer);
        IqPlan plan = alg.plan(o, CallDirection.ORIGINATING, ALL);
        TlsTermination access = (TlsTermination) plan.stream(0).access();
        assertThat(access.setup()).isEqualTo(agwRole);
        assertThat(access.establish()).isEqualTo(establish);
        FakeAgw agw = new FakeAgw();
        Map<Integer, AgwReservation> res = agw.reserve(plan);
        AnswerResult r = alg.onAnswer(o, plan, res, sdp(CORE_MSRP_ANSWER));
        agw.apply(r);
        assertThat(r.answer().media().get(0).get(SdpAttributes.SETUP)).contains(Setup.parse(answered));
        assertThat(((TlsTermination) r.updates().get(0).access()).establish()).isEqualTo(establish);
    }

    @ParameterizedTest(name = "UE answers {0}: AGW {1}, Establish {2}")
    @CsvSource({
            "a=setup:active,  PASSIVE, false",
            "a=setup:passive, ACTIVE,  true",
            "'',              ACTIVE,  true",    // RFC 4145 §4.1: an answer without a=setup is passive
    })
    void terminatingMsrp(String ueSetup, Setup agwRole, boolean establish) {
        String answer = SdpText.session("alice", 9, 9, "192.0.2.10") + """
                m=message 7394 TCP/TLS/MSRP *
                a=path:msrps://192.0.2.10:7394/ue-b;tcp
                %s
                %s
                """.formatted(ueSetup, ImsAlgSdp.UE_FP).replace("\n\n", "\n");
        ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        SessionDescription o = sdp(ImsAlgSdp.CORE_MSRP_OFFER);
        IqPlan plan = alg.plan(o, CallDirection.TERMINATING, ALL);
        FakeAgw agw = new FakeAgw();
        AnswerResult r = alg.onAnswer(o, plan, agw.reserve(plan), sdp(answer));
        agw.apply(r);
        TlsTermination access = (TlsTermination) r.updates().get(0).access();
        assertThat(access.setup()).isEqualTo(agwRole);
        assertThat(access.establish()).isEqualTo(establish);
    }
}
