package org.mediasec.ue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SIP peer on a bare UDP socket, to see requests exactly as they crossed the wire and to answer
 * them by hand (the UE's outbound proxy in the registration tests).
 */
final class RawSipPeer implements AutoCloseable {
    /** A received request: its text and where it came from. */
    record Received(String text, SocketAddress from) {
        String firstLine() {
            return text.substring(0, text.indexOf("\r\n"));
        }

        String method() {
            return firstLine().substring(0, firstLine().indexOf(' '));
        }

        /** Every header line named {@code name} (case-insensitive), as written. */
        List<String> lines(String name) {
            List<String> out = new ArrayList<>();
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    out.add(line);
                }
            }
            return out;
        }

        String value(String name) {
            List<String> l = lines(name);
            if (l.isEmpty()) {
                throw new AssertionError("no " + name + " in\n" + text);
            }
            return l.get(0).substring(l.get(0).indexOf(':') + 1).trim();
        }
    }

    private final DatagramSocket socket;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    RawSipPeer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        reader = new Thread(this::read, "raw-sip-peer");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void read() {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!text.startsWith("SIP/2.0")) {
                received.add(new Received(text, p.getSocketAddress()));
            }
        }
    }

    /** The next request of {@code method}, skipping others (e.g. retransmissions are kept in order). */
    Received next(String method) throws InterruptedException {
        long deadline = System.nanoTime() + UeTestSupport.TIMEOUT.toNanos();
        while (true) {
            Received r = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("no " + method + " within " + UeTestSupport.TIMEOUT);
            }
            if (r.method().equals(method)) {
                return r;
            }
        }
    }

    /** Answers {@code r} with {@code status} and the extra header lines (RFC 3261 §8.2.6 copies). */
    void respond(Received r, int status, String reason, String... extra) throws IOException {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String name : new String[] {"Via", "From", "Call-ID", "CSeq"}) {
            for (String line : r.lines(name)) {
                b.append(line).append("\r\n");
            }
        }
        String to = r.lines("To").get(0);
        b.append(to.contains(";tag=") ? to : to + ";tag=stub").append("\r\n");
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, r.from()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
