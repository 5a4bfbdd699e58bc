package org.mediasec.sip.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected {@link SSLSocket} whose {@link #startHandshake()} is bounded by a timeout, logs one
 * WARN line per failure (a refusal by our own trust manager is logged there, with the
 * fingerprints) and reports every failure as an {@link SSLHandshakeException}.
 *
 * <p>Why, on the client side: the JAIN-SIP RI ({@code IOHandler.sendBytes}) fails a send only when the handshake throws
 * {@code SSLHandshakeException}; any other {@code IOException} (a peer that stalls until the RI's
 * watchdog closes the socket, a reset) is swallowed and the closed socket is used as if connected,
 * so the request would only fail when its transaction times out (32 s). With this socket a stalled
 * or broken handshake fails the send at once, like a refused certificate.
 *
 * <p>Everything else is delegated to the real socket ({@link DelegatingSslSocket}).
 */
final class HandshakeTimedSocket extends DelegatingSslSocket {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeTimedSocket.class);

    private final String stackName;
    private final int timeoutMillis;
    private final boolean client;
    private final BiConsumer<InetSocketAddress, SSLException> onRefusedAfterHandshake;
    private final AtomicBoolean refusalReported = new AtomicBoolean();
    private boolean handshaken;

    /**
     * @param client                  true for a socket we connected, false for one a server socket
     *                                accepted (then the log names the peer as the TLS client)
     * @param onRefusedAfterHandshake told once when a read of a client socket fails with a TLS error
     *                                after the handshake: in TLS 1.3 a server refuses the client's
     *                                certificate only after the client finished its handshake, so the
     *                                refusal (an alert) arrives on the first read
     */
    HandshakeTimedSocket(String stackName, SSLSocket delegate, int timeoutMillis, boolean client,
                         BiConsumer<InetSocketAddress, SSLException> onRefusedAfterHandshake) {
        super(delegate);
        this.stackName = stackName;
        this.timeoutMillis = timeoutMillis;
        this.client = client;
        this.onRefusedAfterHandshake = onRefusedAfterHandshake;
    }

    private String peer() {
        String address = delegate.getRemoteSocketAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(delegate.getRemoteSocketAddress());
        return (client ? "TLS server " : "TLS client ") + address;
    }

    @Override
    public synchronized void startHandshake() throws IOException {
        if (handshaken) {
            return;
        }
        int before = delegate.getSoTimeout();
        delegate.setSoTimeout(timeoutMillis);
        long start = System.nanoTime();
        try {
            delegate.startHandshake();
            handshaken = true;
        } catch (SSLHandshakeException e) {
            if (!(e.getCause() instanceof CertificateException)) {
                // a refusal by our trust manager is logged there, with the fingerprints
                LOG.warn("[{}] TLS handshake with {} failed: {}", stackName, peer(), e.getMessage());
            }
            delegate.close();
            throw e;
        } catch (IOException e) {
            // a stall ends either by our read timeout or by the RI's watchdog closing the socket
            boolean timedOut = e instanceof SocketTimeoutException
                    || System.nanoTime() - start >= timeoutMillis * 1_000_000L;
            String why = timedOut
                    ? "not completed within " + timeoutMillis + " ms"
                    : "failed" + (client ? " (the peer may have refused our certificate)" : "") + ": " + e;
            SSLHandshakeException failed = new SSLHandshakeException("TLS handshake with " + peer() + " " + why);
            failed.initCause(e);
            LOG.warn("[{}] {}", stackName, failed.getMessage());
            delegate.close();
            throw failed;
        } finally {
            if (!delegate.isClosed()) {
                delegate.setSoTimeout(before);
            }
        }
    }

    /** The socket's stream; for a client socket, a TLS error on read is reported (see the constructor). */
    @Override
    public InputStream getInputStream() throws IOException {
        InputStream in = delegate.getInputStream();
        if (!client) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (SSLException e) {
                    throw reported(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (SSLException e) {
                    throw reported(e);
                }
            }
        };
    }

    private SSLException reported(SSLException e) {
        if (refusalReported.compareAndSet(false, true) && delegate.getRemoteSocketAddress() instanceof InetSocketAddress a) {
            LOG.warn("[{}] {} ended the connection with a TLS error after the handshake (it may have refused our "
                    + "certificate): {}", stackName, peer(), e.getMessage());
            onRefusedAfterHandshake.accept(a, e);
        }
        return e;
    }
}
