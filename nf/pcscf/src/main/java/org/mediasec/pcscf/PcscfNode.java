package org.mediasec.pcscf;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sip.address.Address;

import io.netty.channel.EventLoop;
import org.mediasec.common.TimerService;
import org.mediasec.sip.SipTransport;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.h248.MId;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.text.Style;
import org.mediasec.h248.user.H248MediaGatewayController;
import org.mediasec.h248.user.MgcConfig;
import org.mediasec.pcscf.agw.AgwPool;
import org.mediasec.pcscf.agw.MIds;
import org.mediasec.pcscf.alg.ImsAlg;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.pcscf.registration.MediaSecPolicy;
import org.mediasec.pcscf.registration.MediaSecRegistrations;
import org.mediasec.pcscf.sip.PcscfSip;
import org.mediasec.pcscf.sip.PcscfSipWiring;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.proxy.ProxyIdentity;
import org.mediasec.sip.proxy.StatefulProxy;
import org.mediasec.transport.EventLoopTimers;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF / IMS-ALG network function ({@code mediasec pcscf}): a SIP stateful proxy between UEs and
 * the core, and the MGC that controls the IMS-AGWs over H.248 (Iq). {@link #start} and {@link #close}
 * block: do not call them on an event loop.
 * <pre>{@code
 * PcscfNode pcscf = PcscfNode.start(config);
 * pcscf.agwReady().toCompletableFuture().get(10, SECONDS);   // an IMS-AGW registered
 * ... pcscf.sipAddress(), pcscf.mgcAddress(), pcscf.sessions() ...
 * pcscf.close();
 * }</pre>
 */
public final class PcscfNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PcscfNode.class);

    /** The node's name in log lines: {@code pcscf host:port}. */
    private final String tag;
    private final PcscfConfig config;
    private final Transports transports;
    private final H248MediaGatewayController mgc;
    private final AgwPool agws;
    private final SipEndpoint endpoint;
    private final StatefulProxy proxy;
    private final PcscfSipWiring sip;
    private final ExecutorService worker;
    private final LocalIdentity tlsIdentity;
    private boolean closed;

    private PcscfNode(String tag, PcscfConfig config, Transports transports, H248MediaGatewayController mgc, AgwPool agws,
                      SipEndpoint endpoint, StatefulProxy proxy, PcscfSipWiring sip, ExecutorService worker,
                      LocalIdentity tlsIdentity) {
        this.tlsIdentity = tlsIdentity;
        this.tag = tag;
        this.config = config;
        this.transports = transports;
        this.mgc = mgc;
        this.agws = agws;
        this.endpoint = endpoint;
        this.proxy = proxy;
        this.sip = sip;
        this.worker = worker;
    }

    /** Starts the MGC (IMS-AGWs may register from now on) and the SIP endpoint. */
    public static PcscfNode start(PcscfConfig config) {
        Transports transports = Transports.create("pcscf", 1, Transports.Kind.preferred());
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pcscf-alg");
            t.setDaemon(true);
            return t;
        });
        H248MediaGatewayController mgc = null;
        SipEndpoint endpoint = null;
        try {
            EventLoop loop = transports.group().next();
            TimerService timers = new EventLoopTimers(loop);
            // SIP first: its bound port names the node in every log line (requests get 503 until wired)
            PcscfSip listener = new PcscfSip();
            PcscfConfig.Sip s = config.sip();
            SipStackConfig stack = SipStackConfig.loopback("pcscf-" + Integer.toHexString(System.identityHashCode(listener)))
                    .withHost(s.host()).withPort(s.port()).withAutomaticDialogSupport(false);
            LocalIdentity tlsIdentity = null;
            if (s.sipTransports().contains(SipTransport.TLS)) {
                tlsIdentity = PcscfTls.identity(s);
                stack = stack.withTls(PcscfTls.config(s, tlsIdentity));
            }
            stack = stack.withTransports(s.sipTransports());
            endpoint = SipEndpoint.start(stack, listener);
            String tag = "pcscf " + endpoint.host() + ":" + endpoint.port();

            List<MId> accepted = new ArrayList<>();
            for (String m : config.h248().agws()) {
                accepted.add(MIds.parse(m));
            }
            AgwPool agws = new AgwPool(tag, accepted);
            PcscfConfig.H248 h = config.h248();
            InetSocketAddress bind = new InetSocketAddress(h.address(), h.port());
            H248TransportConfig transport = (h.transport().equals("tcp") ? H248TransportConfig.tcp(bind)
                    : H248TransportConfig.udp(bind)).withStyle(h.encoding().equals("compact") ? Style.COMPACT : Style.PRETTY);
            MgcConfig mgcConfig = MgcConfig.of(MIds.parse(h.mid()));
            if (!h.heartbeatInterval().isZero()) {
                mgcConfig = mgcConfig.withHeartbeat(h.heartbeatInterval());
            }
            mgc = H248MediaGatewayController.start(transports, mgcConfig, transport, agws);

            MediaSecRegistrations registrations = new MediaSecRegistrations(
                    MediaSecPolicy.of(config.mediasec().capabilities(), MediaSecPolicy.defaults().q()), timers);
            StatefulProxy proxy = new StatefulProxy(endpoint,
                    new ProxyIdentity(endpoint.host(), endpoint.port(), Set.copyOf(s.aliases())), timers,
                    config.timeouts().timerC());
            Address core;
            try {
                core = endpoint.addressFactory().createAddress(config.core().uri());
            } catch (ParseException e) {
                throw new IllegalArgumentException("core.uri: \"" + config.core().uri() + "\" does not parse: " + e.getMessage());
            }
            PcscfSipWiring wiring = PcscfSipWiring.wire(listener, endpoint, proxy, registrations, agws,
                    ImsAlg.withDefaults(), IqCommands.DEFAULT, config, core, worker, tag, timers);
            PcscfNode node = new PcscfNode(tag, config, transports, mgc, agws, endpoint, proxy, wiring, worker, tlsIdentity);
            LOG.info("[{}] SIP on {}:{} ({}){}, core {}, H.248 MGC {} on {} ({}), mediasec {}", tag, s.host(), endpoint.port(),
                    String.join(", ", s.transports()), tlsIdentity == null ? "" : ", TLS certificate " + tlsIdentity.fingerprint(),
                    config.core().uri(), h.mid(), mgc.localAddress(), h.transport(), String.join(", ", config.mediasec().mechanisms()));
            return node;
        } catch (RuntimeException e) {
            if (endpoint != null) {
                endpoint.stop();
            }
            if (mgc != null) {
                mgc.close();
            }
            worker.shutdownNow();
            transports.close();
            throw e;
        }
    }

    public PcscfConfig config() {
        return config;
    }

    /** The SIP address UEs and the core send to (the bound port when the configuration said 0). */
    public InetSocketAddress sipAddress() {
        return endpoint.localAddress();
    }

    /** {@code sip:host:port;lr}: for a UE's preloaded Route (RFC 3261 §8.1.2) or a core's Path. */
    public String sipUri() {
        return "sip:" + endpoint.host() + ":" + endpoint.port() + ";lr";
    }

    /**
     * {@code sip:host:port;transport=tls;lr} (or with the transport's name): the preloaded Route of a UE that reaches
     * this P-CSCF over {@code transport}.
     */
    public String sipUri(SipTransport transport) {
        return "sip:" + endpoint.host() + ":" + endpoint.port(transport)
                + (transport == SipTransport.UDP ? "" : ";transport=" + transport.jainSipName()) + ";lr";
    }

    /** The fingerprint of the certificate SIP over TLS presents (for UEs to pin), when tls is a transport. */
    public java.util.Optional<org.mediasec.common.CertificateFingerprint> sipTlsFingerprint() {
        return java.util.Optional.ofNullable(tlsIdentity).map(LocalIdentity::fingerprint);
    }

    /** Where the IMS-AGWs register (H.248 MGC). */
    public InetSocketAddress mgcAddress() {
        return mgc.localAddress();
    }

    /** Completes when the first accepted IMS-AGW has registered. */
    public CompletionStage<Void> agwReady() {
        return agws.ready();
    }

    /** The IMS-AGWs in service. */
    public AgwPool agws() {
        return agws;
    }

    /** The sessions the IMS-ALG holds now, with the mode and context of each stream. */
    public List<SessionView> sessions() {
        return sip.sessions();
    }

    /** How many contacts are registered with media-plane security state. */
    public int registrations() {
        return sip.registrations();
    }

    /** Releases every context, stops SIP and the MGC; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sip.releaseAll();
        proxy.stopTimers();
        endpoint.stop();
        mgc.close();
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transports.close();
        LOG.info("[{}] stopped", tag);
    }
}
