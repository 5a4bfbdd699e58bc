package org.mediasec.msrp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.testkit.Corpus;

class MsrpCodecTest {
    static final MsrpUri BOB = MsrpUri.parse("msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
    static final MsrpUri ALICE = MsrpUri.parse("msrp://atlanta.example.com:7654/jshA7weztas;tcp");

    static DecodeResult decode(String crlfText) {
        return MsrpCodec.decode(crlfText.getBytes(StandardCharsets.UTF_8), MsrpLimits.DEFAULT);
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    static MsrpMessage ok(String lfText) {
        DecodeResult r = decode(crlf(lfText));
        assertThat(r).as("%s", r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message();
    }

    static DecodeResult.Malformed malformed(String lfText) {
        DecodeResult r = decode(crlf(lfText));
        assertThat(r).as("%s", r).isInstanceOf(DecodeResult.Malformed.class);
        return (DecodeResult.Malformed) r;
    }

    @Test
    void decodesRfc4975Section4SendToTheExpectedModel() {
        byte[] wire = Corpus.bytes(getClass(), "corpus/msrp/rfc4975/4-1.msrp");
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        DecodeResult r = MsrpCodec.decode(buf);
        assertThat(buf.readableBytes()).isZero();
        buf.release();
        MsrpRequest expected = new MsrpRequest("a786hjs2", MsrpMethod.SEND, List.of(BOB), List.of(ALICE),
                List.of(new MsrpHeader.MessageId("87652491"), new MsrpHeader.ByteRange(1, 25, 25)),
                Optional.of(MsrpContent.text("Hey Bob, are you there?")), MsrpContinuation.COMPLETE);
        assertThat(r).isEqualTo(new DecodeResult.Ok(expected));
        assertThat(expected.successReport()).isFalse();
        assertThat(expected.failureReport()).isEqualTo(MsrpHeader.FailureReport.Kind.YES);
        assertThat(expected.wantsResponse(MsrpStatus.OK)).isTrue();
    }

    @Test
    void responseFactoryBuildsTheRfc4975Section4Response() {
        MsrpRequest send = (MsrpRequest) ((DecodeResult.Ok) MsrpCodec.decode(
                Corpus.bytes(getClass(), "corpus/msrp/rfc4975/4-1.msrp"), MsrpLimits.DEFAULT)).message();
        MsrpResponse resp = MsrpResponse.to(send, MsrpStatus.OK);
        assertThat(MsrpCodec.toBytes(resp)).isEqualTo(Bytes.of(Corpus.bytes(getClass(), "corpus/msrp/rfc4975/4-2.msrp")));
    }

    @Test
    void decodesReportStatusAndAuthHeaders() {
        MsrpRequest report = (MsrpRequest) ((DecodeResult.Ok) MsrpCodec.decode(
                Corpus.bytes(getClass(), "corpus/msrp/rfc4975/11.6-2.msrp"), MsrpLimits.DEFAULT)).message();
        assertThat(report.method()).isEqualTo(MsrpMethod.REPORT);
        assertThat(report.statusHeader()).contains(new MsrpHeader.Status(0, MsrpStatus.OK, Optional.of("OK")));
        assertThat(report.wantsResponse(MsrpStatus.OK)).isFalse();

        MsrpResponse challenge = (MsrpResponse) ((DecodeResult.Ok) MsrpCodec.decode(
                Corpus.bytes(getClass(), "corpus/msrp/rfc4976/5.1-2.msrp"), MsrpLimits.DEFAULT)).message();
        assertThat(challenge.status()).isEqualTo(MsrpStatus.UNAUTHORIZED);
        assertThat(challenge.comment()).contains("Unauthorized");
        assertThat(challenge.header(MsrpHeader.WwwAuthenticate.class).orElseThrow().value()).startsWith("Digest realm=\"intra.example.com\"");
        assertThat(challenge.toPath().get(0).sessionId()).contains("98cjs");
        assertThat(challenge.fromPath().get(0).userinfo()).contains("alice");
    }

    @Test
    void encodesPathsFirstThenHeadersThenMimeHeadersAndContentTypeLast() {
        MsrpRequest r = new MsrpRequest("tid12345", MsrpMethod.SEND, List.of(BOB), List.of(ALICE),
                List.of(new MsrpHeader.Extension("X-Foo", "bar"), new MsrpHeader.MessageId("m1234"),
                        MsrpHeader.SuccessReport.YES, MsrpHeader.FailureReport.PARTIAL,
                        new MsrpHeader.ByteRange(1, MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN)),
                Optional.of(new MsrpContent("message/cpim",
                        List.of(new MsrpContent.MimeHeader("Content-ID", "<x@y>"),
                                new MsrpContent.MimeHeader("Content-Disposition", "inline")),
                        Bytes.utf8("hi"))),
                MsrpContinuation.MORE);
        assertThat(MsrpCodec.toBytes(r).utf8()).isEqualTo(crlf("""
                MSRP tid12345 SEND
                To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp
                From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp
                X-Foo: bar
                Message-ID: m1234
                Success-Report: yes
                Failure-Report: partial
                Byte-Range: 1-*/*
                Content-ID: <x@y>
                Content-Disposition: inline
                Content-Type: message/cpim

                hi
                -------tid12345+
                """));
    }

    @Test
    void encodesEmptySendAbortAndEmptyBody() {
        MsrpRequest empty = new MsrpRequest("abcd", MsrpMethod.SEND, List.of(BOB), List.of(ALICE), List.of(),
                Optional.empty(), MsrpContinuation.COMPLETE);
        assertThat(MsrpCodec.toBytes(empty).utf8()).isEqualTo(crlf("""
                MSRP abcd SEND
                To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp
                From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp
                -------abcd$
                """));
        MsrpRequest emptyBody = new MsrpRequest("abcd", MsrpMethod.SEND, List.of(BOB), List.of(ALICE), List.of(),
                Optional.of(MsrpContent.text("")), MsrpContinuation.ABORT);
        String wire = MsrpCodec.toBytes(emptyBody).utf8();
        assertThat(wire).endsWith("Content-Type: text/plain\r\n\r\n\r\n-------abcd#\r\n");
        assertThat(decode(wire)).isEqualTo(new DecodeResult.Ok(emptyBody));
    }

    @Test
    void toleratesCaseWhitespaceAndHeaderOrder() {
        MsrpMessage m = ok("""
                MSRP abcd SEND
                message-id:   m1234
                from-path: msrp://atlanta.example.com:7654/jshA7weztas;tcp
                TO-PATH: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp  msrp://x.example.com:1/s;tcp
                success-report: YES
                content-type: text/plain

                x
                -------abcd$
                """);
        assertThat(m.toPath()).hasSize(2);
        assertThat(m.messageId()).contains(new MsrpHeader.MessageId("m1234"));
        assertThat(((MsrpRequest) m).successReport()).isTrue();
        // re-encoded canonically
        assertThat(MsrpCodec.toBytes(m).utf8()).startsWith(crlf("MSRP abcd SEND\nTo-Path: msrp://biloxi"));
    }

    @Test
    void acceptsEndLineWithoutFinalCrlfAndEmptyLineDirectlyBeforeEndLine() {
        ok("MSRP abcd 200 OK\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$");
        MsrpRequest r = (MsrpRequest) ok("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Content-Type: text/plain

                -------abcd$
                """);
        assertThat(r.body()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void bodyMayContainLookAlikeEndLines() {
        MsrpRequest r = (MsrpRequest) ok("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Content-Type: text/plain

                -------abcdX
                -------abce$
                ------abcd$
                -------abcd$
                """);
        assertThat(r.body().utf8()).isEqualTo("-------abcdX\r\n-------abce$\r\n------abcd$");
    }

    @Test
    void dataAfterTheEndLineIsMalformed() {
        DecodeResult.Malformed m = malformed("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Content-Type: text/plain

                x
                -------abcd$
                y
                -------abcd$
                """);
        assertThat(m.reason()).contains("after the end-line");
    }

    @Test
    void malformedRequestRecoversWhatTheReplyNeeds() {
        DecodeResult.Malformed m = malformed("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Byte-Range: x-1/2
                -------abcd$
                """);
        RecoveredHeader h = m.recovered().orElseThrow();
        assertThat(h.transactionId()).isEqualTo("abcd");
        assertThat(h.method()).contains(MsrpMethod.SEND);
        assertThat(h.replyStatus()).isEqualTo(MsrpStatus.UNINTELLIGIBLE);
        MsrpResponse reply = h.reply().orElseThrow();
        assertThat(MsrpCodec.toBytes(reply).utf8()).isEqualTo(crlf("""
                MSRP abcd 400 Unintelligible
                To-Path: msrp://b.example.com:1/s;tcp
                From-Path: msrp://a.example.com:1/s;tcp
                -------abcd$
                """));
    }

    @Test
    void malformedUnknownMethodGets501AndFailureReportNoGetsNothing() {
        DecodeResult.Malformed m = malformed("""
                MSRP abcd FROB
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Success-Report: maybe
                -------abcd$
                """);
        assertThat(m.recovered().orElseThrow().replyStatus()).isEqualTo(MsrpStatus.METHOD_NOT_UNDERSTOOD);
        assertThat(m.recovered().orElseThrow().reply().orElseThrow().status().code()).isEqualTo(501);

        DecodeResult.Malformed quiet = malformed("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Failure-Report: no
                Byte-Range: 9-1/2
                -------abcd$
                """);
        assertThat(quiet.recovered().orElseThrow().reply()).isEmpty();
    }

    @Test
    void errorReplyToANonSendRequestGoesBackAlongTheWholeFromPath() {
        // RFC 4975 §7.2: "For responses to all other request methods, the To-Path header field contains
        // the full path back to the original sender." (here: an AUTH forwarded by a relay, RFC 4976 §5.1)
        DecodeResult.Malformed m = malformed("""
                MSRP m2nbvw AUTH
                To-Path: msrps://extra.example.com;tcp
                From-Path: msrps://intra.example.com:9000/jui787s2f;tcp msrps://alice.example.com:9892/98cjs;tcp
                Expires: soon
                -------m2nbvw$
                """);
        assertThat(MsrpCodec.toBytes(m.recovered().orElseThrow().reply().orElseThrow()).utf8()).isEqualTo(crlf("""
                MSRP m2nbvw 400 Unintelligible
                To-Path: msrps://intra.example.com:9000/jui787s2f;tcp msrps://alice.example.com:9892/98cjs;tcp
                From-Path: msrps://extra.example.com;tcp
                -------m2nbvw$
                """));
        // "If the request triggering the response was a SEND request, the To-Path header field is formed
        // by copying the first (leftmost) URI in the From-Path header field of the request."
        DecodeResult.Malformed send = malformed("""
                MSRP juh76 SEND
                To-Path: msrps://b.example.net:9000/aeiug;tcp msrps://bob.example.net:8145/foo;tcp
                From-Path: msrps://a.example.org:9000/kjfjan;tcp msrps://alice.example.org:7965/bar;tcp
                Byte-Range: 1-x/*
                -------juh76$
                """);
        assertThat(send.recovered().orElseThrow().reply().orElseThrow().toPath())
                .containsExactly(MsrpUri.parse("msrps://a.example.org:9000/kjfjan;tcp"));
        // an unknown method: 501 along the whole From-Path too
        DecodeResult.Malformed frob = malformed("""
                MSRP abcd FROB
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp msrp://c.example.com:1/s;tcp
                Success-Report: maybe
                -------abcd$
                """);
        assertThat(frob.recovered().orElseThrow().reply().orElseThrow().toPath()).hasSize(2);
    }

    @Test
    void statusCommentKeepsItsTrailingWhiteSpaceAndAnEmptyCommentKeepsItsSp() {
        // RFC 4975 §9: Status = "Status:" SP namespace SP status-code [SP comment]; comment = utf8text
        for (String status : new String[] {"000 200 OK  ", "000 413 ", "000 200", "123 456 x\ty"}) {
            String wire = crlf("""
                    MSRP abcd REPORT
                    To-Path: msrp://a.example.com:1/s;tcp
                    From-Path: msrp://b.example.com:1/s;tcp
                    Message-ID: m1234
                    Byte-Range: 1-0/0
                    Status: %s
                    -------abcd$
                    """.formatted(status));
            MsrpRequest r = (MsrpRequest) ((DecodeResult.Ok) decode(wire)).message();
            assertThat(r.statusHeader().orElseThrow().value()).isEqualTo(status);
            assertThat(MsrpCodec.toBytes(r).utf8()).isEqualTo(wire);
        }
        assertThat(((MsrpRequest) ok("""
                MSRP abcd REPORT
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Status: 000 413\s
                -------abcd$
                """)).statusHeader().orElseThrow().reason()).contains("");
        malformed("""
                MSRP abcd REPORT
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Status: 000 200\tOK
                -------abcd$
                """);
    }

    @Test
    void headerNamesAndUriParametersUseTheRfc4975Token() {
        // RFC 4975 §9 token = 1*(%x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E),
        // wider than the RFC 3261 token: # $ & ^ { | } are token characters
        String wire = crlf("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp;x-{a}=b|c#$&^
                From-Path: msrp://b.example.com:1/s;tcp
                X-Ext{1}|#$&^: v
                -------abcd$
                """);
        MsrpRequest r = (MsrpRequest) ((DecodeResult.Ok) decode(wire)).message();
        assertThat(r.toPath().get(0).params()).containsExactly(new MsrpUri.Param("x-{a}", Optional.of("b|c#$&^")));
        assertThat(r.headers()).containsExactly(new MsrpHeader.Extension("X-Ext{1}|#$&^", "v"));
        assertThat(MsrpCodec.toBytes(r).utf8()).isEqualTo(wire);
        // still not: separators of the URI and header grammar
        malformed("""
                MSRP abcd SEND
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                X(1): v
                -------abcd$
                """);
    }

    @Test
    void unknownButWellFormedMethodDecodes() {
        MsrpRequest r = (MsrpRequest) ok("""
                MSRP abcd NICKNAME
                To-Path: msrp://a.example.com:1/s;tcp
                From-Path: msrp://b.example.com:1/s;tcp
                Use-Nickname: "Alice"
                -------abcd$
                """);
        assertThat(r.method()).isEqualTo(MsrpMethod.NICKNAME);
        assertThat(r.headers()).containsExactly(new MsrpHeader.Extension("Use-Nickname", "\"Alice\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "MSRP",
        "MSRP abcd SEND",
        "msrp abcd SEND\n-------abcd$\n",
        "MSRP abc SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abc$\n",
        "MSRP abcd send\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd!\n",
        "MSRP abcd SEND\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: http://a.example.com/\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nno colon here\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nMessage-ID: a\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nMessage-ID: abcd\nMessage-ID: abce\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nStatus: 0 200\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nExpires: -1\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nContent-Type: text/plain\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n\nbody\n-------abcd$\n",
        "MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nContent-Type: text/plain\n\nx-------abcd$ y\n-------abcd$\n",
        "MSRP abcd 200 OK\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nContent-Type: text/plain\n\nx\n-------abcd$\n",
        "MSRP abcd 20 OK\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\n-------abcd$\n",
    })
    void rejectsMalformedFrames(String lf) {
        malformed(lf);
    }

    @Test
    void invalidUtf8InAHeaderIsMalformed() {
        byte[] wire = crlf("MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nX-A: \u00ff\n-------abcd$\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MsrpCodec.decode(wire, MsrpLimits.DEFAULT)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void limitsApplyInThePureCodec() {
        String msg = crlf("MSRP abcd SEND\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://b.example.com:1/s;tcp\nX-A: 1\nX-B: 2\nContent-Type: text/plain\n\n12345\n-------abcd$\n");
        assertThat(MsrpCodec.decode(msg.getBytes(StandardCharsets.UTF_8), MsrpLimits.DEFAULT.withMaxHeaderCount(4)))
                .isInstanceOf(DecodeResult.Malformed.class);
        assertThat(MsrpCodec.decode(msg.getBytes(StandardCharsets.UTF_8), MsrpLimits.DEFAULT.withMaxChunkSize(4)))
                .isInstanceOf(DecodeResult.Malformed.class);
        assertThat(MsrpCodec.decode(msg.getBytes(StandardCharsets.UTF_8), MsrpLimits.DEFAULT.withMaxLineLength(64)))
                .isInstanceOf(DecodeResult.Ok.class);
        assertThat(MsrpCodec.decode(msg.getBytes(StandardCharsets.UTF_8), MsrpLimits.DEFAULT.withMaxChunkSize(5)))
                .isInstanceOf(DecodeResult.Ok.class);
    }

    @Test
    void modelRejectsABodyThatContainsItsEndLine() {
        Bytes body = Bytes.utf8("before\r\n-------abcd$\r\nafter");
        assertThatThrownBy(() -> new MsrpRequest("abcd", MsrpMethod.SEND, List.of(BOB), List.of(ALICE), List.of(),
                Optional.of(MsrpContent.of("text/plain", body)), MsrpContinuation.COMPLETE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end-line");
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", body)).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("-------abcd"))).isFalse();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("-------abcdef$"))).isFalse();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("x-------abcd#"))).isTrue();
        String tid = MsrpTransactionIds.chooseFor(body, new SplittableRandom(1));
        assertThat(tid).hasSize(MsrpTransactionIds.DEFAULT_LENGTH);
        assertThat(MsrpTransactionIds.endLineOccursIn(tid, body)).isFalse();
    }

    @Test
    void modelValidatesInCompactConstructors() {
        assertThatThrownBy(() -> new MsrpHeader.ByteRange(0, 1, 1)).hasMessageContaining("start: 0");
        assertThatThrownBy(() -> new MsrpHeader.ByteRange(5, 3, 10)).hasMessageContaining("end: 3");
        assertThatThrownBy(() -> new MsrpHeader.ByteRange(1, 10, 5)).hasMessageContaining("total: 5");
        assertThatThrownBy(() -> new MsrpHeader.MessageId("abc")).hasMessageContaining("ident");
        assertThatThrownBy(() -> new MsrpHeader.Extension("To-Path", "x")).hasMessageContaining("typed");
        assertThatThrownBy(() -> new MsrpHeader.Extension("X-A", "a\r\nb")).hasMessageContaining("CR");
        assertThatThrownBy(() -> MsrpMethod.of("Send")).hasMessageContaining("UPALPHA");
        assertThatThrownBy(() -> new MsrpStatus(1000, "")).hasMessageContaining("code: 1000");
        assertThatThrownBy(() -> new MsrpRequest("abcd", MsrpMethod.SEND, List.of(), List.of(ALICE), List.of(),
                Optional.empty(), MsrpContinuation.COMPLETE)).hasMessageContaining("toPath");
        assertThatThrownBy(() -> new MsrpRequest("abcd", MsrpMethod.SEND, List.of(BOB), List.of(ALICE),
                List.of(new MsrpHeader.MessageId("abcd"), new MsrpHeader.MessageId("abce")),
                Optional.empty(), MsrpContinuation.COMPLETE)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new MsrpContent.MimeHeader("Content-Type", "x")).hasMessageContaining("Content-Type");
    }

    @Test
    void byteRangeArithmeticForChunking() {
        MsrpHeader.ByteRange first = MsrpHeader.ByteRange.ofChunk(1, 2048, 5000);
        assertThat(first.value()).isEqualTo("1-2048/5000");
        assertThat(first.length()).isEqualTo(2048);
        assertThat(first.nextStart()).isEqualTo(2049);
        assertThat(first.reachesTotal()).isFalse();
        MsrpHeader.ByteRange last = MsrpHeader.ByteRange.ofChunk(first.nextStart(), 2952, 5000);
        assertThat(last.value()).isEqualTo("2049-5000/5000");
        assertThat(last.reachesTotal()).isTrue();
        MsrpHeader.ByteRange open = new MsrpHeader.ByteRange(1, MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN);
        assertThat(open.value()).isEqualTo("1-*/*");
        assertThat(open.length()).isEqualTo(MsrpHeader.ByteRange.UNKNOWN);
        assertThat(open.withLength(4).value()).isEqualTo("1-4/*");
        assertThat(MsrpHeader.ByteRange.whole(0).value()).isEqualTo("1-0/0");
    }

    @Test
    void statusConstantsAndOpenEnum() {
        assertThat(MsrpStatus.of(481)).isSameAs(MsrpStatus.SESSION_DOES_NOT_EXIST);
        assertThat(MsrpStatus.of(299)).isEqualTo(new MsrpStatus(299, "anything"));
        assertThat(MsrpStatus.of(299).isSuccess()).isTrue();
        assertThat(MsrpMethod.of("AUTH")).isSameAs(MsrpMethod.AUTH);
        assertThat(MsrpMethod.of("FOO").isKnown()).isFalse();
        assertThat(MsrpHeader.Status.of(MsrpStatus.STOP_SENDING).value()).isEqualTo("000 413 Stop-sending-message");
    }
}
