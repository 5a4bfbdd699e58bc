package org.mediasec.msrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.testkit.Corpus;

/**
 * What the RFC examples of the corpus (extracted from the RFC text, see corpus/msrp/README.md)
 * decode to: the typed values a reader of the RFC sees, beyond the byte-exact round trip that
 * {@link MsrpCorpusTest} checks.
 */
class MsrpRfcExamplesTest {

    static MsrpMessage rfc(String file) {
        DecodeResult r = MsrpCodec.decode(Corpus.bytes(MsrpRfcExamplesTest.class, "corpus/msrp/" + file), MsrpLimits.DEFAULT);
        assertThat(r).as("%s: %s", file, r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message();
    }

    @Test
    void rfc4975Section5_1ChunksHaveNoToPathAndAreMalformedButKeepTheirTransactionId() {
        for (String f : List.of("rfc4975/5.1-1.malformed.msrp", "rfc4975/5.1-2.malformed.msrp")) {
            DecodeResult r = MsrpCodec.decode(Corpus.bytes(getClass(), "corpus/msrp/" + f), MsrpLimits.DEFAULT);
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
            assertThat(((DecodeResult.Malformed) r).reason()).isEqualTo("no To-Path");
            assertThat(((DecodeResult.Malformed) r).recovered().orElseThrow().method()).contains(MsrpMethod.SEND);
        }
    }

    @Test
    void rfc4975Section11_4FirstChunkOfACpimMessage() {
        MsrpRequest r = (MsrpRequest) rfc("rfc4975/11.4-1.msrp");
        assertThat(r.continuation()).isEqualTo(MsrpContinuation.MORE);
        assertThat(r.byteRange()).contains(new MsrpHeader.ByteRange(1, 137, 148));
        assertThat(r.content().orElseThrow().contentType()).isEqualTo("message/cpim");
        // the CPIM headers are body, not MSRP headers or MIME headers of the MSRP body
        assertThat(r.content().orElseThrow().mimeHeaders()).isEmpty();
        assertThat(r.body().utf8()).startsWith("To: Bob <sip:bob@example.com>\r\n").endsWith("\r\n\r\nABCD");
        assertThat(r.body().size()).isEqualTo(137);
    }

    @Test
    void rfc4975Section11_5KeepsFailureReportBeforeSuccessReport() {
        MsrpRequest r = (MsrpRequest) rfc("rfc4975/11.5-1.msrp");
        assertThat(r.headers()).containsExactly(new MsrpHeader.MessageId("12339sdqwer"), new MsrpHeader.ByteRange(1, 38, 38),
                MsrpHeader.FailureReport.NO, MsrpHeader.SuccessReport.NO);
        assertThat(r.wantsResponse(MsrpStatus.OK)).isFalse();
        assertThat(r.fromPath().get(0)).isEqualTo(MsrpUri.parse("msrp://example.com:7777/iau39soe2843z;tcp"));
    }

    @Test
    void rfc4975Section11_6SuccessReport() {
        MsrpRequest send = (MsrpRequest) rfc("rfc4975/11.6-1.msrp");
        assertThat(send.successReport()).isTrue();
        assertThat(send.failureReport()).isEqualTo(MsrpHeader.FailureReport.Kind.NO);
        MsrpRequest report = (MsrpRequest) rfc("rfc4975/11.6-2.msrp");
        assertThat(report.method()).isEqualTo(MsrpMethod.REPORT);
        assertThat(report.messageId()).isEqualTo(send.messageId());
        assertThat(report.byteRange()).isEqualTo(send.byteRange());
        assertThat(report.statusHeader()).contains(new MsrpHeader.Status(0, MsrpStatus.OK, Optional.of("OK")));
        assertThat(report.content()).isEmpty();
    }

    @Test
    void rfc4976Section3RelayedSendAndReports() {
        MsrpRequest send = (MsrpRequest) rfc("rfc4976/3-1.msrp");
        assertThat(send.toPath()).extracting(MsrpUri::toString).containsExactly("msrps://a.example.org:9000/kjfjan;tcp",
                "msrps://b.example.net:9000/aeiug;tcp", "msrps://bob.example.net:8145/foo;tcp");
        assertThat(send.toPath()).allMatch(MsrpUri::secure);
        assertThat(send.byteRange()).contains(new MsrpHeader.ByteRange(1, MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN));
        assertThat(send.headers().get(0)).isEqualTo(MsrpHeader.SuccessReport.YES);

        // each relay takes itself off the To-Path and puts itself first on the From-Path (RFC 4976 §3)
        MsrpRequest hop2 = (MsrpRequest) rfc("rfc4976/3-3.msrp");
        assertThat(hop2.toPath()).isEqualTo(send.toPath().subList(1, 3));
        assertThat(hop2.fromPath()).containsExactly(send.toPath().get(0), send.fromPath().get(0));
        MsrpRequest hop3 = (MsrpRequest) rfc("rfc4976/3-5.msrp");
        assertThat(hop3.toPath()).isEqualTo(send.toPath().subList(2, 3));
        assertThat(hop3.body()).isEqualTo(send.body());

        MsrpResponse ok = (MsrpResponse) rfc("rfc4976/3-2.msrp");
        assertThat(ok.status()).isEqualTo(MsrpStatus.OK);
        assertThat(ok.messageId()).contains(new MsrpHeader.MessageId("87652"));

        MsrpRequest last = (MsrpRequest) rfc("rfc4976/3-9.msrp");
        assertThat(last.method()).isEqualTo(MsrpMethod.REPORT);
        assertThat(last.toPath()).containsExactly(send.fromPath().get(0));
        assertThat(last.fromPath()).hasSize(3);
    }

    @Test
    void rfc4976Section5_1AuthToARelayUriWithUserinfoAndNoSessionId() {
        MsrpRequest auth = (MsrpRequest) rfc("rfc4976/5.1-1.msrp");
        assertThat(auth.method()).isEqualTo(MsrpMethod.AUTH);
        MsrpUri relay = auth.toPath().get(0);
        assertThat(relay.userinfo()).contains("alice");
        assertThat(relay.host()).isEqualTo("intra.example.com");
        assertThat(relay.port()).isEqualTo(OptionalInt.empty());
        assertThat(relay.sessionId()).isEmpty();
        assertThat(relay.secure()).isTrue();
        assertThat(auth.headers()).isEmpty();
        assertThat(auth.content()).isEmpty();

        MsrpRequest withCredentials = (MsrpRequest) rfc("rfc4976/5.1-3.msrp");
        assertThat(withCredentials.header(MsrpHeader.Authorization.class).orElseThrow().value())
                .startsWith("Digest username=\"Alice\", realm=\"intra.example.com\", ")
                .endsWith(", response=\"6629fae49393a05397450978507c4ef1\"");
    }

    @Test
    void rfc4976Section5_1TwoHundredToAuthCarriesUsePathAuthenticationInfoAndExpires() {
        MsrpResponse ok = (MsrpResponse) rfc("rfc4976/5.1-4.msrp");
        assertThat(ok.header(MsrpHeader.UsePath.class).orElseThrow().uris())
                .containsExactly(MsrpUri.parse("msrps://intra.example.com:9000/jui787s2f;tcp"));
        assertThat(ok.header(MsrpHeader.Expires.class)).contains(new MsrpHeader.Expires(900));
        assertThat(ok.header(MsrpHeader.AuthenticationInfo.class).orElseThrow().value())
                .isEqualTo("nextnonce=\"40f2e879449675f288476d772627370a\", rspauth=\"7327570c586207eca2afae94fc20903d\", "
                        + "cnonce=\"0a4f113b\", nc=00000001, qop=auth");

        MsrpResponse outer = (MsrpResponse) rfc("rfc4976/5.1-11.msrp");
        assertThat(outer.header(MsrpHeader.UsePath.class).orElseThrow().uris()).hasSize(2);
        assertThat(outer.header(MsrpHeader.Expires.class)).contains(new MsrpHeader.Expires(1800));
        assertThat(outer.headers()).extracting(MsrpHeader::name)
                .containsExactly("Use-Path", "Authentication-Info", "Expires");

        // the relay URI with userinfo and no port / session-id matches only itself (RFC 4975 §6.1)
        MsrpUri a = ((MsrpResponse) rfc("rfc4976/5.1-2.msrp")).fromPath().get(0);
        assertThat(a.matches(MsrpUri.parse("msrps://intra.example.com;tcp"))).isTrue();
        assertThat(a.matches(MsrpUri.parse("msrps://intra.example.com:2855;tcp"))).isFalse();
        assertThat(a.matches(MsrpUri.parse("msrps://intra.example.com:9000/jui787s2f;tcp"))).isFalse();
    }

    /** MsrpResponse.to(request, status, headers) must give the response the RFC prints, byte for byte. */
    static void respondsAsTheRfcDoes(String request, String response) {
        MsrpRequest r = (MsrpRequest) rfc(request);
        MsrpResponse printed = (MsrpResponse) rfc(response);
        assertThat(MsrpCodec.toBytes(MsrpResponse.to(r, printed.status(), printed.headers())))
                .as("%s answered as in %s", request, response)
                .isEqualTo(Bytes.of(Corpus.bytes(MsrpRfcExamplesTest.class, "corpus/msrp/" + response)));
    }

    @Test
    void responseToSendGoesToThePreviousHopOnly() {
        // RFC 4975 §7.2: "the To-Path header field is formed by copying the first (leftmost) URI in the
        // From-Path header field of the request"
        respondsAsTheRfcDoes("rfc4975/4-1.msrp", "rfc4975/4-2.msrp");
        respondsAsTheRfcDoes("rfc4975/11.1-1.msrp", "rfc4975/11.1-2.msrp");
        respondsAsTheRfcDoes("rfc4975/11.1-3.msrp", "rfc4975/11.1-4.msrp");
        respondsAsTheRfcDoes("rfc4976/3-1.msrp", "rfc4976/3-2.msrp");
        respondsAsTheRfcDoes("rfc4976/3-3.msrp", "rfc4976/3-4.msrp");
        respondsAsTheRfcDoes("rfc5547/9.1-1.layout.msrp", "rfc5547/9.1-3.msrp");
        respondsAsTheRfcDoes("rfc5547/9.2-3.layout.msrp", "rfc5547/9.2-4.msrp");
        respondsAsTheRfcDoes("rfc7701/9.3-1.msrp", "rfc7701/9.3-2.msrp");
        respondsAsTheRfcDoes("rfc7977/8.2.2-1.msrp", "rfc7977/8.2.2-2.msrp");
        respondsAsTheRfcDoes("rfc7977/8.3.2-3.msrp", "rfc7977/8.3.2-4.msrp");
    }

    @Test
    void responseToANonSendRequestGoesBackAlongTheWholeFromPath() {
        // RFC 4975 §7.2: "For responses to all other request methods, the To-Path header field contains
        // the full path back to the original sender." RFC 4976 §5.1: extra.example.com answers the
        // AUTH that intra.example.com forwarded with a To-Path of intra and Alice.
        respondsAsTheRfcDoes("rfc4976/5.1-6.msrp", "rfc4976/5.1-7.msrp");
        respondsAsTheRfcDoes("rfc4976/5.1-10.msrp", "rfc4976/5.1-11.msrp");
        respondsAsTheRfcDoes("rfc4976/5.1-1.msrp", "rfc4976/5.1-2.msrp");
        respondsAsTheRfcDoes("rfc4976/5.1-3.msrp", "rfc4976/5.1-4.msrp");
        respondsAsTheRfcDoes("rfc7977/8.1.1-1.msrp", "rfc7977/8.1.1-2.msrp");
        respondsAsTheRfcDoes("rfc7977/8.1.2-1.msrp", "rfc7977/8.1.2-2.msrp");
        respondsAsTheRfcDoes("rfc7977/8.1.2-3.msrp", "rfc7977/8.1.2-4.msrp");
        respondsAsTheRfcDoes("rfc7701/9.2-3.msrp", "rfc7701/9.2-4.msrp");
        assertThat(MsrpResponse.responseToPath(MsrpMethod.AUTH, rfc("rfc4976/5.1-6.msrp").fromPath())).hasSize(2);
        assertThat(MsrpResponse.responseToPath(MsrpMethod.SEND, rfc("rfc4976/5.1-6.msrp").fromPath())).hasSize(1);
    }

    @Test
    void rfc5547FileTransferChunksAndTheirResponses() {
        MsrpRequest first = (MsrpRequest) rfc("rfc5547/9.1-1.layout.msrp");
        assertThat(first.continuation()).isEqualTo(MsrpContinuation.MORE);
        assertThat(first.byteRange()).contains(new MsrpHeader.ByteRange(1, 2048, 4385));
        // the CPIM body's folded Content-Disposition stays folded: it is body, not an MSRP header
        assertThat(first.body().utf8()).contains("filename=\"My cool picture.jpg\";\r\n                   creation-date=");
        MsrpResponse ok = (MsrpResponse) rfc("rfc5547/9.1-3.msrp");
        assertThat(ok.byteRange()).contains(new MsrpHeader.ByteRange(1, 2048, 4385));
        MsrpRequest second = (MsrpRequest) rfc("rfc5547/9.1-2.layout.msrp");
        assertThat(second.byteRange()).contains(new MsrpHeader.ByteRange(2049, 4385, 4385));
        assertThat(second.continuation()).isEqualTo(MsrpContinuation.COMPLETE);
    }
}
