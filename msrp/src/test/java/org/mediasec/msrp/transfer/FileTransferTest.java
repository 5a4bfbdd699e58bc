package org.mediasec.msrp.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.sdp.FileRange;
import org.mediasec.sdp.FileSelector;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningCounters;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/** RFC 5547 file transfer between two endpoints on loopback. */
class FileTransferTest {
    static final long T = Long.getLong("mediasec.test.timeout", 120);
    static Transports transports;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        transports = Transports.create("msrp-ft", 2, Transports.Kind.preferred());
    }

    @AfterAll
    static void stop() {
        transports.close();
    }

    static class Events implements MsrpSessionListener {
        final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        final BlockingQueue<MsrpReport> reports = new LinkedBlockingQueue<>();
        final AtomicLong sentProgress = new AtomicLong();
        final AtomicLong receivedProgress = new AtomicLong();

        @Override public void messageReceived(ReceivedMessage m) { received.add(m); }
        @Override public void reportReceived(MsrpReport r) { reports.add(r); }

        @Override
        public void progress(String id, boolean sending, long done, long total) {
            (sending ? sentProgress : receivedProgress).accumulateAndGet(done, Math::max);
        }

        ReceivedMessage next() throws InterruptedException {
            ReceivedMessage m = received.poll(T, TimeUnit.SECONDS);
            assertThat(m).as("a message within %d s", T).isNotNull();
            return m;
        }
    }

    static Path randomFile(Path p, long size, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long done = 0; done < size; done += block.length) {
                r.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - done));
            }
        }
        return p;
    }

    static SessionDescription sdp(MsrpUri path, String setup, String direction, List<CertificateFingerprint> fps,
                                  String... extra) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        s.append("m=message ").append(path.effectivePort()).append(path.secure() ? " TCP/TLS/MSRP *" : " TCP/MSRP *").append("\r\n");
        s.append("a=").append(direction).append("\r\n");
        s.append("a=accept-types:*\r\n");
        s.append("a=path:").append(path).append("\r\n");
        s.append("a=setup:").append(setup).append("\r\n");
        for (CertificateFingerprint fp : fps) {
            s.append("a=fingerprint:").append(fp).append("\r\n");
        }
        for (String e : extra) {
            s.append(e).append("\r\n");
        }
        return SdpParser.parse(s.toString());
    }

    record Setup(MsrpSession sender, Events senderEvents, MsrpSessionSpec senderSpec,
                 MsrpSession receiver, Events receiverEvents, MsrpSessionSpec receiverSpec) {
    }

    /** Alice offers to push a file (sendonly, actpass); Bob answers recvonly, passive. */
    static Setup push(MsrpEndpoint alice, MsrpEndpoint bob, List<CertificateFingerprint> alicePins,
                      List<CertificateFingerprint> bobPins, String... fileLines) throws Exception {
        SessionDescription offer = sdp(alice.newLocalUri("127.0.0.1"), "actpass", "sendonly", alicePins, fileLines);
        SessionDescription answer = sdp(bob.newLocalUri("127.0.0.1"), "passive", "recvonly", bobPins, fileLines);
        MsrpSessionSpec aSpec = MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true);
        MsrpSessionSpec bSpec = MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false);
        Events ae = new Events();
        Events be = new Events();
        MsrpSession b = bob.open(bSpec, be);
        MsrpSession a = alice.open(aSpec, ae);
        a.connected().get(T, TimeUnit.SECONDS);
        b.connected().get(T, TimeUnit.SECONDS);
        return new Setup(a, ae, aSpec, b, be, bSpec);
    }

    /** About 2 s on an idle machine, 10-18 s measured while other builds ran: tagged slow. */
    @Test
    @Tag("slow")
    void fiftyMegabytesOverTlsWithPinnedFingerprints() throws Exception {
        long size = 50L << 20;
        if (Boolean.getBoolean("mediasec.smallHeap")) {
            // the pom's small-heap execution: the file cannot fit in this heap
            assertThat(Runtime.getRuntime().maxMemory()).isLessThan(size);
        }
        Path src = randomFile(tmp.resolve("big.bin"), size, 42);
        FileSelector selector = FileTransfers.selector(src, "application/octet-stream");
        LocalIdentity aliceId = LocalIdentity.selfSigned("alice");
        LocalIdentity bobId = LocalIdentity.selfSigned("bob");
        PinningCounters counters = new PinningCounters();
        Path spill = Files.createDirectories(tmp.resolve("spill"));
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withChunkSize(64 << 10).withSpillDirectory(spill);
        try (MsrpEndpoint alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS.withListener(counters), config);
             MsrpEndpoint bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS.withListener(counters), config)) {
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            Setup s = push(alice, bob, List.of(aliceId.fingerprint()), List.of(bobId.fingerprint()),
                    "a=file-selector:" + selector.format());
            assertThat(s.receiverSpec().fileSelector()).contains(selector);
            String id = FileTransfers.send(s.sender(), src, selector, Optional.empty(), SendOptions.DEFAULT.withSuccessReport(true));

            ReceivedMessage m = s.receiverEvents().next();
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.size()).isEqualTo(size);
            assertThat(m.contentType()).isEqualTo("application/octet-stream");
            // the body never sat in the heap: it was spilled to disk chunk by chunk
            assertThat(m.data()).isEmpty();
            assertThat(m.file()).isPresent();
            Path dst = FileTransfers.save(m, tmp.resolve("received.bin"), Optional.empty());
            assertThat(FileTransfers.verify(dst, s.receiverSpec().fileSelector().orElseThrow())).isEmpty();
            assertThat(FileTransfers.sha256(dst)).isEqualTo(FileTransfers.sha256(src));

            MsrpReport report = s.senderEvents().reports.poll(T, TimeUnit.SECONDS);
            assertThat(report).isNotNull();
            assertThat(report.success()).isTrue();
            assertThat(report.range().value()).isEqualTo("1-" + size + "/" + size);
            assertThat(s.senderEvents().sentProgress.get()).isEqualTo(size);
            assertThat(s.receiverEvents().receivedProgress.get()).isEqualTo(size);
            assertThat(counters.verified()).isEqualTo(2);
            assertThat(counters.refused()).isZero();
        }
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * The receive path of a spilled file (the decoder keeps large bodies in direct memory and the
     * session writes them to the spill file from there): chunks of prime sizes, FIXED and STREAMED, so
     * chunk heads and end-lines fall at every kind of offset in the TLS records; the saved file equals
     * the source and no spill file is left.
     */
    @Test
    void aSpilledFileInOddSizedChunksOverTlsEqualsTheSource() throws Exception {
        long size = (3L << 20) + 12_345;
        Path src = randomFile(tmp.resolve("odd.bin"), size, 7);
        FileSelector selector = FileTransfers.selector(src, "application/octet-stream");
        LocalIdentity aliceId = LocalIdentity.selfSigned("alice");
        LocalIdentity bobId = LocalIdentity.selfSigned("bob");
        Path spill = Files.createDirectories(tmp.resolve("spill-odd"));
        MsrpSessionConfig receiving = MsrpSessionConfig.DEFAULT.withSpillThreshold(256 << 10).withSpillDirectory(spill);
        for (MsrpSessionConfig sending : List.of(
                MsrpSessionConfig.RFC4975_INCREMENTS.withChunkSize(65_521).withSpillDirectory(spill),
                MsrpSessionConfig.DEFAULT.withChunkSize(100_003).withSpillDirectory(spill))) {
            try (MsrpEndpoint alice = MsrpEndpoint.tls(transports, aliceId, TlsOptions.DEFAULTS, sending);
                 MsrpEndpoint bob = MsrpEndpoint.tls(transports, bobId, TlsOptions.DEFAULTS, receiving)) {
                alice.listen(new InetSocketAddress("127.0.0.1", 0));
                bob.listen(new InetSocketAddress("127.0.0.1", 0));
                Setup s = push(alice, bob, List.of(aliceId.fingerprint()), List.of(bobId.fingerprint()),
                        "a=file-selector:" + selector.format());
                String id = FileTransfers.send(s.sender(), src, selector, Optional.empty(), SendOptions.DEFAULT);
                ReceivedMessage m = s.receiverEvents().next();
                assertThat(m.messageId()).isEqualTo(id);
                assertThat(m.file()).as("%s", sending.chunking()).isPresent();
                Path dst = FileTransfers.save(m, tmp.resolve("odd-" + sending.chunking() + ".bin"), Optional.empty());
                assertThat(FileTransfers.sha256(dst)).as("%s", sending.chunking()).isEqualTo(FileTransfers.sha256(src));
            }
        }
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void fileRangeResumesAtAnOffset() throws Exception {
        long size = 3_000_000;
        Path src = randomFile(tmp.resolve("doc.bin"), size, 7);
        FileSelector selector = FileTransfers.selector(src, "application/pdf");
        // the receiver already has the first 1,000,000 octets of an earlier, interrupted transfer
        Path dst = tmp.resolve("partial.bin");
        try (var in = Files.newInputStream(src); var out = Files.newOutputStream(dst)) {
            out.write(in.readNBytes(1_000_000));
        }
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withChunkSize(16 << 10).withSpillDirectory(tmp);
        try (MsrpEndpoint alice = MsrpEndpoint.plain(transports, config);
             MsrpEndpoint bob = MsrpEndpoint.plain(transports, config)) {
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            Setup s = push(alice, bob, List.of(), List.of(), "a=file-selector:" + selector.format(), "a=file-range:1000001-*");
            Optional<FileRange> range = s.senderSpec().fileRange();
            assertThat(range).contains(new FileRange(1_000_001, null));
            FileTransfers.send(s.sender(), src, selector, range, SendOptions.DEFAULT);
            ReceivedMessage m = s.receiverEvents().next();
            assertThat(m.size()).isEqualTo(2_000_000);
            assertThat(m.contentType()).isEqualTo("application/pdf");
            FileTransfers.save(m, dst, s.receiverSpec().fileRange());
            assertThat(FileTransfers.verify(dst, selector)).isEmpty();
            assertThat(FileTransfers.sha256(dst)).isEqualTo(FileTransfers.sha256(src));
        }
    }

    @Test
    void twoLargeMessagesInterleaveOnOneSession() throws Exception {
        Path one = randomFile(tmp.resolve("one.bin"), 4_000_000, 11);
        Path two = randomFile(tmp.resolve("two.bin"), 3_000_000, 12);
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withChunkSize(32 << 10).withSpillDirectory(tmp);
        List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (MsrpEndpoint alice = MsrpEndpoint.plain(transports, config);
             MsrpEndpoint bob = MsrpEndpoint.plain(transports, config)) {
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            SessionDescription offer = sdp(alice.newLocalUri("127.0.0.1"), "actpass", "sendonly", List.of());
            SessionDescription answer = sdp(bob.newLocalUri("127.0.0.1"), "passive", "recvonly", List.of());
            Events be = new Events() {
                @Override
                public void progress(String id, boolean sending, long done, long total) {
                    order.add(id);
                }
            };
            MsrpSession b = bob.open(MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false), be);
            MsrpSession a = alice.open(MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true), new Events());
            a.connected().get(T, TimeUnit.SECONDS);
            b.connected().get(T, TimeUnit.SECONDS);
            // MSRP-level interleaving of two large messages (RFC 5547 itself puts one file per session)
            String id1 = a.send(FilePayload.of(one, "application/octet-stream"), SendOptions.DEFAULT);
            String id2 = a.send(FilePayload.of(two, "application/octet-stream"), SendOptions.DEFAULT);
            ReceivedMessage first = be.next();
            ReceivedMessage second = be.next();
            for (ReceivedMessage m : List.of(first, second)) {
                Path src = m.messageId().equals(id1) ? one : two;
                Path dst = FileTransfers.save(m, tmp.resolve(m.messageId() + ".out"), Optional.empty());
                assertThat(FileTransfers.sha256(dst)).isEqualTo(FileTransfers.sha256(src));
            }
            // chunks of the second file arrived before the first file was complete
            int lastOfOne = order.lastIndexOf(id1);
            int firstOfTwo = order.indexOf(id2);
            assertThat(firstOfTwo).isLessThan(lastOfOne);
        }
    }

    @Test
    void verifyNamesSizeAndHashMismatches() throws Exception {
        Path f = randomFile(tmp.resolve("f.bin"), 1000, 1);
        FileSelector selector = FileTransfers.selector(f, "application/octet-stream");
        assertThat(FileTransfers.verify(f, selector)).isEmpty();
        byte[] b = Files.readAllBytes(f);
        b[500] ^= 1;
        Files.write(f, b);
        assertThat(FileTransfers.verify(f, selector)).hasValueSatisfying(r -> assertThat(r).contains("sha-1").contains(selector.sha1().orElseThrow().hex()));
        Files.write(f, new byte[999]);
        assertThat(FileTransfers.verify(f, selector)).hasValueSatisfying(r -> assertThat(r).contains("size 999"));
    }

    @Test
    void selectorRoundTripsThroughSdp() throws Exception {
        Path f = randomFile(tmp.resolve("my \"file\".txt"), 10, 3);
        FileSelector s = FileTransfers.selector(f, "text/plain");
        assertThat(FileSelector.parse(s.format())).isEqualTo(s);
        assertThat(s.sha1()).isPresent();
        assertThat(s.size()).isEqualTo(10);
    }
}
