package org.mediasec.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Iterator;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.sip.IOExceptionEvent;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipProviderImpl;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The JAIN-SIP RI's socket factory for a stack that speaks TLS: TLS sockets come from the stack's
 * own {@link SipTlsContext} (never the JVM's default context or the {@code javax.net.ssl.*} system
 * properties), with its protocols and suites; a TLS connect is bounded by the handshake timeout.
 * Plain sockets are the RI's default ones.
 */
public final class TlsNetworkLayer implements NetworkLayer {
    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private final String stackName;
    private final SipTlsContext tls;
    private final int connectTimeoutMillis;
    private volatile SipStackImpl stack;

    /** @param timeout bound on the TCP connect, and then on the TLS handshake */
    public TlsNetworkLayer(String stackName, SipTlsContext tls, Duration timeout) {
        this.stackName = stackName;
        this.tls = tls;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls.context().getServerSocketFactory()
                .createServerSocket(port, backlog, bindAddress);
        s.setEnabledProtocols(tls.protocols());
        s.setEnabledCipherSuites(tls.cipherSuites());
        return new HandshakeTimedServerSocket(stackName, s, connectTimeoutMillis);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    /**
     * A connected TLS client socket; the RI starts the handshake, which fails with an
     * {@code SSLHandshakeException} after the handshake timeout ({@link HandshakeTimedSocket}).
     */
    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SSLSocket s = (SSLSocket) tls.context().getSocketFactory().createSocket();
        try {
            s.setEnabledProtocols(tls.protocols());
            s.setEnabledCipherSuites(tls.cipherSuites());
            if (myAddress != null) {
                s.bind(new InetSocketAddress(myAddress, 0));
            }
            s.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
            return new HandshakeTimedSocket(stackName, s, connectTimeoutMillis, true, this::raiseIoException);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return plain.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return plain.createDatagramSocket(port, laddr);
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        this.stack = sipStack;
    }

    /**
     * Tells the providers' listeners of a TLS connection the peer ended after the handshake (see
     * {@link HandshakeTimedSocket}), as the RI does for a failed send: an {@link IOExceptionEvent}.
     * The RI itself ignores a failed read, so the request sent on that connection would otherwise
     * fail only at its transaction timeout.
     */
    private void raiseIoException(InetSocketAddress peer, SSLException cause) {
        SipStackImpl s = stack;
        if (s == null) {
            return;
        }
        for (Iterator<SipProviderImpl> it = s.getSipProviders(); it.hasNext(); ) {
            SipProviderImpl provider = it.next();
            provider.handleEvent(new IOExceptionEvent(provider, peer.getAddress().getHostAddress(), peer.getPort(), "TLS"), null);
        }
    }
}
