package org.mediasec.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TransportNotSupportedException;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.sip.internal.FreePorts;
import org.mediasec.sip.internal.JainSipQuirks;
import org.mediasec.sip.internal.SipTlsContext;
import org.mediasec.sip.internal.TlsNetworkLayer;
import org.mediasec.sip.internal.TlsSipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * One JAIN-SIP stack with one provider listening on an address and port over UDP and/or TCP,
 * and/or over TLS on a port of its own, delivering what arrives to a {@link SipEndpointListener}.
 *
 * <p>TLS ({@link SipTransport#TLS}, configured by {@link SipStackConfig#tls()}) uses the JDK
 * provider with the stack's own certificate and trust (pinned fingerprints or CAs); a peer whose
 * certificate is refused is logged at WARN with the fingerprint it presented, and the request toward
 * it fails ({@link #send} throws, or the listener gets an I/O error event). To send over TLS, address
 * the next hop with a {@code sips:} URI or a {@code ;transport=tls} parameter (see
 * {@link SipTransport#forUri}) and put {@link #newVia(SipTransport) newVia(TLS)} on the request.
 *
 * <p>The stack is created directly ({@code new SipStackImpl(properties)}), not through
 * {@code SipFactory}, whose JVM-wide singleton caches stacks by name and would hand a stopped stack
 * back to the next start with the same name. Factories are created the same way.
 *
 * <p>{@link #stop()} (or {@link #close()}) removes the listener, the provider and the listening
 * points, stops the stack and ends the RI's event thread (see {@link #stop()} for the RI bug this
 * works around). Every endpoint must be stopped: the RI's threads are not daemons.
 */
public final class SipEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
    /** Attempts at binding a picked free port before giving up (another process may take it first). */
    private static final int BIND_ATTEMPTS = 5;
    /** Bound on waiting for the RI's UDP receive threads at start (see {@link JainSipQuirks}). */
    private static final Duration UDP_READY_TIMEOUT = Duration.ofSeconds(10);

    private final SipStackConfig config;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final Map<SipTransport, ListeningPoint> listeningPoints;
    private final SipListenerAdapter listener;
    private final int port;
    private final int tlsPort;
    private final HeaderFactory headerFactory = new HeaderFactoryImpl();
    private final MessageFactory messageFactory;
    private final AddressFactory addressFactory = new AddressFactoryImpl();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SipEndpoint(SipStackConfig config, SipStackImpl stack, SipProvider provider,
                        Map<SipTransport, ListeningPoint> listeningPoints, int port, int tlsPort,
                        SipListenerAdapter listener, MessageFactory messageFactory) {
        this.config = config;
        this.stack = stack;
        this.provider = provider;
        this.listeningPoints = listeningPoints;
        this.port = port;
        this.tlsPort = tlsPort;
        this.listener = listener;
        this.messageFactory = messageFactory;
    }

    /**
     * Creates the stack, binds every transport of {@code config} and starts delivering to
     * {@code listener}. With port 0, a port free for all transports is picked (and re-picked if
     * another process takes it before the stack binds it); the same for the TLS port.
     */
    public static SipEndpoint start(SipStackConfig config, SipEndpointListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host: " + config.host() + " does not resolve", e);
        }
        RuntimeException last = null;
        boolean plain = config.transports().contains(SipTransport.UDP) || config.transports().contains(SipTransport.TCP);
        boolean tls = config.transports().contains(SipTransport.TLS);
        boolean pick = (plain && config.port() == 0) || (tls && config.tls().port() == 0);
        int attempts = pick ? BIND_ATTEMPTS : 1;
        for (int i = 0; i < attempts; i++) {
            int port = !plain || config.port() != 0 ? config.port() : FreePorts.udpAndTcp(address);
            int tlsPort = !tls ? 0 : config.tls().port() != 0 ? config.tls().port() : FreePorts.tcp(address);
            try {
                return bind(config, plain ? port : tlsPort, tlsPort, listener);
            } catch (SipEndpointException e) {
                last = e;
                LOG.debug("[{}] binding {}:{} failed, attempt {} of {}", config.stackName(), config.host(), port, i + 1, attempts, e);
            }
        }
        throw last;
    }

    private static SipEndpoint bind(SipStackConfig config, int port, int tlsPort, SipEndpointListener user) {
        SipStackImpl stack;
        try {
            if (config.tls() != null) {
                SipTlsContext tls = SipTlsContext.create(config.stackName(), config.tls());
                stack = new TlsSipStack(config.toProperties(), new TlsNetworkLayer(config.stackName(), tls, config.tls().handshakeTimeout()));
            } else {
                stack = new SipStackImpl(config.toProperties());
            }
        } catch (PeerUnavailableException e) {
            throw new SipEndpointException("cannot create JAIN-SIP stack " + config.stackName(), e);
        }
        Map<SipTransport, ListeningPoint> lps = new EnumMap<>(SipTransport.class);
        SipProvider provider = null;
        SipListenerAdapter adapter = null;
        try {
            for (SipTransport t : config.transports()) {
                lps.put(t, stack.createListeningPoint(config.host(), t == SipTransport.TLS ? tlsPort : port, t.jainSipName()));
            }
            List<ListeningPoint> all = new ArrayList<>(lps.values());
            provider = stack.createSipProvider(all.get(0));
            for (ListeningPoint lp : all.subList(1, all.size())) {
                provider.addListeningPoint(lp);
            }
            MessageFactory messageFactory = new MessageFactoryImpl();
            adapter = new SipListenerAdapter(config.stackName(), provider, messageFactory, user);
            provider.addSipListener(adapter);
            SipEndpoint endpoint = new SipEndpoint(config, stack, provider, lps, port, tlsPort, adapter, messageFactory);
            stack.start();
            if (!JainSipQuirks.awaitUdpProcessorsStarted(lps.values(), config.threadPoolSize(), UDP_READY_TIMEOUT)) {
                throw new SipEndpointException("UDP listener on " + config.host() + ":" + port + " did not start within " + UDP_READY_TIMEOUT);
            }
            if (config.tls() != null && lps.containsKey(SipTransport.TLS)) {
                LOG.info("[{}] listening on {}:{} {}, TLS on port {} ({}, trust {}, client certificate {})",
                        config.stackName(), config.host(), port, config.transports(), tlsPort,
                        config.tls().versions(), config.tls().trust(), config.tls().clientAuth());
            } else {
                LOG.info("[{}] listening on {}:{} {}", config.stackName(), config.host(), port, config.transports());
            }
            return endpoint;
        } catch (TransportNotSupportedException | InvalidArgumentException | ObjectInUseException
                 | java.util.TooManyListenersException e) {
            teardownQuietly(stack, provider, adapter, lps);
            throw new SipEndpointException("cannot listen on " + config.host() + ":" + port
                    + (tlsPort != 0 ? " (TLS " + tlsPort + ")" : "") + " " + config.transports(), e);
        } catch (SipException | RuntimeException e) {
            teardownQuietly(stack, provider, adapter, lps);
            throw new SipEndpointException("cannot start JAIN-SIP stack " + config.stackName() + " on port " + port, e);
        }
    }

    public SipStackConfig config() {
        return config;
    }

    /**
     * The bound UDP/TCP port (the picked one when the configuration said 0); the TLS port when TLS
     * is the only transport.
     */
    public int port() {
        return port;
    }

    /** The port a transport listens on: {@link #port()} for UDP and TCP, the TLS port for TLS. */
    public int port(SipTransport transport) {
        if (!listeningPoints.containsKey(transport)) {
            throw new IllegalArgumentException("transport: " + transport + " (listening on " + config.transports() + ")");
        }
        return transport == SipTransport.TLS ? tlsPort : port;
    }

    /** The transports listened on. */
    public Set<SipTransport> transports() {
        return config.transports();
    }

    public String host() {
        return config.host();
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.host(), port);
    }

    public HeaderFactory headerFactory() {
        return headerFactory;
    }

    public MessageFactory messageFactory() {
        return messageFactory;
    }

    public AddressFactory addressFactory() {
        return addressFactory;
    }

    /** The underlying provider, for what this wrapper does not cover yet (stateless forwarding, dialogs). */
    public SipProvider provider() {
        return provider;
    }

    /** A Via header for a new request over this transport, without branch: the stack adds one when it sends. */
    public ViaHeader newVia(SipTransport transport) {
        if (!listeningPoints.containsKey(transport)) {
            throw new IllegalArgumentException("transport: " + transport + " (listening on " + config.transports() + ")");
        }
        try {
            return headerFactory.createViaHeader(config.host(), port(transport), transport.jainSipName(), null);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build Via for " + config.host() + ":" + port(transport), e);
        }
    }

    /** Sends a request statefully; responses and timeouts go to the listener. */
    public ClientTransaction send(Request request) {
        checkRunning();
        try {
            ClientTransaction ct = provider.getNewClientTransaction(request);
            ct.sendRequest();
            return ct;
        } catch (SipException e) {
            throw new SipEndpointException("cannot send " + request.getMethod() + " " + request.getRequestURI(), e);
        }
    }

    /** Sends a request without a client transaction (a proxy forwarding statelessly). */
    public void sendStateless(Request request) {
        checkRunning();
        try {
            provider.sendRequest(request);
        } catch (SipException e) {
            throw new SipEndpointException("cannot send " + request.getMethod() + " statelessly", e);
        }
    }

    /** Sends a response without a server transaction. */
    public void sendStateless(Response response) {
        checkRunning();
        try {
            provider.sendResponse(response);
        } catch (SipException e) {
            throw new SipEndpointException("cannot send " + response.getStatusCode() + " statelessly", e);
        }
    }

    public boolean isRunning() {
        return !stopped.get();
    }

    /**
     * Stops the endpoint; idempotent. Returns when the stack has been told to stop and its sockets
     * are closed; its threads end shortly after.
     *
     * <p>Works around the RI leaving its non-daemon {@code EventScannerThread} blocked forever after
     * {@code SipStack.stop()} ({@link JainSipQuirks#wakeStoppedEventScanner}). Takes about a second:
     * the RI's {@code SIPTransactionStack.stopStack()} sleeps 1 s unconditionally.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        teardown(stack, provider, listener, listeningPoints);
        LOG.info("[{}] stopped ({}:{})", config.stackName(), config.host(), port);
    }

    @Override
    public void close() {
        stop();
    }

    /** Teardown after a failed start: the RI may throw from a half-started stack; log and carry on. */
    private static void teardownQuietly(SipStackImpl stack, SipProvider provider, SipListener listener,
                                        Map<SipTransport, ListeningPoint> lps) {
        try {
            teardown(stack, provider, listener, lps);
        } catch (RuntimeException e) {
            LOG.warn("[{}] teardown after failed start", stack.getStackName(), e);
        }
    }

    private static void teardown(SipStackImpl stack, SipProvider provider, SipListener listener,
                                 Map<SipTransport, ListeningPoint> lps) {
        EventScanner scanner = stack.getEventScanner();
        if (provider != null) {
            if (listener != null) {
                provider.removeSipListener(listener);
            }
            try {
                stack.deleteSipProvider(provider);
            } catch (ObjectInUseException e) {
                LOG.warn("[{}] provider still in use at stop", stack.getStackName(), e);
            }
        }
        for (ListeningPoint lp : lps.values()) {
            try {
                stack.deleteListeningPoint(lp);
            } catch (ObjectInUseException e) {
                LOG.warn("[{}] listening point {} still in use at stop", stack.getStackName(), lp, e);
            }
        }
        stack.stop();
        JainSipQuirks.wakeStoppedEventScanner(scanner, provider);
    }

    private void checkRunning() {
        if (stopped.get()) {
            throw new IllegalStateException("endpoint " + config.stackName() + " is stopped");
        }
    }

    @Override
    public String toString() {
        return "SipEndpoint[" + config.stackName() + " " + config.host() + ":" + port + " " + config.transports()
                + (tlsPort != 0 ? " TLS " + tlsPort : "") + "]";
    }
}
