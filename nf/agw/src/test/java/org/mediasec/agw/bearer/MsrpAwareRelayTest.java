package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediasec.msrp.MsrpUri;

/**
 * The MSRP-aware bearer ({@link MsrpPathRewriter}) byte for byte, with plain sockets as the peers:
 * paths rewritten both ways with everything else unchanged, a chunked message relayed chunk by
 * chunk, 481 for a request to another session (RFC 4975 §7.3), 400 for a framed but malformed
 * request, and a stream that is not MSRP failing the relay with {@link BearerFailure.Kind#MSRP_ERROR}.
 */
class MsrpAwareRelayTest extends RelayTestBase {
    static final String AGW_A = "msrp://127.0.0.1:20001/agw-a;tcp";
    static final String UE_A = "msrp://127.0.0.1:9/ue-a;tcp";
    static final String AGW_C = "msrp://127.0.0.1:9/agw-c;tcp";
    static final String UE_B = "msrp://127.0.0.1:2855/ue-b;tcp";

    ServerSocket coreServer;
    Socket ue;
    Socket b;

    @BeforeEach
    void start() throws Exception {
        setUp(BearerConfig.DEFAULTS);
        coreServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        BearerRelay relay = agw.open(
                BearerLeg.plain(agw.accessRealm, TcpSetup.PASSIVE).withMsrp(paths(AGW_A, UE_A)),
                BearerLeg.plain(agw.coreRealm, TcpSetup.ACTIVE).withMsrp(paths(AGW_C, UE_B))
                        .withRemote((InetSocketAddress) coreServer.getLocalSocketAddress()));
        ue = new Socket(InetAddress.getLoopbackAddress(), relay.localAddress(Side.ACCESS).getPort());
        ue.setSoTimeout(10_000);
        coreServer.setSoTimeout(10_000);
        b = coreServer.accept();
        b.setSoTimeout(10_000);
        await(agw.events.established);
    }

    @AfterEach
    void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {ue, b, coreServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing
            }
        }
    }

    static MsrpPaths paths(String local, String remote) {
        return new MsrpPaths(List.of(MsrpUri.parse(local)), List.of(MsrpUri.parse(remote)));
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    static String read(Socket s, int n) throws IOException {
        return new String(s.getInputStream().readNBytes(n), StandardCharsets.UTF_8);
    }

    static String send(String tid, String to, String from, String flag, String body) {
        return "MSRP " + tid + " SEND\r\nTo-Path: " + to + "\r\nFrom-Path: " + from + "\r\nMessage-ID: msg00001\r\n"
                + "Byte-Range: 1-*/*\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n-------" + tid + flag + "\r\n";
    }

    @Test
    void pathsAreRewrittenBothWaysAndNothingElseChanges() throws Exception {
        send(ue, send("tr000001", AGW_A, UE_A, "+", "first chunk"));
        String expected = send("tr000001", UE_B, AGW_C, "+", "first chunk");
        assertThat(read(b, expected.length())).isEqualTo(expected);
        send(ue, send("tr000002", AGW_A, UE_A, "$", "second chunk"));
        expected = send("tr000002", UE_B, AGW_C, "$", "second chunk");
        assertThat(read(b, expected.length())).isEqualTo(expected);

        send(b, "MSRP tr000001 200 OK\r\nTo-Path: " + AGW_C + "\r\nFrom-Path: " + UE_B + "\r\n-------tr000001$\r\n");
        expected = "MSRP tr000001 200 OK\r\nTo-Path: " + UE_A + "\r\nFrom-Path: " + AGW_A + "\r\n-------tr000001$\r\n";
        assertThat(read(ue, expected.length())).isEqualTo(expected);
    }

    @Test
    void aRequestToAnotherSessionGets481AndIsNotRelayed() throws Exception {
        send(ue, send("xx000009", "msrp://127.0.0.1:20001/someone-else;tcp", UE_A, "$", "lost"));
        String answer = "MSRP xx000009 481 Session-does-not-exist\r\nTo-Path: " + UE_A + "\r\nFrom-Path: "
                + "msrp://127.0.0.1:20001/someone-else;tcp\r\n-------xx000009$\r\n";
        assertThat(read(ue, answer.length())).isEqualTo(answer);
        send(ue, send("tr000003", AGW_A, UE_A, "$", "next"));
        String expected = send("tr000003", UE_B, AGW_C, "$", "next");
        assertThat(read(b, expected.length())).as("the 481'd request never reached B").isEqualTo(expected);
    }

    @Test
    void aMalformedRequestGets400() throws Exception {
        send(ue, "MSRP mm000007 SEND\r\nTo-Path: " + AGW_A + "\r\nFrom-Path: " + UE_A + "\r\nByte-Range: one-two\r\n"
                + "-------mm000007$\r\n");
        String head = read(ue, "MSRP mm000007 400".length());
        assertThat(head).isEqualTo("MSRP mm000007 400");
        send(ue, send("tr000004", AGW_A, UE_A, "$", "after"));
        String expected = send("tr000004", UE_B, AGW_C, "$", "after");
        assertThat(read(b, expected.length())).isEqualTo(expected);
    }

    @Test
    void aStreamThatIsNotMsrpFailsTheRelay() throws Exception {
        send(ue, "GET / HTTP/1.1\r\nHost: agw\r\n\r\n");
        BearerFailure f = await(agw.events.failed);
        assertThat(f.kind()).isEqualTo(BearerFailure.Kind.MSRP_ERROR);
        assertThat(f.side()).isEqualTo(Side.ACCESS);
        assertThat(f.detail()).contains("MSRP-aware mode");
        await(agw.events.closed);
        InputStream in = b.getInputStream();
        assertThat(in.read()).as("the core leg is closed, nothing relayed").isEqualTo(-1);
    }
}
