package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.common.Bytes;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Text2Pcap;
import org.mediasec.testkit.Tshark;

/**
 * Wireshark's MSRP dissector as a decoding oracle: every kind of message our codec emits is wrapped
 * in TCP on port 2855 by text2pcap (one packet per message) and must come out as {@code msrp} with
 * the method / status, transaction id and continuation flag we put in, and no malformed or
 * error-severity expert items.
 */
@Tag("interop")
class MsrpTsharkInteropTest {
    private static final MsrpUri BOB = MsrpUri.parse("msrps://bob.example.com:8888/9di4eae923wzd;tcp");
    private static final MsrpUri ALICE = MsrpUri.parse("msrps://alice.example.com:7777/iau39soe2843z;tcp");
    private static final MsrpUri RELAY = MsrpUri.parse("msrps://alice@intra.example.com;tcp");

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        ExternalTool.require("tshark");
        ExternalTool.require("text2pcap");
    }

    /** One message and what tshark must show for it. */
    record Case(String name, MsrpMessage message, String method, String status, String flag) {
    }

    static List<Case> cases() {
        List<MsrpUri> to = List.of(BOB);
        List<MsrpUri> from = List.of(ALICE);
        MsrpRequest send = MsrpRequest.send("a786hjs2", to, from, "87652491", MsrpContent.text("Hey Bob, are you there?"));
        MsrpRequest chunk = new MsrpRequest("dkei38sd", MsrpMethod.SEND, to, from,
                List.of(new MsrpHeader.MessageId("4564dpWd"), MsrpHeader.ByteRange.ofChunk(1, 1000, 2000),
                        MsrpHeader.SuccessReport.YES, MsrpHeader.FailureReport.PARTIAL),
                Optional.of(new MsrpContent("application/octet-stream",
                        List.of(new MsrpContent.MimeHeader(MsrpContent.MimeHeader.CONTENT_DISPOSITION, "attachment; filename=\"a.bin\"")),
                        Bytes.utf8("0123456789".repeat(100)))),
                MsrpContinuation.MORE);
        MsrpRequest abort = new MsrpRequest("dkei38ia", MsrpMethod.SEND, to, from,
                List.of(new MsrpHeader.MessageId("4564dpWd"), MsrpHeader.ByteRange.ofChunk(1001, 4, 2000)),
                Optional.of(MsrpContent.of("application/octet-stream", Bytes.utf8("abcd"))), MsrpContinuation.ABORT);
        MsrpRequest empty = new MsrpRequest("e1mpty01", MsrpMethod.SEND, to, from,
                List.of(new MsrpHeader.MessageId("bind0001"), new MsrpHeader.ByteRange(1, 0, 0)),
                Optional.empty(), MsrpContinuation.COMPLETE);
        MsrpRequest report = new MsrpRequest("r3port01", MsrpMethod.REPORT, List.of(ALICE), List.of(BOB),
                List.of(new MsrpHeader.MessageId("4564dpWd"), new MsrpHeader.ByteRange(1, 1000, 2000),
                        MsrpHeader.Status.of(MsrpStatus.OK)),
                Optional.empty(), MsrpContinuation.COMPLETE);
        MsrpRequest auth = new MsrpRequest("49fi", MsrpMethod.AUTH, List.of(RELAY),
                List.of(MsrpUri.parse("msrps://alice.example.com:9892/98cjs;tcp")),
                List.of(new MsrpHeader.Authorization("Digest username=\"Alice\", realm=\"intra.example.com\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
                        + "response=\"6629fae49393a05397450978507c4ef1\""),
                        new MsrpHeader.Expires(900)),
                Optional.empty(), MsrpContinuation.COMPLETE);
        MsrpResponse authOk = new MsrpResponse("49fi", MsrpStatus.OK, Optional.of("OK"),
                List.of(MsrpUri.parse("msrps://alice.example.com:9892/98cjs;tcp")), List.of(RELAY),
                List.of(new MsrpHeader.UsePath(List.of(MsrpUri.parse("msrps://intra.example.com:9000/jui787s2f;tcp"))),
                        new MsrpHeader.Expires(900)));
        return List.of(
                new Case("SEND with body", send, "SEND", "", "$"),
                new Case("SEND chunk +", chunk, "SEND", "", "+"),
                new Case("SEND abort #", abort, "SEND", "", "#"),
                new Case("empty SEND", empty, "SEND", "", "$"),
                new Case("REPORT", report, "REPORT", "", "$"),
                new Case("AUTH", auth, "AUTH", "", "$"),
                new Case("200 to SEND", MsrpResponse.to(send, MsrpStatus.OK), "", "200", "$"),
                new Case("400", MsrpResponse.to(chunk, MsrpStatus.UNINTELLIGIBLE), "", "400", "$"),
                new Case("481", MsrpResponse.to(send.withTransactionId("x481abcd"), MsrpStatus.SESSION_DOES_NOT_EXIST), "", "481", "$"),
                new Case("200 to AUTH with Use-Path", authOk, "", "200", "$"));
    }

    @Test
    void tsharkDissectsEveryMessageKindWeEmit() {
        List<Case> cases = cases();
        List<byte[]> packets = new ArrayList<>();
        for (Case c : cases) {
            packets.add(MsrpCodec.toBytes(c.message()).toByteArray());
        }
        Path pcap = Text2Pcap.write(dir, "msrp", Text2Pcap.Transport.TCP, 2855, 2855, packets);

        String out = Tshark.read(pcap, "-d", "tcp.port==2855,msrp", "-T", "fields", "-E", "separator=;",
                "-E", "occurrence=f", "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "msrp.method",
                "-e", "msrp.transaction.id", "-e", "msrp.status.code", "-e", "msrp.cnt.flg");
        List<String> lines = out.strip().lines().toList();
        assertThat(lines).as(out).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertThat(lines.get(i)).as(c.name()).isEqualTo(String.join(";", String.valueOf(i + 1), "MSRP", c.method(),
                    c.message().transactionId(), c.status(), c.flag()));
        }
        assertThat(Tshark.malformedFrames(pcap, "-d", "tcp.port==2855,msrp")).as("malformed or error frames").isEmpty();
    }

    @Test
    void tsharkSeesTheHeadersAndBodyWeWrote() {
        Case chunk = cases().get(1);
        Path pcap = Text2Pcap.write(dir, "chunk", Text2Pcap.Transport.TCP, 2855, 2855,
                List.of(MsrpCodec.toBytes(chunk.message()).toByteArray()));
        String out = Tshark.read(pcap, "-d", "tcp.port==2855,msrp", "-T", "fields", "-E", "separator=;",
                "-e", "msrp.to.path", "-e", "msrp.from.path", "-e", "msrp.messageid", "-e", "msrp.byte.range",
                "-e", "msrp.success.report", "-e", "msrp.failure.report", "-e", "msrp.content.type",
                "-e", "msrp.content.disposition").strip();
        assertThat(out).isEqualTo(String.join(";", BOB.toString(), ALICE.toString(), "4564dpWd", "1-1000/2000",
                "yes", "partial", "application/octet-stream", "attachment; filename=\"a.bin\""));
    }
}
