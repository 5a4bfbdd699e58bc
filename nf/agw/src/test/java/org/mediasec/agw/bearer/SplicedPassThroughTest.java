package org.mediasec.agw.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.agw.bearer.RelayHarness.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mediasec.transport.Transports;

/**
 * Two pass-through legs on epoll with {@link BearerConfig#splice()} on are spliced ({@link SplicedLegs}): every octet arrives, in order,
 * when the sender closes while the relay still has megabytes to move (the receiving peer reads
 * slowly through a small receive buffer, so at the sender's FIN most of the stream is still in the
 * AGW's access socket: the case that lost a stream's tail with a plain {@code spliceTo}), in both
 * directions; the statistics count every spliced octet; a peer that closes mid-stream ends the relay;
 * on NIO the same relay keeps its {@code ByteBuf} path.
 * Sizes: {@code -Dagw.splice.octets} (default 32 MiB) and {@code -Dagw.splice.rounds} (default 3).
 */
class SplicedPassThroughTest extends RelayTestBase {
    private static final long OCTETS = Long.getLong("agw.splice.octets", 32L * 1024 * 1024);
    private static final int ROUNDS = Integer.getInteger("agw.splice.rounds", 3);
    private static final BearerConfig SPLICE = BearerConfig.DEFAULTS.withSplice(true);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyOctetArrivesInOrderAfterTheSendersFin(boolean accessSends) throws Exception {
        setUp(SPLICE);
        for (int round = 1; round <= ROUNDS; round++) {
            round(agw, transports.kind(), accessSends, OCTETS + round * 12_345L, round);  // sizes off any buffer size
        }
        agw.assertReleased();
    }

    @Test
    void onNioTheRelayKeepsItsBufferPath() throws Exception {
        Transports nio = Transports.create("agw-nio-test", 1, Transports.Kind.NIO);
        try (RelayHarness h = new RelayHarness(nio, SPLICE)) {
            round(h, Transports.Kind.NIO, true, 4L * 1024 * 1024 + 7, 11);
            h.assertReleased();
        } finally {
            nio.close();
        }
    }

    /** One relay, one stream of {@code size} octets from one peer to the other, then the sender's FIN. */
    private static void round(RelayHarness h, Transports.Kind kind, boolean accessSends, long size, int round)
            throws Exception {
        try (ServerSocket coreServer = listen()) {
            BearerRelay relay = h.open(BearerLeg.passThrough(h.accessRealm, TcpSetup.PASSIVE),
                    BearerLeg.passThrough(h.coreRealm, TcpSetup.ACTIVE).withRemote(address(coreServer)));
            try (Socket ue = new Socket()) {
                ue.setReceiveBufferSize(16 * 1024);
                ue.connect(relay.localAddress(Side.ACCESS));
                try (Socket core = coreServer.accept()) {
                    Socket sender = accessSends ? ue : core;
                    Socket receiver = accessSends ? core : ue;
                    receiver.setReceiveBufferSize(16 * 1024);    // a slow reader: most of the stream waits in the AGW
                    CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> send(sender, size, round));
                    Received got = receive(receiver);
                    assertThat(got.octets()).as("round %d: octets at the receiver", round).isEqualTo(size);
                    assertThat(got.sha256()).as("round %d: SHA-256 of the stream", round).isEqualTo(await(sent));
                }
            }
            RelayStats s = await(relay.closeFuture());
            assertThat(relay.leg(Side.ACCESS).splicing).as("spliced (epoll only)").isEqualTo(kind == Transports.Kind.EPOLL);
            LegStats from = accessSends ? s.access() : s.core();
            LegStats to = accessSends ? s.core() : s.access();
            assertThat(from.bytesIn()).as("octets read").isEqualTo(size);
            assertThat(from.wireBytesIn()).isEqualTo(size);
            assertThat(to.bytesOut()).as("octets written").isEqualTo(size);
            assertThat(to.wireBytesOut()).isEqualTo(size);
            assertThat(s.failure()).isNull();
            assertThat(s.releasedBy()).isEqualTo(accessSends ? Side.ACCESS : Side.CORE);
            System.out.printf("round %d (%s, %s sends): %d octets, %d reads%n", round, kind, from.side(), size,
                    from.readsIn());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aReceiverThatClosesMidStreamEndsTheRelay() throws Exception {
        setUp(SPLICE);
        try (ServerSocket coreServer = listen()) {
            BearerRelay relay = agw.open(BearerLeg.passThrough(agw.accessRealm, TcpSetup.PASSIVE),
                    BearerLeg.passThrough(agw.coreRealm, TcpSetup.ACTIVE).withRemote(address(coreServer)));
            try (Socket ue = new Socket()) {
                ue.connect(relay.localAddress(Side.ACCESS));
                CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
                    try {
                        return send(ue, 1L << 30, 9);
                    } catch (RuntimeException e) {
                        return "stopped: " + e.getCause();   // the AGW closed the UE's connection
                    }
                });
                try (Socket core = coreServer.accept()) {
                    InputStream in = core.getInputStream();
                    assertThat(in.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
                }                                       // the core closes after 1 MiB of 1 GiB
                RelayStats s = await(relay.closeFuture());
                System.out.println("closed mid-stream: " + s);
                // a FIN ends it as released by the core; unread octets make the core's close a reset, a TCP failure
                assertThat(s.releasedBy() == Side.CORE || s.failure() != null).as("ended by the core's close: %s", s)
                        .isTrue();
                assertThat(await(sent)).startsWith("stopped");
                assertThat(s.core().bytesOut()).isGreaterThanOrEqualTo(1024 * 1024);
            }
        }
        agw.assertReleased();
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static InetSocketAddress address(ServerSocket s) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }

    /** Sends {@code size} pseudo-random octets in writes of varying sizes, then closes; the SHA-256 of what was sent. */
    private static String send(Socket s, long size, long seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            SplittableRandom random = new SplittableRandom(seed);
            byte[] buf = new byte[256 * 1024];
            OutputStream out = s.getOutputStream();
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(left, 1 + random.nextInt(buf.length));
                for (int i = 0; i < n; i++) {
                    buf[i] = (byte) random.nextInt();
                }
                out.write(buf, 0, n);
                sha.update(buf, 0, n);
                left -= n;
            }
            s.shutdownOutput();                        // FIN: the relay ends after the last octet
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Received(long octets, String sha256) {
    }

    private static Received receive(Socket s) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            sha.update(buf, 0, n);
            total += n;
        }
        return new Received(total, HexFormat.of().formatHex(sha.digest()));
    }
}
