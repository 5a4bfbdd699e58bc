package org.mediasec.msrp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import org.mediasec.common.Bytes;
import org.mediasec.interop.LoopbackCapture;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Tshark;
import org.mediasec.tls.FileKeyLog;
import org.mediasec.tls.KeyLog;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsProvider;
import org.mediasec.transport.Transports;

/**
 * tshark decrypts a loopback capture of two of our MSRP endpoints talking over TLS, with the NSS key
 * log our BoringSSL contexts write, and dissects what is inside as MSRP through a Lua port map
 * ({@code org/mediasec/lab/msrp-over-tls.lua}, shipped by the lab: tshark 4.0 cannot map {@code tls.port} to msrp with
 * {@code -d}). Alice (a=setup:actpass, offerer) connects to Bob (passive) and sends the body-less
 * initial SEND; they chat both ways; Alice sends a 100 KiB message with {@link MsrpSessionConfig#DEFAULT}
 * (one streamed, interruptible chunk of range {@code 1-* /102400}, written over several TLS records) asking for a
 * success report. tshark must show every SEND with the Message-ID, Byte-Range and body we sent, a
 * 200 for every SEND carrying that SEND's transaction id, and Bob's success REPORT; nothing malformed.
 * Without the key log no frame decodes as MSRP.
 *
 * <p>The session API does not expose transaction ids (the session machine chooses them), so they are
 * checked on the wire as pairs: each SEND's id is unique and is answered by exactly one 200 from the
 * other side, and nothing answers an id that was never sent.
 */
@Tag("interop")
class MsrpTlsTsharkInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LUA_RESOURCE = "/org/mediasec/lab/msrp-over-tls.lua";
    private static final String HELLO = "Hey Bob, are you there? (over TLS)";
    private static final String REPLY = "Yes, I'm here; nobody on the path can read this";
    /** Largest chunk body: DEFAULT streams chunks of up to 256 KiB, so the 100 KiB message is one chunk. */
    private static final int CHUNK = MsrpSessionConfig.DEFAULT.chunkSize();
    private static final int BIG_SIZE = 100 * 1024;

    /** Kept when the test fails, so the capture, key log and Lua script can be inspected by hand. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Transports transports;
    private MsrpEndpoint alice;
    private MsrpEndpoint bob;
    private LoopbackCapture capture;

    @BeforeEach
    void setUp() {
        ExternalTool.require("tshark");
        Assumptions.assumeTrue(TlsProvider.OPENSSL.isAvailable(),
                "key logging needs BoringSSL (netty-tcnative), which is not available here");
        transports = Transports.create("msrp-tls-tshark", 2, Transports.Kind.preferred());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (capture != null) {
            capture.close();
        }
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        transports.close();
    }

    /** Hands session events to the test thread (no sleeps). */
    static final class Events implements MsrpSessionListener {
        final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        final BlockingQueue<MsrpReport> reports = new LinkedBlockingQueue<>();
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        final BlockingQueue<SendFailure> failures = new LinkedBlockingQueue<>();

        @Override public void messageReceived(ReceivedMessage m) { received.add(m); }
        @Override public void reportReceived(MsrpReport r) { reports.add(r); }
        @Override public void messageSent(String id) { sent.add(id); }
        @Override public void sendFailed(SendFailure f) { failures.add(f); }

        static <T> T next(BlockingQueue<T> q, String what) throws InterruptedException {
            T t = q.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            return t;
        }
    }

    /** An SDP with one MSRP-over-TLS m-line; {@code a=fingerprint} is the owner's own certificate. */
    static SessionDescription sdp(MsrpUri path, int port, String setup, LocalIdentity owner) {
        return SdpParser.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + port + " TCP/TLS/MSRP *\r\n"
                + "a=accept-types:text/plain application/octet-stream\r\n"
                + "a=path:" + path + "\r\n"
                + "a=setup:" + setup + "\r\n"
                + "a=fingerprint:" + owner.fingerprint() + "\r\n");
    }

    /** 100 KiB of numbered ASCII lines: every chunk differs, and a misplaced chunk shows. */
    static byte[] bigBody() {
        StringBuilder s = new StringBuilder(BIG_SIZE + 64);
        for (int line = 0; s.length() < BIG_SIZE; line++) {
            s.append(String.format("line %05d of the chunked MSRP-over-TLS message%n", line));
        }
        return s.substring(0, BIG_SIZE).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void tsharkDecryptsAndDissectsOurMsrpOverTlsWithOurKeyLogAndTheLuaPortMap() throws Exception {
        LocalIdentity aliceId = LocalIdentity.selfSigned("alice.test");
        LocalIdentity bobId = LocalIdentity.selfSigned("bob.test");
        Path keyLogFile = dir.resolve("keylog.txt");
        Path pcap = dir.resolve("msrp-tls.pcapng");
        byte[] big = bigBody();
        String helloId;
        String replyId;
        String bigId;
        int port;
        try (FileKeyLog keyLog = KeyLog.open(keyLogFile)) {
            TlsOptions tls = TlsOptions.DEFAULTS.withProvider(TlsProvider.OPENSSL).withKeyLog(keyLog);
            alice = MsrpEndpoint.tls(transports, aliceId, tls, MsrpSessionConfig.DEFAULT);
            bob = MsrpEndpoint.tls(transports, bobId, tls, MsrpSessionConfig.DEFAULT);
            alice.listen(new InetSocketAddress("127.0.0.1", 0));
            bob.listen(new InetSocketAddress("127.0.0.1", 0));
            port = bob.localAddress().getPort();
            capture = LoopbackCapture.start(port, pcap, WAIT.multipliedBy(2));

            SessionDescription offer = sdp(alice.newLocalUri("127.0.0.1"), alice.localAddress().getPort(), "actpass", aliceId);
            SessionDescription answer = sdp(bob.newLocalUri("127.0.0.1"), port, "passive", bobId);
            Events ae = new Events();
            Events be = new Events();
            MsrpSession b = bob.open(MsrpSessionSpec.fromSdp(answer, 0, offer, 0, false), be);
            MsrpSession a = alice.open(MsrpSessionSpec.fromSdp(offer, 0, answer, 0, true), ae);
            a.connected().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            b.connected().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            helloId = a.sendText(HELLO);
            assertThat(Events.next(be.received, "chat at Bob").text()).isEqualTo(HELLO);
            assertThat(Events.next(ae.sent, "messageSent at Alice")).isEqualTo(helloId);
            replyId = b.sendText(REPLY);
            assertThat(Events.next(ae.received, "chat at Alice").text()).isEqualTo(REPLY);
            assertThat(Events.next(be.sent, "messageSent at Bob")).isEqualTo(replyId);

            bigId = a.send(MsrpPayload.of("application/octet-stream", Bytes.of(big)),
                    SendOptions.DEFAULT.withSuccessReport(true));
            ReceivedMessage got = Events.next(be.received, "chunked message at Bob");
            assertThat(got.messageId()).isEqualTo(bigId);
            assertThat(got.data().orElseThrow().toByteArray()).isEqualTo(big);
            assertThat(Events.next(ae.sent, "messageSent of the chunked message")).isEqualTo(bigId);
            MsrpReport report = Events.next(ae.reports, "success REPORT at Alice");
            assertThat(report.messageId()).isEqualTo(bigId);
            assertThat(report.success()).isTrue();
            assertThat(report.local()).isFalse();
            assertThat(ae.failures).isEmpty();
            assertThat(be.failures).isEmpty();

            // the connection closes with Alice's last session: its FIN follows the last record
            a.close();
            capture.stopAfterClose(port, WAIT);
            b.close();
        }
        assertThat(Files.readAllLines(keyLogFile)).as("key log").isNotEmpty();

        Path lua = dir.resolve("msrp-over-tls.lua");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(LUA_RESOURCE), LUA_RESOURCE)) {
            Files.copy(in, lua, StandardCopyOption.REPLACE_EXISTING);
        }
        String[] luaMap = {"-X", "lua_script:" + lua, "-X", "lua_script1:" + port};
        String decodeAs = "tcp.port==" + port + ",tls";
        String keys = "tls.keylog_file:" + keyLogFile;

        // the script loads cleanly (tshark reports a Lua error on stderr and carries on without the mapping)
        ExternalTool.Result loaded = ExternalTool.run(WAIT, null, List.of(ExternalTool.require("tshark").toString(),
                "-n", "-c", "1", "-r", pcap.toString(), luaMap[0], luaMap[1], luaMap[2], luaMap[3])).requireSuccess();
        assertThat(loaded.stderr()).as("tshark stderr with the Lua script").doesNotContainIgnoringCase("lua");

        List<Msrp> msgs = dissect(pcap, port, "decrypted", concat(luaMap, "-d", decodeAs, "-o", keys));
        String all = msgs.stream().map(Msrp::toString).collect(Collectors.joining("\n"));

        // every message is complete: its end-line closes its own transaction
        for (Msrp m : msgs) {
            assertThat(m.show("msrp.transaction.id")).as(all).isNotEmpty();
            assertThat(m.show("msrp.end.line")).as(all)
                    .isEqualTo("-------" + m.show("msrp.transaction.id") + m.show("msrp.cnt.flg"));
        }

        // Alice -> Bob: the body-less initial SEND, the chat, the chunks of the large message
        List<Msrp> aliceSends = requests(msgs, true, "SEND");
        assertThat(aliceSends).as(all).hasSize(2 + chunks(BIG_SIZE));
        assertThat(aliceSends.get(0).show("msrp.byte.range")).isEqualTo("1-0/0");
        assertThat(aliceSends.get(0).body()).isNull();
        assertChat(aliceSends.get(1), helloId, HELLO);
        assertChunks(aliceSends.subList(2, aliceSends.size()), bigId, big);

        // Bob -> Alice: the chat, and the success REPORT for the whole large message
        List<Msrp> bobSends = requests(msgs, false, "SEND");
        assertThat(bobSends).as(all).hasSize(1);
        assertChat(bobSends.get(0), replyId, REPLY);
        List<Msrp> reports = requests(msgs, false, "REPORT");
        assertThat(reports).as(all).singleElement().satisfies(r -> {
            assertThat(r.show("msrp.messageid")).isEqualTo(bigId);
            assertThat(r.show("msrp.byte.range")).isEqualTo("1-" + BIG_SIZE + "/" + BIG_SIZE);
            assertThat(r.show("msrp.status")).isEqualTo("000 200 OK");
        });
        assertThat(requests(msgs, true, "REPORT")).as("REPORT from Alice").isEmpty();
        assertThat(msgs.stream().filter(m -> m.show("msrp.method") != null).map(m -> m.show("msrp.method")).distinct())
                .as(all).containsExactlyInAnyOrder("SEND", "REPORT");

        // every SEND is answered once by a 200 with its transaction id, from the other side; a REPORT never
        assertAnsweredOnce(aliceSends, responses(msgs, false), all);
        assertAnsweredOnce(bobSends, responses(msgs, true), all);
        assertThat(msgs).as(all).hasSize(aliceSends.size() + bobSends.size() + reports.size()
                + responses(msgs, false).size() + responses(msgs, true).size());

        assertThat(Tshark.malformedFrames(pcap, concat(luaMap, "-d", decodeAs, "-o", keys)))
                .as("malformed or error frames").isEmpty();

        // without the key log the same capture has encrypted application data both ways and no MSRP at all
        // (records may carry several MSRP messages, so only their presence is checked)
        for (String way : List.of("tcp.dstport == " + port, "tcp.srcport == " + port)) {
            assertThat(Tshark.fields(pcap, "tls.app_data && " + way, "frame.number", concat(luaMap, "-d", decodeAs)))
                    .as("encrypted application records, %s", way).isNotEmpty();
        }
        assertThat(Tshark.read(pcap, concat(luaMap, "-d", decodeAs, "-Y", "msrp || data")).strip())
                .as("MSRP (or decrypted data) without the key log").isEmpty();
        // and the bytes on the wire do not hold what we sent
        assertThat(Tshark.read(pcap, "-Y", "frame contains \"MSRP \" || frame contains \"" + HELLO.substring(0, 7)
                + "\" || frame contains \"line 00000\"").strip()).as("plaintext on the wire").isEmpty();
    }

    private static int chunks(int size) {
        return (size + CHUNK - 1) / CHUNK;
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static List<Msrp> requests(List<Msrp> msgs, boolean toBob, String method) {
        return msgs.stream().filter(m -> m.toBob() == toBob && method.equals(m.show("msrp.method"))).toList();
    }

    private static List<Msrp> responses(List<Msrp> msgs, boolean toBob) {
        return msgs.stream().filter(m -> m.toBob() == toBob && m.show("msrp.status.code") != null).toList();
    }

    private static void assertChat(Msrp send, String messageId, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        assertThat(send.show("msrp.messageid")).as(send.toString()).isEqualTo(messageId);
        assertThat(send.show("msrp.byte.range")).as(send.toString()).isEqualTo("1-" + body.length + "/" + body.length);
        assertThat(send.show("msrp.content.type")).as(send.toString()).isEqualTo("text/plain");
        assertThat(send.show("msrp.cnt.flg")).as(send.toString()).isEqualTo("$");
        assertThat(new String(send.body(), StandardCharsets.UTF_8)).as(send.toString()).isEqualTo(text);
    }

    /**
     * The chunks, in order: CHUNK octets each, contiguous Byte-Ranges (range-end {@code *} above 2048 octets,
     * RFC 4975 §7.1.1), + then $, the bodies put together = the message.
     */
    private static void assertChunks(List<Msrp> sends, String messageId, byte[] message) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < sends.size(); i++) {
            Msrp c = sends.get(i);
            long start = (long) i * CHUNK + 1;
            long end = Math.min(start + CHUNK - 1, message.length);
            assertThat(c.show("msrp.messageid")).as(c.toString()).isEqualTo(messageId);
            String rangeEnd = end - start + 1 > 2048 ? "*" : String.valueOf(end);
            assertThat(c.show("msrp.byte.range")).as(c.toString()).isEqualTo(start + "-" + rangeEnd + "/" + message.length);
            assertThat(c.show("msrp.success.report")).as(c.toString()).isEqualTo("yes");
            assertThat(c.show("msrp.content.type")).as(c.toString()).isEqualTo("application/octet-stream");
            assertThat(c.show("msrp.cnt.flg")).as(c.toString()).isEqualTo(i == sends.size() - 1 ? "$" : "+");
            byte[] data = c.body();
            assertThat(data).as(c.toString()).hasSize((int) (end - start + 1));
            body.writeBytes(data);
        }
        assertThat(body.toByteArray()).as("the chunks' bodies put together").isEqualTo(message);
    }

    private static void assertAnsweredOnce(List<Msrp> sends, List<Msrp> answers, String all) {
        List<String> sent = sends.stream().map(m -> m.show("msrp.transaction.id")).toList();
        assertThat(sent).as("transaction ids of the SENDs").doesNotHaveDuplicates();
        assertThat(answers.stream().map(m -> m.show("msrp.transaction.id")).toList()).as(all)
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(answers).as(all).allSatisfy(r -> assertThat(r.show("msrp.status.code")).isEqualTo("200"));
    }

    /** One MSRP message as tshark dissected it: the frame, its direction, and its fields (show, raw value). */
    record Msrp(int frame, boolean toBob, Map<String, List<String[]>> fields) {
        String show(String name) {
            List<String[]> v = fields.get(name);
            return v == null ? null : v.get(0)[0];
        }

        byte[] raw(String name) {
            List<String[]> v = fields.get(name);
            return v == null ? null : HexFormat.of().parseHex(v.get(0)[1]);
        }

        /**
         * The body: tshark 4.0's {@code msrp.data} runs from the body to the end of the message, so it
         * also holds the CRLF before the end-line, the end-line and its CRLF; they are checked and cut.
         */
        byte[] body() {
            byte[] data = raw("msrp.data");
            if (data == null) {
                return null;
            }
            byte[] tail = ("\r\n" + show("msrp.end.line") + "\r\n").getBytes(StandardCharsets.US_ASCII);
            assertThat(data.length).as("msrp.data of %s", this).isGreaterThanOrEqualTo(tail.length);
            assertThat(Arrays.copyOfRange(data, data.length - tail.length, data.length)).as("msrp.data of %s ends with "
                    + "the end-line", this).isEqualTo(tail);
            return Arrays.copyOf(data, data.length - tail.length);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("#" + frame + (toBob ? " A->B" : " B->A"));
            fields.forEach((k, v) -> {
                if (!k.equals("msrp.data")) {
                    s.append(' ').append(k).append('=').append(v.get(0)[0]);
                }
            });
            return s.toString();
        }
    }

    /** {@code tshark -T pdml}: every {@code <proto name="msrp">} (one per MSRP message) in frame order. */
    private List<Msrp> dissect(Path pcap, int bobPort, String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-Y", "msrp", "-T", "pdml"));
        String xml = Tshark.read(pcap, all.toArray(String[]::new));
        Files.writeString(dir.resolve(name + ".pdml"), xml);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        List<Msrp> out = new ArrayList<>();
        NodeList packets = doc.getElementsByTagName("packet");
        for (int i = 0; i < packets.getLength(); i++) {
            Element packet = (Element) packets.item(i);
            int frame = -1;
            int dstPort = -1;
            List<Element> protos = new ArrayList<>();
            NodeList fs = packet.getElementsByTagName("field");
            for (int j = 0; j < fs.getLength(); j++) {
                Element e = (Element) fs.item(j);
                if (e.getAttribute("name").equals("frame.number")) {
                    frame = Integer.parseInt(e.getAttribute("show"));
                } else if (e.getAttribute("name").equals("tcp.dstport")) {
                    dstPort = Integer.parseInt(e.getAttribute("show"));
                }
            }
            NodeList ps = packet.getElementsByTagName("proto");
            for (int j = 0; j < ps.getLength(); j++) {
                Element p = (Element) ps.item(j);
                if (p.getAttribute("name").equals("msrp")) {
                    protos.add(p);
                }
            }
            for (Element p : protos) {
                Map<String, List<String[]>> fields = new LinkedHashMap<>();
                NodeList pf = p.getElementsByTagName("field");
                for (int j = 0; j < pf.getLength(); j++) {
                    Element e = (Element) pf.item(j);
                    fields.computeIfAbsent(e.getAttribute("name"), k -> new ArrayList<>())
                            .add(new String[] {e.getAttribute("show"), e.getAttribute("value")});
                }
                out.add(new Msrp(frame, dstPort == bobPort, fields));
            }
        }
        return out;
    }
}
