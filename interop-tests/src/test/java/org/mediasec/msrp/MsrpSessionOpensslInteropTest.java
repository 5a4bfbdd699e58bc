package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningCounters;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * Our MSRP session over TLS against {@code openssl s_server} as the passive peer, the test typing the
 * peer's MSRP by hand: our side connects (a=setup:active), pins the server's fingerprint, and sends
 * the body-less initial SEND at once (RFC 4975 §5.4); the test answers it with 200, after which our
 * session is connected, sends a chat message and receives one.
 */
@Tag("interop")
class MsrpSessionOpensslInteropTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** s_server with its output collected as it arrives, so the test waits for text instead of sleeping. */
    static final class SServer implements AutoCloseable {
        final Process process;
        final StringBuilder out = new StringBuilder();

        SServer(List<String> command) {
            process = ExternalTool.start(command);
            pump(process.getInputStream());
            pump(process.getErrorStream());
        }

        private void pump(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try (in) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        synchronized (this) {
                            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }, "s_server-pump");
            t.setDaemon(true);
            t.start();
        }

        /** Waits for {@code regex} in the output after {@code from}; returns the match. */
        synchronized Matcher await(String regex, int from) throws InterruptedException {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Matcher m = p.matcher(out);
                if (m.find(from)) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("no /" + regex + "/ from s_server within " + WAIT + ":\n" + out);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }

        synchronized int mark() {
            return out.length();
        }

        void type(String text) throws IOException {
            process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static SessionDescription sdp(MsrpUri path, String setup, LocalIdentity id) {
        return SdpParser.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + path.effectivePort() + " TCP/TLS/MSRP *\r\n"
                + "a=accept-types:text/plain\r\n"
                + "a=path:" + path + "\r\n"
                + "a=setup:" + setup + "\r\n"
                + "a=fingerprint:" + id.fingerprint() + "\r\n");
    }

    @Test
    void initialSendThenChatWithOpensslAsThePassiveTlsPeer() throws Exception {
        String openssl = ExternalTool.require("openssl").toString();
        LocalIdentity ours = LocalIdentity.selfSigned("mediasec-ue");
        LocalIdentity theirs = LocalIdentity.selfSigned("openssl-peer");
        ours.writePem(dir.resolve("ours.crt"), dir.resolve("ours.key"));
        theirs.writePem(dir.resolve("theirs.crt"), dir.resolve("theirs.key"));
        PinningCounters counters = new PinningCounters();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        MsrpSessionListener listener = new MsrpSessionListener() {
            @Override public void messageReceived(ReceivedMessage m) { received.add(m); }
            @Override public void messageSent(String id) { sent.add(id); }
        };
        try (SServer server = new SServer(List.of(openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                     "-crlf", "-cert", dir.resolve("theirs.crt").toString(), "-key", dir.resolve("theirs.key").toString(),
                     "-Verify", "1", "-CAfile", dir.resolve("ours.crt").toString(), "-verify_return_error"));
             Transports transports = Transports.create("msrp-interop", 1, Transports.Kind.preferred());
             MsrpEndpoint endpoint = MsrpEndpoint.tls(transports, ours, TlsOptions.DEFAULTS.withListener(counters),
                     MsrpSessionConfig.DEFAULT)) {
            int port = Integer.parseInt(server.await("ACCEPT 127\\.0\\.0\\.1:(\\d+)", 0).group(1));
            endpoint.listen(new InetSocketAddress("127.0.0.1", 0));
            MsrpUri me = endpoint.newLocalUri("127.0.0.1");
            MsrpUri peer = MsrpUri.of(true, "127.0.0.1", port, "opensslsess1");
            MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(sdp(me, "active", ours), 0, sdp(peer, "passive", theirs), 0, true);
            MsrpSession session = endpoint.open(spec, listener);

            // the body-less SEND arrives without anything being sent by the application
            Matcher first = server.await("MSRP (\\S+) SEND\\r?\\nTo-Path: " + Pattern.quote(peer.toString())
                    + "\\r?\\nFrom-Path: " + Pattern.quote(me.toString()) + "\\r?\\nMessage-ID: \\S+\\r?\\n"
                    + "Byte-Range: 1-0/0\\r?\\n-------(\\S+)\\$", 0);
            assertThat(first.group(2)).isEqualTo(first.group(1));
            assertThat(session.connected()).isNotDone();
            int mark = server.mark();
            server.type("MSRP " + first.group(1) + " 200 OK\nTo-Path: " + me + "\nFrom-Path: " + peer + "\n-------"
                    + first.group(1) + "$\n");
            session.connected().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            String id = session.sendText("hello openssl");
            Matcher chat = server.await("MSRP (\\S+) SEND\\r?\\n(?s:.*?)Message-ID: " + Pattern.quote(id)
                    + "(?s:.*?)Content-Type: text/plain\\r?\\n\\r?\\nhello openssl\\r?\\n-------(\\S+)\\$", mark);
            server.type("MSRP " + chat.group(1) + " 200 OK\nTo-Path: " + me + "\nFrom-Path: " + peer + "\n-------"
                    + chat.group(1) + "$\n");
            assertThat(sent.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(id);

            mark = server.mark();
            server.type("MSRP osslsend1 SEND\nTo-Path: " + me + "\nFrom-Path: " + peer + "\nMessage-ID: osslmsg1\n"
                    + "Byte-Range: 1-15/15\nContent-Type: text/plain\n\nhi from openssl\n-------osslsend1$\n");
            ReceivedMessage m = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.text()).isEqualTo("hi from openssl");
            server.await("MSRP osslsend1 200 OK\\r?\\nTo-Path: " + Pattern.quote(peer.toString()), mark);
            assertThat(counters.verified()).isEqualTo(1);
            assertThat(counters.refused()).isZero();
        }
    }
}
