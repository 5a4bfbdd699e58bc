package org.mediasec.core;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mediasec.common.Checks;
import org.mediasec.sip.SipTransport;

/**
 * Configuration of {@code mediasec core}, the registrar and S-CSCF routing stand-in. A record with a
 * YAML shape (one key per component); {@link #defaults()} gives every value:
 * <pre>
 * host: 127.0.0.1          # address to listen on; also the sent-by of our Via and the host of our Record-Route
 * port: 5060               # SIP port for every transport
 * transports: [UDP, TCP]   # transports to listen on: UDP, TCP and/or TLS (case-insensitive); TLS uses the tls block
 * domain: ims.example.net  # the home domain: AORs are sip:user@domain; requests for it are looked up
 * defaultExpires: 3600     # seconds, when a REGISTER gives neither a Contact expires nor an Expires header
 * minExpires: 0            # seconds; a shorter non-zero expiry is answered 423 with Min-Expires; 0 accepts any
 * maxExpires: 7200         # seconds; longer expiries are shortened to this
 * recordRoute: true        # Record-Route dialog-creating requests, so in-dialog requests come back through the core
 * authentication: false    # digest-authenticate REGISTER (RFC 3261 §22, RFC 2617 MD5, qop=auth)
 * users: {}                # user part -> password; if not empty, only these users exist (others get 404)
 * tls:                     # used when transports has TLS; see {@link CoreTlsConfig}
 *   port: 5061
 *   certificate: core-cert.pem
 *   privateKey: core-key.pem
 *   trustedFingerprints: []
 *   trustedCas: null
 *   clientAuth: none
 *   versions: [TLSv1.2, TLSv1.3]
 *   handshakeTimeoutMillis: 5000
 * </pre>
 * Addresses of record are canonical {@code sip:user@domain}: a REGISTER whose To host is the domain
 * or the listening host registers {@code sip:user@domain}, and a request whose Request-URI host is
 * the domain, or the listening host and port, is a request for {@code sip:user@domain}.
 *
 * @param host           address to listen on
 * @param port           SIP port (0 picks a free one, for tests)
 * @param transports     transports to listen on
 * @param domain         the home domain
 * @param defaultExpires registration interval when the REGISTER gives none, seconds
 * @param minExpires     shortest non-zero interval accepted, seconds (0: any)
 * @param maxExpires     longest interval granted, seconds
 * @param recordRoute    whether to Record-Route dialog-creating requests
 * @param authentication whether REGISTER must carry valid digest credentials
 * @param users          known users and their passwords; empty means any user may register
 * @param tls            the TLS transport's port, certificate and trust (used when {@code transports} has TLS)
 */
public record CoreConfig(String host, int port, Set<SipTransport> transports, String domain,
                         int defaultExpires, int minExpires, int maxExpires, boolean recordRoute,
                         boolean authentication, Map<String, String> users, CoreTlsConfig tls) {

    public CoreConfig {
        Checks.notEmpty(host, "host");
        Checks.inRange(port, 0, 65535, "port");
        Objects.requireNonNull(transports, "transports");
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports: empty (expected: at least one of UDP, TCP, TLS)");
        }
        transports = Set.copyOf(transports);
        Checks.notEmpty(domain, "domain");
        domain = domain.toLowerCase(Locale.ROOT);
        Checks.inRange(maxExpires, 1, Integer.MAX_VALUE, "maxExpires");
        Checks.inRange(defaultExpires, 1, maxExpires, "defaultExpires");
        Checks.inRange(minExpires, 0, maxExpires, "minExpires");
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        if (authentication && users.isEmpty()) {
            throw new IllegalArgumentException("authentication: true needs users with passwords");
        }
        Objects.requireNonNull(tls, "tls");
        if (transports.contains(SipTransport.TLS) && transports.contains(SipTransport.TCP) && port != 0 && tls.port() == port) {
            throw new IllegalArgumentException("tls.port: " + tls.port() + " is also the TCP port (expected: a port of its own, e.g. 5061)");
        }
    }

    /** A configuration with the default TLS block (the form before TLS existed). */
    public CoreConfig(String host, int port, Set<SipTransport> transports, String domain,
                      int defaultExpires, int minExpires, int maxExpires, boolean recordRoute,
                      boolean authentication, Map<String, String> users) {
        this(host, port, transports, domain, defaultExpires, minExpires, maxExpires, recordRoute, authentication, users,
                CoreTlsConfig.defaults());
    }

    /**
     * 127.0.0.1:5060 over UDP and TCP, domain ims.example.net, 3600 s registrations, no authentication,
     * any user; TLS off ({@link CoreTlsConfig#defaults()} when turned on).
     */
    public static CoreConfig defaults() {
        return new CoreConfig("127.0.0.1", 5060, EnumSet.of(SipTransport.UDP, SipTransport.TCP), "ims.example.net",
                3600, 0, 7200, true, false, Map.of(), CoreTlsConfig.defaults());
    }

    public CoreConfig withHost(String newHost) {
        return new CoreConfig(newHost, port, transports, domain, defaultExpires, minExpires, maxExpires, recordRoute, authentication, users, tls);
    }

    public CoreConfig withPort(int newPort) {
        return new CoreConfig(host, newPort, transports, domain, defaultExpires, minExpires, maxExpires, recordRoute, authentication, users, tls);
    }

    public CoreConfig withTransports(Set<SipTransport> newTransports) {
        return new CoreConfig(host, port, newTransports, domain, defaultExpires, minExpires, maxExpires, recordRoute, authentication, users, tls);
    }

    public CoreConfig withDomain(String newDomain) {
        return new CoreConfig(host, port, transports, newDomain, defaultExpires, minExpires, maxExpires, recordRoute, authentication, users, tls);
    }

    public CoreConfig withExpires(int newDefault, int newMin, int newMax) {
        return new CoreConfig(host, port, transports, domain, newDefault, newMin, newMax, recordRoute, authentication, users, tls);
    }

    public CoreConfig withRecordRoute(boolean on) {
        return new CoreConfig(host, port, transports, domain, defaultExpires, minExpires, maxExpires, on, authentication, users, tls);
    }

    public CoreConfig withTls(CoreTlsConfig newTls) {
        return new CoreConfig(host, port, transports, domain, defaultExpires, minExpires, maxExpires, recordRoute, authentication, users, newTls);
    }

    /** Known users and passwords; with {@code authenticate}, REGISTER needs their digest credentials. */
    public CoreConfig withUsers(Map<String, String> newUsers, boolean authenticate) {
        return new CoreConfig(host, port, transports, domain, defaultExpires, minExpires, maxExpires, recordRoute, authenticate, newUsers, tls);
    }
}
