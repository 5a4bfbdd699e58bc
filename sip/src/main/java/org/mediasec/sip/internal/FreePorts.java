package org.mediasec.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks a port that is free for both UDP and TCP on one address. JAIN-SIP RI rejects port 0 ("bad
 * port") and a SIP endpoint wants the same number for every transport, so the OS cannot choose for
 * it. The port is released before the stack binds it; a caller that loses that race retries.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    public static int udpAndTcp(InetAddress address) {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(address, port));
                    return port;
                } catch (IOException busy) {
                    last = busy;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no port free for UDP and TCP on " + address + " after " + ATTEMPTS + " attempts", last);
    }

    /** A port free for a TCP listener (the TLS transport's own port). */
    public static int tcp(InetAddress address) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(address, 0));
            return tcp.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port on " + address, e);
        }
    }

    /** True if both a UDP socket and a TCP listener can bind this port now. */
    public static boolean isFree(InetAddress address, int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
             ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
