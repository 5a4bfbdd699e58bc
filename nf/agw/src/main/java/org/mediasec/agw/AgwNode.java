package org.mediasec.agw;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.mediasec.agw.bearer.BearerConfig;
import org.mediasec.agw.bearer.BearerRelays;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.agw.context.AgwContexts;
import org.mediasec.agw.context.AgwRealm;
import org.mediasec.agw.metrics.AgwMetrics;
import org.mediasec.h248.netty.H248TransportConfig;
import org.mediasec.h248.user.H248MediaGateway;
import org.mediasec.h248.user.MgConfig;
import org.mediasec.tls.KeyLog;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS-AGW network function (or, with {@code profile: trgw}, the TrGW: pass-through only): its event loops, bearer layer, H.248 termination model, MG role
 * (registration by ServiceChange, re-registration after MGC loss) and metrics endpoint.
 * {@link #start} and {@link #close} block: never call them on an event loop.
 */
public final class AgwNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgwNode.class);

    private final AgwConfig config;
    private final Transports transports;
    private final BearerRelays relays;
    private final AgwContexts contexts;
    private final AgwMetrics metrics;
    private final LocalIdentity identity;
    private final H248MediaGateway mg;
    private final InetSocketAddress metricsAddress;
    private boolean closed;

    private AgwNode(AgwConfig config, Transports transports, BearerRelays relays, AgwContexts contexts,
                    AgwMetrics metrics, LocalIdentity identity, H248MediaGateway mg, InetSocketAddress metricsAddress) {
        this.config = config;
        this.transports = transports;
        this.relays = relays;
        this.contexts = contexts;
        this.metrics = metrics;
        this.identity = identity;
        this.mg = mg;
        this.metricsAddress = metricsAddress;
    }

    /**
     * Starts the AGW: binds its H.248 transport, sends the ServiceChange to the MGC (it keeps trying
     * until the MGC answers), serves metrics when configured.
     *
     * @throws IOException when the certificate cannot be read or the metrics port bound
     */
    public static AgwNode start(AgwConfig config) throws IOException {
        return start(config, KeyLog.NONE);
    }

    /**
     * Starts the AGW as {@link #start(AgwConfig)} does, writing the secrets of every TLS session it
     * terminates to {@code keyLog} (the lab's SSLKEYLOGFILE, for tshark; needs the BoringSSL provider).
     *
     * @throws IOException when the certificate cannot be read or the metrics port bound
     */
    public static AgwNode start(AgwConfig config, KeyLog keyLog) throws IOException {
        // the TrGW terminates no TLS: it reads and writes no certificate (one in memory fills the model's slot)
        LocalIdentity identity = config.trgw() ? LocalIdentity.selfSigned(config.certificate().commonName())
                : identity(config.certificate());
        AgwMetrics metrics = new AgwMetrics();
        Transports transports = Transports.create("agw", config.limits().eventLoopThreads(), Transports.Kind.preferred());
        BearerRelays relays = null;
        H248MediaGateway mg = null;
        try {
            List<AgwRealm> realms = new ArrayList<>();
            for (AgwConfig.RealmConfig r : config.realms()) {
                realms.add(new AgwRealm(r.realm(), r.advertisedAddress()));
            }
            TlsOptions tls = TlsOptions.DEFAULTS.withProvider(config.tls().tlsProvider())
                    .withHandshakeTimeout(config.tls().handshakeTimeout())
                    .withListener(metrics.pinningListener()).withKeyLog(keyLog);
            BearerConfig bearer = BearerConfig.DEFAULTS.withConnectTimeout(config.limits().connectTimeout())
                    .withCloseTimeout(config.limits().closeTimeout()).withTls(tls)
                    .withWaterMarks(config.limits().lowWaterMark(), config.limits().highWaterMark())
                    .withSplice(config.bearer().splice());
            relays = new BearerRelays(transports, bearer, realms.stream().map(AgwRealm::realm).toList());
            AgwContexts contexts = new AgwContexts(relays, transports, realms, identity, config.limits().maxContexts(),
                    metrics, config.trgw());
            BearerRelays r = relays;
            metrics.gauges(contexts::contexts, contexts::terminations, r::relays);
            InetSocketAddress metricsAddress = config.metrics().port() == 0 ? null
                    : metrics.serve(new InetSocketAddress(config.metrics().bindAddress(), config.metrics().port()));

            AgwConfig.H248 h = config.h248();
            H248TransportConfig transport = (h.tcp() ? H248TransportConfig.tcp(h.local()) : H248TransportConfig.udp(h.local()))
                    .withStyle(h.style());
            MgConfig mgConfig = MgConfig.of(config.mId(), h.mgc()).withVersion(h.version())
                    .withInactivityTimeout(h.inactivityTimeout()).withRegistrationRetry(h.registrationRetry())
                    .withTransactions(h.transactions());
            H248MediaGateway[] holder = new H248MediaGateway[1];
            contexts.notifier(action -> {
                H248MediaGateway m = holder[0];
                return m == null ? CompletableFuture.failedFuture(new IllegalStateException("MG not started"))
                        : m.call(action);
            });
            mg = H248MediaGateway.start(transports, mgConfig, transport, contexts);
            holder[0] = mg;
            AgwNode node = new AgwNode(config, transports, relays, contexts, metrics, identity, mg, metricsAddress);
            node.logStart();
            return node;
        } catch (IOException | RuntimeException e) {
            if (mg != null) {
                mg.close();
            }
            if (relays != null) {
                relays.close();
            }
            metrics.close();
            transports.close();
            throw e;
        }
    }

    private void logStart() {
        AgwConfig.H248 h = config.h248();
        LOG.info("[agw] profile {}: mId {} H.248/{} {} {} to MGC {}:{} (version {})", config.profile(), config.mid(),
                h.transport(), h.encoding(), h.local(), h.mgcAddress(), h.mgcPort(), h.version());
        for (AgwConfig.RealmConfig r : config.realms()) {
            LOG.info("[agw] realm {} on {} ports {}-{} (advertised {})", r.name(), r.bindAddress(), r.minPort(),
                    r.maxPort(), r.advertisedAddress());
        }
        if (config.trgw()) {
            LOG.info("[agw] TrGW: pass-through only (TLS termination and MSRP-aware mode are refused with 449)");
        }
        if (config.bearer().splice()) {
            LOG.info("[agw] bearer.splice: untouched leg pairs are spliced in the kernel (epoll only; NIO relays buffers)");
        }
        if (!config.trgw()) {
            LOG.info("[agw] certificate {} fingerprint {}", identity.certificate().getSubjectX500Principal().getName(),
                    identity.fingerprint());
        }
    }

    /** The AGW certificate: PEM files, generated into the files, or generated in memory. */
    static LocalIdentity identity(AgwConfig.Certificate c) throws IOException {
        if (c.certFile() == null) {
            return LocalIdentity.selfSigned(c.commonName());
        }
        Path cert = Path.of(c.certFile());
        Path key = Path.of(c.keyFile());
        if (Files.exists(cert) || Files.exists(key) || !c.generate()) {
            return LocalIdentity.loadPem(cert, key);
        }
        for (Path p : new Path[] {cert, key}) {
            Path dir = p.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);      // "make a self-signed one and write it there"
            }
        }
        return LocalIdentity.loadOrGenerate(cert, key, c.commonName());
    }

    public AgwConfig config() {
        return config;
    }

    public H248MediaGateway mg() {
        return mg;
    }

    public AgwContexts contexts() {
        return contexts;
    }

    public BearerRelays relays() {
        return relays;
    }

    public AgwMetrics metrics() {
        return metrics;
    }

    public LocalIdentity identity() {
        return identity;
    }

    /** The bound metrics address, or null when off. */
    public InetSocketAddress metricsAddress() {
        return metricsAddress;
    }

    /** Closes relays, the H.248 transport, metrics and event loops. Idempotent; blocks. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("[agw] stopping: {} contexts, {} relays", contexts.contexts(), relays.relays());
        try {
            contexts.close();
        } finally {
            try {
                mg.close();
            } finally {
                metrics.close();
                transports.close();
            }
        }
        LOG.info("[agw] stopped");
    }
}
