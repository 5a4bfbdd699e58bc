package org.mediasec.agw.context;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.testkit.JsseContexts;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.LocalIdentity;

/** Blocking test peers: a UE that speaks TLS and pins the AGW, a plain core server. */
final class Peers {
    private Peers() {
    }

    /** A TLS client with {@code identity}, trusting only {@code pin}; the handshake is done on return. */
    static SSLSocket ue(InetSocketAddress agw, LocalIdentity identity, CertificateFingerprint pin) throws Exception {
        SSLContext ctx = JsseContexts.of(identity.privateKey(), identity.chain(), FingerprintTrustManager.of(pin));
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(agw.getAddress(), agw.getPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    /** A TLS server with {@code identity} that requires a client certificate matching {@code pin}. */
    static javax.net.ssl.SSLServerSocket ueServer(LocalIdentity identity, CertificateFingerprint pin) throws Exception {
        SSLContext ctx = JsseContexts.of(identity.privateKey(), identity.chain(), FingerprintTrustManager.of(pin));
        javax.net.ssl.SSLServerSocket s = (javax.net.ssl.SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress());
        s.setNeedClientAuth(true);
        return s;
    }

    /** A plain client. */
    static Socket plain(InetSocketAddress to) throws IOException {
        Socket s = new Socket(to.getAddress(), to.getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** A listening core peer that accepts one connection. */
    static final class Core implements AutoCloseable {
        final ServerSocket server;
        final CompletableFuture<Socket> accepted = new CompletableFuture<>();

        Core() throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    Socket s = server.accept();
                    s.setSoTimeout(10_000);
                    accepted.complete(s);
                } catch (IOException e) {
                    accepted.completeExceptionally(e);
                }
            }, "core-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
                accepted.join().close();
            }
        }
    }

    /** Reads until end of stream (or a reset); the number of bytes read. */
    static long drain(InputStream in) {
        long n = 0;
        byte[] buf = new byte[8192];
        try {
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
        } catch (IOException e) {
            // reset or closed: the end
        }
        return n;
    }
}
