package org.mediasec.h248.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.*;
import org.mediasec.testkit.Corpus;

class H248TextCodecTest {

    static String corpus(String name) {
        return new String(Corpus.bytes(H248TextCodecTest.class, "corpus/h248/" + name), StandardCharsets.ISO_8859_1);
    }

    static H248Message ok(String text) {
        return H248TextCodec.decode(text).orThrow();
    }

    static DecodeResult.Malformed malformed(String text) {
        DecodeResult r = H248TextCodec.decode(text);
        assertThat(r).as(text).isInstanceOf(DecodeResult.Malformed.class);
        return (DecodeResult.Malformed) r;
    }

    @Test
    void decodesRfc3525ServiceChangeToTheExpectedModel() {
        H248Message m = ok(corpus("rfc3525-appendix-a/a.1.1-1.h248"));
        ServiceChangeDescriptor sv = new ServiceChangeDescriptor(ServiceChangeMethod.RESTART, null, null,
                ServiceChangeDescriptor.ServiceChangeAddress.port(55555),
                new ServiceChangeDescriptor.ServiceChangeProfile("ResGW", 1), null, null, null, List.of(), false);
        H248Message expected = new H248Message(1, new MId.Ip4("124.124.124.222", null), TransactionList.of(
                new Transaction.Request(9998, List.of(ActionRequest.of(ContextId.NULL,
                        CommandRequest.of(CommandKind.SERVICE_CHANGE, TerminationId.ROOT, sv))))));
        assertThat(m).isEqualTo(expected);
    }

    @Test
    void decodesRfc3525ModifyWithLocalControlPropertiesAndEvents() {
        H248Message m = ok(corpus("rfc3525-appendix-a/a.1.1-3.h248"));
        LocalControlDescriptor lc = new LocalControlDescriptor(StreamMode.SEND_RECEIVE, null, null,
                List.of(PropertyParm.of("tdmc/gain", "2"), PropertyParm.of("tdmc/ec", "on")));
        CommandRequest modify = CommandRequest.of(CommandKind.MODIFY, TerminationId.of("A4444"),
                MediaDescriptor.of(new StreamDescriptor(1, new StreamParms(lc, null, null, null))),
                EventsDescriptor.of(2222, RequestedEvent.of("al/of", PropertyParm.of("strict", "state"))));
        assertThat(m).isEqualTo(new H248Message(1, new MId.Ip4("123.123.123.4", 55555), TransactionList.of(
                new Transaction.Request(9999, List.of(ActionRequest.of(ContextId.NULL, modify))))));
    }

    @Test
    void decodesObservedEventsWithTimeStampAndQuotedParameter() {
        H248Message m = ok(corpus("rfc3525-appendix-a/a.1.2-05.h248"));
        CommandRequest notify = ((Transaction.Request) ((TransactionList) m.body()).transactions().get(0))
                .actions().get(0).commands().get(0);
        ObservedEventsDescriptor oe = notify.descriptor(ObservedEventsDescriptor.class);
        assertThat(oe).isEqualTo(ObservedEventsDescriptor.of(2223, new ObservedEvent(
                new TimeNotation("19990729", "22010001"), "dd/ce", null,
                List.of(PropertyParm.of("ds", "\"916135551212\""), PropertyParm.of("Meth", "UM")))));
    }

    @Test
    void keepsSdpOfLocalAndRemoteAsRawText() {
        H248Message m = ok(corpus("rfc3525-appendix-a/a.1.2-09.h248"));
        ActionRequest a = ((Transaction.Request) ((TransactionList) m.body()).transactions().get(0)).actions().get(0);
        assertThat(a.contextId()).isEqualTo(ContextId.CHOOSE);
        MediaDescriptor media = a.commands().get(1).descriptor(MediaDescriptor.class);
        StreamParms s = media.streams().get(0).parms();
        assertThat(s.local().text()).isEqualTo("v=0\nc=IN IP4 $\nm=audio $ RTP/AVP 4\na=ptime:30");
        assertThat(s.remote().lines()).containsExactly("v=0", "c=IN IP4 124.124.124.222", "m=audio 2222 RTP/AVP 4",
                "a=ptime:30");
        assertThat(a.commands().get(0).descriptor(SignalsDescriptor.class))
                .isEqualTo(SignalsDescriptor.of(Signal.of("al/ri")));
    }

    @Test
    void longShortAndMixedCaseTokensGiveTheSameModel() {
        H248Message pretty = ok(corpus("other/otp-doc-servicechange-pretty.h248"));
        H248Message compact = ok(corpus("other/otp-doc-servicechange-compact.h248"));
        H248Message mixed = ok("megaco/1 [124.124.124.222] tRaNsAcTiOn=9998{c=-{sErViCeChAnGe=ROOT{services{"
                + "mt=rs,ServiceChangeAddress=55555,pf=ResGW/1,reason=\"901 MG Cold Boot\"}}}}");
        assertThat(compact).isEqualTo(pretty);
        assertThat(mixed).isEqualTo(pretty);
    }

    @Test
    void commentsAndWhiteSpaceAreIgnoredEverywhere() {
        H248Message a = ok("!/1 [1.2.3.4]:2944 T=1{C=-{N=t1{OE=2{al/on}}}}");
        H248Message b = ok(" \r\n; leading comment\n!/1 \t[1.2.3.4]:2944 ; after mId\r\n T = 1 ;x\n{ C\n=\n- {"
                + " N = t1 { OE = 2 { al/on ; c\n } } } } ; end\n\n");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void readsEveryFormOfMId() {
        assertThat(ok("MEGACO/1 [::1]:2944 PN=1{}").mId()).isEqualTo(new MId.Ip6("::1", 2944));
        assertThat(ok("MEGACO/1 <mgc.example.net>:55555 PN=1{}").mId()).isEqualTo(new MId.Domain("mgc.example.net", 55555));
        assertThat(ok("MEGACO/1 <mgc.example.net> PN=1{}").mId()).isEqualTo(new MId.Domain("mgc.example.net", null));
        assertThat(ok("MEGACO/1 mg1/rack2 PN=1{}").mId()).isEqualTo(new MId.Device("mg1/rack2"));
        assertThat(ok("MEGACO/1 MTP{0a1B} PN=1{}").mId()).isEqualTo(new MId.Mtp("0a1B"));
    }

    @Test
    void keepsUnknownPackagesPropertiesAndParameters() {
        String text = "MEGACO/3 [1.2.3.4]:2944\nTransaction = 5 {\n\tContext = $ {\n\t\tAdd = $ {\n"
                + "\t\t\tEvents = 9 {\n\t\t\t\ttlsbsc/fail {\n\t\t\t\t\tzz/qq={a,\"b c\"},\n\t\t\t\t\twhat>7\n\t\t\t\t}\n\t\t\t},\n"
                + "\t\t\tSignals {\n\t\t\t\tnewpkg/sig {\n\t\t\t\t\tfoo=[1:9]\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n";
        H248Message m = ok(text);
        assertThat(H248TextCodec.encodeToString(m, Style.PRETTY)).isEqualTo(text);
    }

    @Test
    void rejectsVersionTwoAndThreeConstructsInVersionOne() {
        assertThat(malformed("MEGACO/1 [1.2.3.4] T=1{C=1{EGO,MV=a}}").reason()).contains("version 2");
        assertThat(malformed("MEGACO/2 [1.2.3.4] T=1{C=1{IEPS=ON,MV=a}}").reason()).contains("version 3");
        assertThat(malformed("MEGACO/2 [1.2.3.4] P=1/2{C=1{MV=a}}").reason()).contains("version 3");
        assertThat(ok("MEGACO/3 [1.2.3.4] P=1/2/END{C=1{MV=a}}").body()).isNotNull();
    }

    @Test
    void rejectsDescriptorsACommandCannotCarry() {
        assertThat(malformed("!/1 [1.2.3.4] T=1{C=1{N=a{M{L{v=0}}}}}").reason()).contains("Notify");
        assertThat(malformed("!/1 [1.2.3.4] T=1{C=1{AV=a}}").reason()).contains("Audit");
        assertThat(malformed("!/1 [1.2.3.4] T=1{C=1{MF=a{E,E}}}").reason()).contains("twice");
    }

    @Test
    void unsupportedVersionIsMalformedWith406AndTheHeader() {
        DecodeResult.Malformed m = malformed("MEGACO/4 [1.2.3.4]:2944 Transaction = 77 { Context = - { } }");
        assertThat(m.errorCode()).isEqualTo(ErrorCode.VERSION_NOT_SUPPORTED);
        assertThat(m.recovered()).isEqualTo(new RecoveredHeader(4, new MId.Ip4("1.2.3.4", 2944), 77L, true));
        DecodeResult.Malformed v2 = (DecodeResult.Malformed) H248TextCodec.decode(
                "!/2 [1.2.3.4] T=1{C=1{MV=a}}", H248CodecConfig.DEFAULT.withMaxVersion(1));
        assertThat(v2.errorCode()).isEqualTo(ErrorCode.VERSION_NOT_SUPPORTED);
    }

    @Test
    void syntaxErrorInsideARequestIs403WithTheTransactionId() {
        DecodeResult.Malformed m = malformed("MEGACO/1 [1.2.3.4]:2944\nTransaction = 10 { Context = 1 { Add = a { Media { Bogus } } } }");
        assertThat(m.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_TRANSACTION_REQUEST);
        assertThat(m.recovered().transactionId()).isEqualTo(10L);
        assertThat(m.recovered().request()).isTrue();
        assertThat(m.position()).isGreaterThan(50);
        DecodeResult.Malformed header = malformed("MEGACO/1 [1.2.3.4:2944 T=1{}");
        assertThat(header.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_MESSAGE);
    }

    @Test
    void garbageTruncatedAndHugeInputIsMalformedNeverAnException() {
        String good = corpus("rfc3525-appendix-a/a.1.2-20.h248");
        for (int i = 0; i < good.stripTrailing().length(); i++) { // every proper prefix of the message
            String cut = good.substring(0, i);
            assertThatCode(() -> H248TextCodec.decode(cut)).doesNotThrowAnyException();
            assertThat(H248TextCodec.decode(cut)).as("cut at %d", i).isInstanceOf(DecodeResult.Malformed.class);
        }
        for (String garbage : List.of("", " ", "\0\0\0", "MEGACO", "MEGACO/", "MEGACO/1", "!/1 ", "!/x [1.2.3.4] PN=1{}",
                "!/1 [1.2.3.4] PN=99999999999{}", "!/1 [1.2.3.4] T=1{C=1{A=a{M{L{v=0", "\"\"\"", "}}}}", "{{{{")) {
            assertThat(H248TextCodec.decode(garbage)).as(garbage).isInstanceOf(DecodeResult.Malformed.class);
        }
        assertThat(H248TextCodec.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b}))
                .isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void enforcesMaxMessageSizeAndNestingDepth() {
        String good = corpus("rfc3525-appendix-a/a.1.2-09.h248");
        DecodeResult.Malformed big = (DecodeResult.Malformed) H248TextCodec.decode(good,
                H248CodecConfig.DEFAULT.withMaxMessageSize(100));
        assertThat(big.reason()).contains("exceeds 100");
        assertThat(big.recovered().transactionId()).isEqualTo(50003L);
        DecodeResult.Malformed deep = (DecodeResult.Malformed) H248TextCodec.decode(good,
                H248CodecConfig.DEFAULT.withMaxDepth(4));
        assertThat(deep.reason()).contains("nesting deeper than 4");
        // a million opening braces: rejected early, no stack overflow
        String bomb = "!/1 [1.2.3.4] T=1{C=1{MF=a{E=1{a/b{" + "x={".repeat(200_000);
        assertThatCode(() -> H248TextCodec.decode(bomb, H248CodecConfig.DEFAULT.withMaxMessageSize(Integer.MAX_VALUE)))
                .doesNotThrowAnyException();
        assertThat(H248TextCodec.decode(bomb)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void prettyStyleLayoutIsTabIndentedWithLongTokens() {
        H248Message m = ok("!/1 [124.124.124.222]:55555 T=9998{C=-{SC=ROOT{SV{MT=RS,AD=55555,PF=ResGW/1,RE=\"901\"}}}}");
        assertThat(H248TextCodec.encodeToString(m, Style.PRETTY)).isEqualTo("""
                MEGACO/1 [124.124.124.222]:55555
                Transaction = 9998 {
                \tContext = - {
                \t\tServiceChange = ROOT {
                \t\t\tServices {
                \t\t\t\tMethod = Restart,
                \t\t\t\tReason = "901",
                \t\t\t\tServiceChangeAddress = 55555,
                \t\t\t\tProfile = ResGW/1
                \t\t\t}
                \t\t}
                \t}
                }
                """);
        assertThat(H248TextCodec.encodeToString(m, Style.COMPACT))
                .isEqualTo("!/1 [124.124.124.222]:55555\nT=9998{C=-{SC=ROOT{SV{MT=RS,RE=\"901\",AD=55555,PF=ResGW/1}}}}");
    }

    @Test
    void acceptsErlangsBareTopologyStreamIdAndWritesStreamEquals() {
        H248Message erlang = ok("!/3 [1.2.3.4] T=1{C=5{TP{t1,t2,IS,t3,*,OW,2},MV=a}}");
        H248Message annexB = ok("!/3 [1.2.3.4] T=1{C=5{TP{t1,t2,IS,t3,*,OW,ST=2},MV=a}}");
        assertThat(erlang).isEqualTo(annexB);
        // a number that starts another triple is a termination, not a stream
        H248Message two = ok("!/3 [1.2.3.4] T=1{C=5{TP{t1,t2,IS,2,t3,OW},MV=a}}");
        ContextProperties cp = ((Transaction.Request) ((TransactionList) two.body()).transactions().get(0))
                .actions().get(0).contextRequest();
        assertThat(cp.topology()).hasSize(2);
        assertThat(cp.topology().get(1).from()).isEqualTo(TerminationId.of("2"));
        assertThat(H248TextCodec.encodeToString(erlang, Style.COMPACT)).contains("OW,ST=2");
    }

    @Test
    void quotedValuesThatNeedNoQuotesAreTheSameValue() {
        assertThat(ok("!/1 [1.2.3.4] T=1{C=-{N=a{OE=1{dd/ce{ds=\"916135551212\",x=\"a b\"}}}}}"))
                .isEqualTo(ok("!/1 [1.2.3.4] T=1{C=-{N=a{OE=1{dd/ce{ds=916135551212,x=\"a b\"}}}}}"));
        assertThat(PropertyParm.of("x", "\"two\"")).isEqualTo(PropertyParm.of("x", "two"));
        assertThat(PropertyParm.of("x", "\"t w\"").value()).isEqualTo(
                new PropertyParm.Value.Relation(PropertyParm.Relation.EQUAL, "\"t w\""));
    }

    @Test
    void ipv6MIdIsCaseInsensitive() {
        assertThat(ok("!/1 [2001:DB8::A]:2944 PN=1{}").mId()).isEqualTo(new MId.Ip6("2001:db8::a", 2944));
    }

    @Test
    void smallSizeLimitOnShortTextIsMalformedNotAnException() {
        assertThat(H248TextCodec.decode("!/1 [1.2.3.4] PN=1{}", H248CodecConfig.DEFAULT.withMaxMessageSize(5)))
                .isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void unnamedDigitMapValueIsWrittenWithEquals() {
        H248Message m = ok("!/1 [1.2.3.4] T=1{C=-{MF=a{DM{(0|1x)}}}}");
        assertThat(ok("!/1 [1.2.3.4] T=1{C=-{MF=a{DM={(0|1x)}}}}")).isEqualTo(m);
        assertThat(H248TextCodec.encodeToString(m, Style.COMPACT)).endsWith("MF=a{DM={(0|1x)}}}}");
        assertThat(H248TextCodec.encodeToString(m, Style.PRETTY)).contains("DigitMap = {\n");
    }
}
