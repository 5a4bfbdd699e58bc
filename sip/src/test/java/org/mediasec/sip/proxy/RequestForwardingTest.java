package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

class RequestForwardingTest {
    private static final ProxyIdentity REGISTRAR = new ProxyIdentity("143.70.6.83", 5060, Set.of("EXAMPLEHOME.COM"));

    @Test
    void registrarRetargetsAlongThePathRfc3327F1ToF3() {
        Request f1 = Msgs.rfc3327InviteF1();
        String f1Text = f1.toString();
        ForwardTarget target = ForwardTarget.to(Msgs.uri("sip:UA1@192.0.2.4"))
                .withPreloadedRoute(List.of(Msgs.address("<sip:P3.EXAMPLEHOME.COM;lr>"), Msgs.address("<sip:P1.EXAMPLEVISITED.COM;lr>")));

        Request f3 = RequestForwarding.prepare(f1, target, REGISTRAR, "z9hG4bKlj25C107a7b176");

        assertThat(f3.getRequestURI().toString()).isEqualTo("sip:UA1@192.0.2.4");
        assertThat(Msgs.values(f3, ViaHeader.NAME)).containsExactly(
                "SIP/2.0/UDP 143.70.6.83:5060;branch=z9hG4bKlj25C107a7b176",
                "SIP/2.0/UDP 71.91.180.10:5060;branch=z9hG4bKe2i95c5st3R");
        assertThat(Msgs.values(f3, RouteHeader.NAME)).containsExactly("<sip:P3.EXAMPLEHOME.COM;lr>", "<sip:P1.EXAMPLEVISITED.COM;lr>");
        assertThat(f3.getHeader(RecordRouteHeader.NAME)).as("F3: REGISTRAR does not insert a Record-Route").isNull();
        assertThat(((MaxForwardsHeader) f3.getHeader(MaxForwardsHeader.NAME)).getMaxForwards()).isEqualTo(69);
        assertThat(new String(f3.getRawContent())).isEqualTo("hello");
        assertThat(Msgs.values(f3, "Contact")).containsExactly("<sip:UA2@71.91.180.10>");
        assertThat(f1.toString()).as("the received request is untouched").isEqualTo(f1Text);
    }

    @Test
    void recordRoutesAndPicksTheViaTransportFromTheNextHop() {
        ProxyIdentity core = new ProxyIdentity("127.0.0.1", 5070);
        ForwardTarget target = ForwardTarget.to(Msgs.uri("sip:UA1@127.0.0.1:5090;transport=tcp"))
                .withPreloadedRoute(List.of(Msgs.address("<sip:pcscf@127.0.0.1:5080;transport=tcp;lr>")))
                .withRecordRoute(core.recordRouteUri(SipTransport.TCP));
        Request out = RequestForwarding.prepare(Msgs.rfc3327InviteF1(), target, core, ViaBranch.newBranch());
        assertThat(Msgs.values(out, RecordRouteHeader.NAME)).containsExactly("<sip:127.0.0.1:5070;transport=tcp;lr>");
        ViaHeader top = (ViaHeader) out.getHeader(ViaHeader.NAME);
        assertThat(top.getTransport()).isEqualToIgnoringCase("TCP");
        assertThat(top.getBranch()).startsWith(ViaBranch.MAGIC_COOKIE);
    }

    @Test
    void parametersNotAllowedInARequestUriAreRemoved() {
        ForwardTarget target = ForwardTarget.to(Msgs.uri("sip:UA1@192.0.2.4;method=INVITE?Subject=x"));
        Request out = RequestForwarding.prepare(Msgs.rfc3327InviteF1(), target, REGISTRAR, ViaBranch.newBranch());
        assertThat(out.getRequestURI().toString()).isEqualTo("sip:UA1@192.0.2.4");
    }

    @Test
    void branchesAreFreshAndStatelessOnesRepeat() {
        assertThat(ViaBranch.newBranch()).startsWith("z9hG4bK").isNotEqualTo(ViaBranch.newBranch());
        Request a = Msgs.rfc3327InviteF1();
        assertThat(ViaBranch.statelessBranch(a)).startsWith("z9hG4bK")
                .isEqualTo(ViaBranch.statelessBranch(Msgs.rfc3327InviteF1()))
                .isNotEqualTo("z9hG4bKe2i95c5st3R");
    }
}
