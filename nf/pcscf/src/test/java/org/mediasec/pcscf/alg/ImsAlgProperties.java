package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.testkit.Seeds;

/**
 * For random offers (mixes of e2ae requests, e2e TLS, plain MSRP/BFCP/T.38, RTP, disabled and unknown
 * streams, random a=setup, session- or media-level c= and TLS attributes), random directions and
 * registrations: the forwarded offer has the same m-lines, rejected streams have port 0, no e2ae stream
 * leaks the UE's fingerprint, setup, tls-id or a=3ge2ae to the core, pass-through streams keep their
 * proto and TLS attributes, and the answer path keeps the same invariants. Every H.248 action goes
 * through the text codec ({@link FakeAgw}).
 */
class ImsAlgProperties {
    static final List<String> TLS_ATTRS = List.of("fingerprint", "setup", "tls-id", "key-mgmt", "path");

    static LongStream seeds() {
        return Seeds.seeds();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void invariants(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SessionDescription offer = SdpParser.parse(SdpWriter.write(randomOffer(r)));
        CallDirection dir = r.nextBoolean() ? CallDirection.ORIGINATING : CallDirection.TERMINATING;
        MediaSecCapabilities caps = randomCaps(r);
        String ctx = "seed " + seed + " " + dir + " " + caps + "\n" + SdpWriter.write(offer);

        ImsAlg alg = new ImsAlg(AlgConfig.defaults(), FakeAgw.tlsIds(), FakeAgw.msrpSessionIds());
        IqPlan plan = alg.plan(offer, dir, caps);
        FakeAgw agw = new FakeAgw();
        Map<Integer, AgwReservation> reserved = agw.reserve(plan);
        SessionDescription fwd = alg.forwardOffer(offer, plan, reserved);
        String fctx = ctx + "\nforwarded:\n" + SdpWriter.write(fwd);

        assertThat(fwd.media()).as(fctx).hasSameSizeAs(offer.media());
        for (int i = 0; i < offer.media().size(); i++) {
            StreamAction a = plan.stream(i).decision().action();
            MediaDescription in = offer.media().get(i);
            MediaDescription out = fwd.media().get(i);
            assertThat(out.media()).as(fctx).isEqualTo(in.media());
            assertThat(out.formats()).as(fctx).isEqualTo(in.formats());
            if (a == StreamAction.REJECT || a == StreamAction.DISABLED) {
                assertThat(out.port()).as(fctx).isZero();
            } else {
                assertThat(out.port()).as(fctx).isPositive();
                assertThat(fwd.connectionFor(out).orElseThrow().host()).as(fctx)
                        .isEqualTo(dir == CallDirection.ORIGINATING ? FakeAgw.CORE_IP : FakeAgw.ACCESS_IP);
            }
            if (dir == CallDirection.ORIGINATING) {
                assertThat(out.has(SdpAttributes.E2AE)).as(fctx).isFalse();
            }
            if (a == StreamAction.E2AE) {
                assertThat(out.proto().isTls()).as(fctx).isFalse();
                for (String n : List.of("fingerprint", "setup", "tls-id")) {
                    assertThat(fwd.getAll(out, SdpAttributes.FINGERPRINT)).as(fctx).isEmpty();
                    assertThat(fwd.attributes(n)).as(fctx).isEmpty();
                    assertThat(out.has(n)).as(fctx).isFalse();
                }
            }
            if (a == StreamAction.TERMINATING_UPGRADE) {
                assertThat(out.proto().isTls()).as(fctx).isTrue();
                assertThat(out.getAll(SdpAttributes.FINGERPRINT)).as(fctx).containsExactly(FakeAgw.AGW_FP);
                assertThat(out.get(SdpAttributes.E2AE)).as(fctx).contains(E2aeIndication.APPLIED);
            }
            if (a == StreamAction.PASS_THROUGH) {
                assertThat(out.proto()).as(fctx).isEqualTo(in.proto());
                assertThat(tlsAttributes(fwd, out)).as(fctx).isEqualTo(tlsAttributes(offer, in));
            }
            if (a == StreamAction.REJECT) {
                assertThat(plan.stream(i).decision().reason()).as(fctx).isNotBlank();
            }
        }

        SessionDescription answer = SdpParser.parse(SdpWriter.write(answerTo(fwd, r)));
        AnswerResult res = alg.onAnswer(offer, plan, reserved, answer);
        agw.apply(res);
        SessionDescription back = res.answer();
        String actx = fctx + "\nanswer:\n" + SdpWriter.write(answer) + "\nsent back:\n" + SdpWriter.write(back);
        assertThat(back.media()).as(actx).hasSameSizeAs(offer.media());
        assertThat(res.updates()).as(actx).hasSize(reserved.size());
        for (int i = 0; i < offer.media().size(); i++) {
            StreamAction a = plan.stream(i).decision().action();
            MediaDescription ans = answer.media().get(i);
            MediaDescription out = back.media().get(i);
            if (!a.anchored()) {
                assertThat(out.port()).as(actx).isZero();
                continue;
            }
            if (out.port() == 0) {
                continue;   // refused by the answerer or released
            }
            if (a == StreamAction.E2AE) {
                assertThat(out.proto()).as(actx).isEqualTo(offer.media().get(i).proto());
                assertThat(out.getAll(SdpAttributes.FINGERPRINT)).as(actx).containsExactly(FakeAgw.AGW_FP);
                assertThat(out.get(SdpAttributes.E2AE)).as(actx).contains(E2aeIndication.APPLIED);
            }
            if (a == StreamAction.TERMINATING_UPGRADE) {
                assertThat(out.proto()).as(actx).isEqualTo(offer.media().get(i).proto());
                for (String n : List.of("fingerprint", "tls-id", "3ge2ae")) {
                    assertThat(out.has(n)).as(actx).isFalse();
                }
            }
            if (a == StreamAction.PASS_THROUGH) {
                assertThat(out.proto()).as(actx).isEqualTo(ans.proto());
                assertThat(tlsAttributes(back, out)).as(actx).isEqualTo(tlsAttributes(answer, ans));
            }
        }
    }

    /** The effective TLS attributes of a stream (media level, else session level), as written. */
    static List<String> tlsAttributes(SessionDescription s, MediaDescription m) {
        List<String> out = new ArrayList<>();
        for (String n : TLS_ATTRS) {
            List<Attribute> own = m.attributes(n);
            for (Attribute a : own.isEmpty() ? s.attributes(n) : own) {
                out.add(a.line());
            }
        }
        return out;
    }

    static MediaSecCapabilities randomCaps(SplittableRandom r) {
        List<MediaSecMechanism> l = new ArrayList<>();
        for (MediaSecMechanism m : List.of(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS, MediaSecMechanism.UDPTL_DTLS)) {
            if (r.nextInt(3) > 0) {
                l.add(m);
            }
        }
        return MediaSecCapabilities.of(l.toArray(MediaSecMechanism[]::new));
    }

    static CertificateFingerprint fp(SplittableRandom r) {
        StringBuilder sb = new StringBuilder("sha-256 ");
        for (int i = 0; i < 32; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02X", r.nextInt(256)));
        }
        return CertificateFingerprint.parse(sb.toString());
    }

    static final String[][] KINDS = {
            {"message", "TCP/TLS/MSRP", "*"}, {"message", "TCP/MSRP", "*"}, {"application", "TCP/TLS/BFCP", "*"},
            {"application", "TCP/BFCP", "*"}, {"image", "UDP/TLS/UDPTL", "t38"}, {"image", "udptl", "t38"},
            {"audio", "RTP/AVP", "0"}, {"audio", "RTP/SAVP", "0"}, {"application", "UDP/TLS/BFCP", "*"},
            {"audio", "DCCP/RTP/AVP", "0"}, {"video", "RTP/AVP", "96"}, {"message", "TCP/TLS", "*"}};

    static SessionDescription randomOffer(SplittableRandom r) {
        boolean sessionC = r.nextBoolean();
        SessionDescription.Builder s = SdpParser.parse("v=0\r\no=x 1 1 IN IP4 192.0.2.10\r\ns=-\r\nt=0 0\r\n").toBuilder();
        if (sessionC) {
            s.connection(org.mediasec.sdp.ConnectionData.of("192.0.2.10"));
        }
        if (r.nextInt(5) == 0) {
            s.add(SdpAttributes.FINGERPRINT, fp(r));   // session-level fingerprint, inherited by every stream
        }
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String[] k = KINDS[r.nextInt(KINDS.length)];
            Proto p = Proto.of(k[1]);
            MediaDescription.Builder m = MediaDescription.builder(k[0], r.nextInt(8) == 0 ? 0 : 1024 + r.nextInt(60000), p, k[2]);
            if (!sessionC || r.nextInt(4) == 0) {
                m.connection(org.mediasec.sdp.ConnectionData.of("192.0.2." + (10 + r.nextInt(5))));
            }
            if (r.nextInt(4) == 0) {
                m.addAttribute("accept-types", "message/cpim text/plain");
            }
            if (p.isMsrp() || p.is(Proto.TCP_TLS)) {
                if (r.nextBoolean()) {
                    m.flag("msrp-cema");
                }
                m.add(SdpAttributes.PATH, List.of((p.isTls() ? "msrps" : "msrp") + "://192.0.2.10:7394/s" + i + ";tcp"));
            }
            if (p.isTcp() || p.isDtls()) {
                int pick = r.nextInt(5);
                if (pick < 3) {
                    m.add(SdpAttributes.SETUP, List.of(Setup.ACTIVE, Setup.PASSIVE, Setup.ACTPASS).get(pick));
                }
            }
            if (p.isTls() && r.nextInt(6) > 0) {
                m.add(SdpAttributes.FINGERPRINT, fp(r));
                if (p.isDtls() && r.nextBoolean()) {
                    m.add(SdpAttributes.TLS_ID, new org.mediasec.sdp.TlsId("ue-tls-id-" + String.format("%012d", r.nextInt(1_000_000))));
                }
            }
            if (p.isTls() && r.nextInt(4) == 0) {
                m.addAttribute("key-mgmt", "mikey AQEFgM0XflABAAAAAAAAAAAAAAYAyONQ6gAAAAAJAAAQbWFjcm9tZWRpYS5jb20=");
            }
            if (r.nextInt(3) > 0) {
                m.add(SdpAttributes.E2AE, r.nextInt(8) == 0 ? E2aeIndication.APPLIED : E2aeIndication.REQUESTED);
            }
            s.addMedia(m.build());
        }
        return s.build();
    }

    /** A plausible answer to a forwarded offer: same protos, complementary setup, own fingerprint; sometimes a refusal. */
    static SessionDescription answerTo(SessionDescription offer, SplittableRandom r) {
        SessionDescription.Builder s = SdpParser.parse("v=0\r\no=y 2 2 IN IP4 198.51.100.7\r\ns=-\r\n"
                + "c=IN IP4 198.51.100.7\r\nt=0 0\r\n").toBuilder();
        for (MediaDescription m : offer.media()) {
            boolean refuse = m.port() == 0 || r.nextInt(10) == 0;
            MediaDescription.Builder a = MediaDescription.builder(m.media(), refuse ? 0 : 2000 + r.nextInt(50000), m.proto(),
                    m.formats().toArray(String[]::new));
            if (!refuse) {
                Proto p = m.proto();
                if (p.isTcp() || p.isDtls()) {
                    Optional<Setup> o = offer.get(m, SdpAttributes.SETUP);
                    Setup x = o.orElse(Setup.ACTIVE);
                    Setup ans = x == Setup.ACTIVE ? Setup.PASSIVE : x == Setup.PASSIVE ? Setup.ACTIVE
                            : r.nextBoolean() ? Setup.ACTIVE : Setup.PASSIVE;
                    if (r.nextInt(10) > 0) {
                        a.add(SdpAttributes.SETUP, ans);
                    }
                }
                if (p.isTls()) {
                    a.add(SdpAttributes.FINGERPRINT, fp(r));
                }
                if (p.isMsrp()) {
                    a.add(SdpAttributes.PATH, List.of("msrp://198.51.100.7:2855/x;tcp"));
                }
            }
            s.addMedia(a.build());
        }
        return s.build();
    }
}
