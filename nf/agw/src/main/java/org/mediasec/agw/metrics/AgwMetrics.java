package org.mediasec.agw.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.tls.PinningListener;
import org.mediasec.tls.TlsRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AGW's counters and gauges in a Micrometer Prometheus registry, optionally served on
 * {@code http://<address>:<port>/metrics}. Names (Prometheus form): {@code agw_contexts},
 * {@code agw_terminations}, {@code agw_relays_open} (gauges); {@code agw_relayed_bytes_total{direction=
 * "uplink"|"downlink"}}, {@code agw_tls_handshakes_total{result="ok"|"failed"}},
 * {@code agw_fingerprint_refusals_total}, {@code agw_bearer_failures_total}, {@code agw_notifies_total},
 * {@code agw_mgc_lost_total}
 * (counters). Thread-safe.
 */
public final class AgwMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgwMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter uplink;
    private final Counter downlink;
    private final Counter handshakesOk;
    private final Counter handshakesFailed;
    private final Counter fingerprintRefusals;
    private final Counter bearerFailures;
    private final Counter notifies;
    private final Counter mgcLost;
    private HttpServer server;

    public AgwMetrics() {
        uplink = Counter.builder("agw.relayed.bytes").tag("direction", "uplink")
                .description("payload bytes relayed from the access to the core leg").register(registry);
        downlink = Counter.builder("agw.relayed.bytes").tag("direction", "downlink")
                .description("payload bytes relayed from the core to the access leg").register(registry);
        handshakesOk = Counter.builder("agw.tls.handshakes").tag("result", "ok")
                .description("TLS handshakes the AGW completed with a pinned peer").register(registry);
        handshakesFailed = Counter.builder("agw.tls.handshakes").tag("result", "failed")
                .description("TLS session establishment failures (mismatch, handshake failure, timeout)").register(registry);
        fingerprintRefusals = Counter.builder("agw.fingerprint.refusals")
                .description("peer certificates refused because they matched no a=fingerprint").register(registry);
        bearerFailures = Counter.builder("agw.bearer.failures").description("relays that failed").register(registry);
        notifies = Counter.builder("agw.notifies").description("failure Notify commands sent to the MGC").register(registry);
        mgcLost = Counter.builder("agw.mgc.lost").description("times the MGC stopped answering (then re-registration)")
                .register(registry);
    }

    /** Registers the gauges read from the live model. */
    public void gauges(Supplier<Number> contexts, Supplier<Number> terminations, Supplier<Number> relays) {
        Gauge.builder("agw.contexts", contexts).description("H.248 contexts").register(registry);
        Gauge.builder("agw.terminations", terminations).description("H.248 terminations").register(registry);
        Gauge.builder("agw.relays.open", relays).description("bearer relays not closed").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Bytes relayed by a closed relay: {@code up} access to core, {@code down} core to access. */
    public void relayed(long up, long down) {
        uplink.increment(up);
        downlink.increment(down);
    }

    public void tlsHandshake(boolean ok) {
        (ok ? handshakesOk : handshakesFailed).increment();
    }

    public void bearerFailure() {
        bearerFailures.increment();
    }

    public void mgcLost() {
        mgcLost.increment();
    }

    public void notifySent() {
        notifies.increment();
    }

    /** The pinning listener that counts refusals (give it to {@code TlsOptions.withListener}). */
    public PinningListener pinningListener() {
        return new PinningListener() {
            @Override
            public void verified(TlsRole localRole, String peer, CertificateFingerprint matched) {
            }

            @Override
            public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                                List<CertificateFingerprint> received, String reason) {
                fingerprintRefusals.increment();
            }
        };
    }

    public double fingerprintRefusals() {
        return fingerprintRefusals.count();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@code /metrics} on {@code address}; returns the bound address (port 0 picks one).
     *
     * @throws IOException when the port cannot be bound
     */
    public synchronized InetSocketAddress serve(InetSocketAddress address) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already serving on " + server.getAddress());
        }
        HttpServer s = HttpServer.create(address, 16);
        s.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agw-metrics");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        server = s;
        LOG.info("[agw] metrics on http://{}:{}/metrics", s.getAddress().getAddress().getHostAddress(),
                s.getAddress().getPort());
        return s.getAddress();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            if (server.getExecutor() instanceof java.util.concurrent.ExecutorService es) {
                es.shutdownNow();
            }
            server = null;
        }
        registry.close();
    }
}
