package org.mediasec.msrp.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.msrp.transfer.FileTransferTest.T;
import static org.mediasec.msrp.transfer.FileTransferTest.randomFile;
import static org.mediasec.msrp.transfer.FileTransferTest.sdp;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.msrp.transfer.FilePullResponder.Decision;
import org.mediasec.sdp.FileRange;
import org.mediasec.sdp.FileSelector;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * RFC 5547 pull (§8.2.2, §8.3.2, example §9.2): the file receiver offers {@code a=recvonly} with a
 * {@code a=file-selector} and a fresh {@code a=file-transfer-id}; the file sender applies the selector
 * to its files ({@link FilePullResponder}), answers {@code a=sendonly} with the file's sha-1, and
 * sends the file over the session; the receiver checks it against both selectors.
 */
class FilePullTest {
    static Transports transports;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        transports = Transports.create("msrp-pull", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stop() {
        transports.close();
    }

    Map<Path, String> library() throws Exception {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(randomFile(tmp.resolve("holiday.jpg"), 2_500_000, 1), "image/jpeg");
        files.put(randomFile(tmp.resolve("report.pdf"), 700_000, 2), "application/pdf");
        files.put(randomFile(tmp.resolve("beach.jpg"), 1_200_000, 3), "image/jpeg");
        return files;
    }

    record Pull(MsrpSession receiver, FileTransferTest.Events receiverEvents, MsrpSessionSpec receiverSpec,
                MsrpSession sender, MsrpSessionSpec senderSpec, FileSelector answered) {
    }

    /** Alice (file receiver) offers recvonly; Bob (file sender) answers sendonly with what the responder decided. */
    static Pull negotiate(MsrpEndpoint alice, MsrpEndpoint bob, Decision.Send decision, String... offerLines)
            throws Exception {
        List<CertificateFingerprint> alicePins = alice.secure() ? List.of(alice.fingerprint()) : List.of();
        List<CertificateFingerprint> bobPins = bob.secure() ? List.of(bob.fingerprint()) : List.of();
        SessionDescription offer = sdp(alice.newLocalUri("127.0.0.1"), "actpass", "recvonly", alicePins, offerLines);
        List<String> answerLines = new java.util.ArrayList<>(List.of("a=file-selector:" + decision.answerSelector().format(),
                "a=file-transfer-id:" + decision.fileTransferId()));
        decision.range().ifPresent(r -> answerLines.add("a=file-range:" + r.format()));
        SessionDescription answer = sdp(bob.newLocalUri("127.0.0.1"), "passive", "sendonly", bobPins,
                answerLines.toArray(String[]::new));
        MsrpSessionSpec aSpec = MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true);
        MsrpSessionSpec bSpec = MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false);
        FileTransferTest.Events ae = new FileTransferTest.Events();
        MsrpSession b = bob.open(bSpec, new FileTransferTest.Events());
        MsrpSession a = alice.open(aSpec, ae);
        a.connected().get(T, TimeUnit.SECONDS);
        b.connected().get(T, TimeUnit.SECONDS);
        FileSelector answered = answer.media().get(0).get(SdpAttributes.FILE_SELECTOR).orElseThrow();
        return new Pull(a, ae, aSpec, b, bSpec, answered);
    }

    @Test
    void receiverPullsAFileByNameAndSizeAndChecksTheAnsweredHash() throws Exception {
        Map<Path, String> files = library();
        Path wanted = tmp.resolve("holiday.jpg");
        // §8.2.2: the hash is unknown to the receiver; name, type and size describe the file
        FileSelector requested = new FileSelector("holiday.jpg", "image/jpeg", 2_500_000L, List.of());
        FilePullResponder bobFiles = new FilePullResponder(files);
        Decision d = bobFiles.answer(requested, "aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2", Optional.empty());
        assertThat(d).isInstanceOf(Decision.Send.class);
        Decision.Send send = (Decision.Send) d;
        assertThat(send.file()).isEqualTo(wanted);
        assertThat(send.answerSelector().sha1()).isPresent();
        assertThat(send.answerSelector().type()).isEqualTo("image/jpeg");

        LocalIdentity aliceId = LocalIdentity.selfSigned("alice");
        LocalIdentity bobId = LocalIdentity.selfSigned("bob");
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withChunkSize(32 << 10).withSpillDirectory(tmp);
        try (MsrpEndpoint alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, config);
             MsrpEndpoint bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, config)) {
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            Pull p = negotiate(alice, bob, send, "a=file-selector:" + requested.format(),
                    "a=file-transfer-id:aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2");
            // each side reads its own selector; the file sender's carries the hash
            assertThat(p.receiverSpec().fileSelector()).contains(requested);
            assertThat(p.senderSpec().fileSelector()).contains(send.answerSelector());

            String id = FileTransfers.send(p.sender(), send.file(), p.senderSpec().fileSelector().orElseThrow(),
                    send.range(), SendOptions.DEFAULT.withSuccessReport(true));
            ReceivedMessage m = p.receiverEvents().next();
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.contentType()).isEqualTo("image/jpeg");
            Path got = FileTransfers.save(m, tmp.resolve("pulled.jpg"), Optional.empty());
            // §8.2.2: check the hash of the answer, and the selectors of the offer
            assertThat(FileTransfers.verify(got, p.answered())).isEmpty();
            assertThat(FileTransfers.verify(got, requested)).isEmpty();
            assertThat(FileTransfers.sha256(got)).isEqualTo(FileTransfers.sha256(wanted));
        }
        // §8.3.2: the same file-transfer-id again starts nothing
        assertThat(bobFiles.answer(requested, "aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2", Optional.empty()))
                .isEqualTo(new Decision.AlreadyTransferred("aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2"));
    }

    /** A pull that resumes: the receiver holds the first 1,000,000 octets and asks for the rest with a=file-range. */
    @Test
    void pullWithFileRangeResumesAnInterruptedTransfer() throws Exception {
        Map<Path, String> files = library();
        Path wanted = tmp.resolve("holiday.jpg");
        FileSelector known = FileTransfers.selector(wanted, "image/jpeg");
        FileSelector requested = new FileSelector(null, null, null, known.hashes()); // by hash only (§8.2.2)
        Path partial = tmp.resolve("partial.jpg");
        try (var in = Files.newInputStream(wanted); var out = Files.newOutputStream(partial)) {
            out.write(in.readNBytes(1_000_000));
        }
        Decision d = new FilePullResponder(files).answer(requested, "resume-1", Optional.of(new FileRange(1_000_001, null)));
        assertThat(d).isInstanceOf(Decision.Send.class);
        Decision.Send send = (Decision.Send) d;
        assertThat(send.range()).contains(new FileRange(1_000_001, null));

        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withChunkSize(16 << 10).withSpillDirectory(tmp);
        try (MsrpEndpoint alice = MsrpEndpoint.plain(transports, config);
             MsrpEndpoint bob = MsrpEndpoint.plain(transports, config)) {
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            Pull p = negotiate(alice, bob, send, "a=file-selector:" + requested.format(),
                    "a=file-transfer-id:resume-1", "a=file-range:1000001-*");
            assertThat(p.receiverSpec().fileRange()).contains(new FileRange(1_000_001, null));
            FileTransfers.send(p.sender(), send.file(), p.senderSpec().fileSelector().orElseThrow(),
                    p.senderSpec().fileRange(), SendOptions.DEFAULT);
            ReceivedMessage m = p.receiverEvents().next();
            assertThat(m.size()).isEqualTo(1_500_000);
            FileTransfers.save(m, partial, p.receiverSpec().fileRange());
            assertThat(FileTransfers.verify(partial, p.answered())).isEmpty();
            assertThat(FileTransfers.sha256(partial)).isEqualTo(FileTransfers.sha256(wanted));
        }
    }

    @Test
    void selectorsThatFindNoneOrSeveralFilesAreRejected() throws Exception {
        FilePullResponder r = new FilePullResponder(library());
        assertThat(r.answer(FileSelector.parse("type:image/jpeg"), "t1", Optional.empty()))
                .isInstanceOfSatisfying(Decision.Reject.class, x -> assertThat(x.reason()).contains("2 files match"));
        assertThat(r.answer(FileSelector.parse("name:\"missing.txt\""), "t2", Optional.empty()))
                .isInstanceOfSatisfying(Decision.Reject.class, x -> assertThat(x.reason()).contains("no file matches"));
        FileSelector wrongHash = new FileSelector("beach.jpg", null, null,
                List.of(new FileSelector.Hash("sha-1", Bytes.of(new byte[20]))));
        assertThat(r.answer(wrongHash, "t3", Optional.empty())).isInstanceOf(Decision.Reject.class);
        assertThat(r.answer(FileSelector.parse("name:\"beach.jpg\" size:1"), "t4", Optional.empty()))
                .isInstanceOf(Decision.Reject.class);
        assertThat(r.answer(FileSelector.parse(""), "t5", Optional.empty()))
                .isInstanceOfSatisfying(Decision.Reject.class, x -> assertThat(x.reason()).contains("without any selector"));
        assertThat(r.answer(FileSelector.parse("name:\"report.pdf\""), "t6", Optional.of(new FileRange(800_000, null))))
                .isInstanceOfSatisfying(Decision.Reject.class, x -> assertThat(x.reason()).contains("outside"));
        // a rejected id was not used: it can still start a transfer; type with parameters and case still match
        assertThat(r.answer(FileSelector.parse("name:\"beach.jpg\" type:IMAGE/JPEG;x=\"1\""), "t3", Optional.empty()))
                .isInstanceOfSatisfying(Decision.Send.class, s -> assertThat(s.file().getFileName()).hasToString("beach.jpg"));
    }
}
