package org.mediasec.agw.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mediasec.agw.bearer.Realm;
import org.mediasec.h248.MId;
import org.mediasec.h248.transaction.H248TransactionConfig;
import org.mediasec.h248.text.Style;
import org.mediasec.tls.TlsProvider;

/**
 * The IMS-AGW's configuration: one YAML file ({@code mediasec agw --config agw.yaml}) read into these
 * records. Every key is optional; a missing key takes the default of {@link #defaults()}, written out
 * with comments by {@link #defaultYaml()} ({@code mediasec agw --print-default-config}). Keys are
 * kebab-case; durations are written {@code 10s}, {@code 500ms}, {@code 2m} or ISO-8601 ({@code PT10S}).
 *
 * @param mid          our H.248 mId ({@code [192.0.2.1]:2945} or {@code <agw.example>:2945})
 * @param h248         the H.248 association: where the MGC is, our local port, transport, encoding, version
 * @param realms       the IP realms (the first is the access realm, the second the core realm)
 * @param certificate  the AGW certificate for the TLS it terminates
 * @param tls          TLS provider and handshake timeout
 * @param limits       resource limits and bearer timers
 * @param metrics      the Prometheus endpoint
 * @param profile      {@code agw} (IMS-AGW on Iq: TLS termination, pass-through, MSRP-aware mode) or
 *                     {@code trgw} (TrGW on Ix, TS 29.238: pass-through only; a termination asking for TLS
 *                     termination or MSRP-aware mode is refused with 449; default realms {@code home} and
 *                     {@code interconnect}, the two networks it joins)
 * @param bearer       how the relay moves the octets of the legs it does not parse (epoll splice)
 */
public record AgwConfig(String mid, H248 h248, List<RealmConfig> realms, Certificate certificate, Tls tls,
                        Limits limits, Metrics metrics, String profile, Bearer bearer) {
    /** The IMS-AGW profile (default). */
    public static final String PROFILE_AGW = "agw";
    /** The TrGW profile: pass-through only. */
    public static final String PROFILE_TRGW = "trgw";


    /** The H.248 association with the MGC (IMS-ALG). */
    public record H248(@JsonProperty("mgc-address") String mgcAddress, @JsonProperty("mgc-port") Integer mgcPort,
                       String transport, @JsonProperty("local-address") String localAddress,
                       @JsonProperty("local-port") Integer localPort, String encoding, Integer version,
                       @JsonProperty("inactivity-timeout") Duration inactivityTimeout,
                       @JsonProperty("registration-retry") Duration registrationRetry,
                       @JsonProperty("retransmission-timer") Duration retransmissionTimer,
                       @JsonProperty("max-retransmission-interval") Duration maxRetransmissionInterval,
                       @JsonProperty("max-retransmissions") Integer maxRetransmissions) {
        public static final H248 DEFAULTS = new H248(null, null, null, null, null, null, null, null, null, null, null,
                null);

        public H248 {
            mgcAddress = or(mgcAddress, "127.0.0.1");
            mgcPort = mgcPort == null ? 2944 : mgcPort;
            transport = or(transport, "udp").toLowerCase(Locale.ROOT);
            localAddress = or(localAddress, "0.0.0.0");
            localPort = localPort == null ? 2945 : localPort;
            encoding = or(encoding, "pretty").toLowerCase(Locale.ROOT);
            version = version == null ? 3 : version;
            inactivityTimeout = inactivityTimeout == null ? Duration.ofSeconds(30)
                    : positive("h248.inactivity-timeout", inactivityTimeout);
            registrationRetry = registrationRetry == null ? Duration.ofSeconds(5)
                    : positive("h248.registration-retry", registrationRetry);
            retransmissionTimer = retransmissionTimer == null ? H248TransactionConfig.DEFAULT_INITIAL_RETRANSMISSION
                    : positive("h248.retransmission-timer", retransmissionTimer);
            maxRetransmissionInterval = maxRetransmissionInterval == null
                    ? H248TransactionConfig.DEFAULT_MAX_RETRANSMISSION_INTERVAL
                    : positive("h248.max-retransmission-interval", maxRetransmissionInterval);
            maxRetransmissions = maxRetransmissions == null ? H248TransactionConfig.DEFAULT_MAX_RETRANSMISSIONS
                    : maxRetransmissions;
            if (maxRetransmissions < 0 || maxRetransmissions > 100) {
                throw new IllegalArgumentException("h248.max-retransmissions: " + maxRetransmissions + " (expected: 0..100)");
            }
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw new IllegalArgumentException("h248.transport: " + transport + " (expected: udp or tcp)");
            }
            if (!encoding.equals("pretty") && !encoding.equals("compact")) {
                throw new IllegalArgumentException("h248.encoding: " + encoding + " (expected: pretty or compact)");
            }
            port("h248.mgc-port", mgcPort, false);
            port("h248.local-port", localPort, true);
            if (version < 1 || version > 3) {
                throw new IllegalArgumentException("h248.version: " + version + " (expected: 1..3)");
            }
        }

        public InetSocketAddress mgc() {
            return new InetSocketAddress(mgcAddress, mgcPort);
        }

        public InetSocketAddress local() {
            return new InetSocketAddress(localAddress, localPort);
        }

        public Style style() {
            return encoding.equals("compact") ? Style.COMPACT : Style.PRETTY;
        }

        public boolean tcp() {
            return transport.equals("tcp");
        }

        public H248 withMgc(String address, int port) {
            return new H248(address, port, transport, localAddress, localPort, encoding, version, inactivityTimeout,
                    registrationRetry, retransmissionTimer, maxRetransmissionInterval, maxRetransmissions);
        }

        public H248 withLocal(String address, int port) {
            return new H248(mgcAddress, mgcPort, transport, address, port, encoding, version, inactivityTimeout,
                    registrationRetry, retransmissionTimer, maxRetransmissionInterval, maxRetransmissions);
        }

        /** Request retransmission over UDP (H.248.1 Annex D.1.3) and the registration timers. */
        public H248 withTimers(Duration retransmissionTimer, Duration maxRetransmissionInterval, int maxRetransmissions,
                               Duration inactivityTimeout, Duration registrationRetry) {
            return new H248(mgcAddress, mgcPort, transport, localAddress, localPort, encoding, version, inactivityTimeout,
                    registrationRetry, retransmissionTimer, maxRetransmissionInterval, maxRetransmissions);
        }

        /** The transaction layer's timers: the defaults with this retransmission schedule. */
        public H248TransactionConfig transactions() {
            return H248TransactionConfig.DEFAULT.withRetransmission(retransmissionTimer, maxRetransmissionInterval,
                    maxRetransmissions);
        }

        public H248 withEncoding(String encoding) {
            return new H248(mgcAddress, mgcPort, transport, localAddress, localPort, encoding, version, inactivityTimeout,
                    registrationRetry, retransmissionTimer, maxRetransmissionInterval, maxRetransmissions);
        }

        public H248 withTransport(String transport) {
            return new H248(mgcAddress, mgcPort, transport, localAddress, localPort, encoding, version, inactivityTimeout,
                    registrationRetry, retransmissionTimer, maxRetransmissionInterval, maxRetransmissions);
        }
    }

    /**
     * One IP realm.
     *
     * @param name              the realm name; also the prefix of its termination ids ({@code access/1})
     * @param bindAddress       the local address its bearers bind to
     * @param advertisedAddress the address written in {@code c=} of the Local descriptor (default: the bind
     *                          address; set it when binding to a wildcard address or behind NAT)
     * @param minPort           first TCP port of the range
     * @param maxPort           last TCP port of the range
     */
    public record RealmConfig(String name, @JsonProperty("bind-address") String bindAddress,
                              @JsonProperty("advertised-address") String advertisedAddress,
                              @JsonProperty("min-port") int minPort, @JsonProperty("max-port") int maxPort) {
        public RealmConfig {
            if (name == null || name.isBlank() || name.contains("/") || name.contains("$") || name.contains("*")) {
                throw new IllegalArgumentException("realms[].name: \"" + name + "\" (expected a name without / $ *)");
            }
            bindAddress = or(bindAddress, "127.0.0.1");
            advertisedAddress = or(advertisedAddress, bindAddress);
            port("realms[" + name + "].min-port", minPort, false);
            port("realms[" + name + "].max-port", maxPort, false);
            if (maxPort < minPort) {
                throw new IllegalArgumentException("realms[" + name + "]: max-port " + maxPort + " < min-port " + minPort);
            }
        }

        public Realm realm() {
            try {
                return new Realm(name, InetAddress.getByName(bindAddress), minPort, maxPort);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("realms[" + name + "].bind-address: " + bindAddress + ": " + e.getMessage());
            }
        }
    }

    /**
     * The AGW certificate. With both files set they are read (PEM); with {@code generate: true} and
     * files that do not exist yet, a self-signed certificate is made and written there; with no
     * files a self-signed one is made at each start.
     */
    public record Certificate(@JsonProperty("cert-file") String certFile, @JsonProperty("key-file") String keyFile,
                              @JsonProperty("common-name") String commonName, Boolean generate) {
        public Certificate {
            commonName = or(commonName, "agw.mediasec.invalid");
            generate = generate == null ? Boolean.TRUE : generate;
            if ((certFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("certificate: cert-file and key-file go together");
            }
        }
    }

    /** TLS of the terminated legs: {@code provider} is {@code preferred}, {@code openssl} or {@code jdk}. */
    public record Tls(String provider, @JsonProperty("handshake-timeout") Duration handshakeTimeout) {
        public Tls {
            provider = or(provider, "preferred").toLowerCase(Locale.ROOT);
            handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(10) : positive("tls.handshake-timeout",
                    handshakeTimeout);
            providerOf(provider);
        }

        public TlsProvider tlsProvider() {
            return providerOf(provider);
        }

        private static TlsProvider providerOf(String provider) {
            return switch (provider) {
                case "preferred" -> TlsProvider.preferred();
                case "openssl", "boringssl" -> TlsProvider.OPENSSL;
                case "jdk" -> TlsProvider.JDK;
                default -> throw new IllegalArgumentException("tls.provider: " + provider
                        + " (expected: preferred, openssl or jdk)");
            };
        }
    }

    /**
     * Resource limits and bearer timers. {@code lowWaterMark}/{@code highWaterMark}: a leg whose pending
     * outbound bytes pass the high mark (and a flush cannot empty) pauses reads on the other leg until
     * they fall below the low mark; a stalled direction holds about the high mark plus one 64 KiB read.
     */
    public record Limits(@JsonProperty("max-contexts") Integer maxContexts,
                         @JsonProperty("connect-timeout") Duration connectTimeout,
                         @JsonProperty("close-timeout") Duration closeTimeout,
                         @JsonProperty("event-loop-threads") Integer eventLoopThreads,
                         @JsonProperty("low-water-mark") Integer lowWaterMark,
                         @JsonProperty("high-water-mark") Integer highWaterMark) {
        public Limits {
            lowWaterMark = lowWaterMark == null ? 64 * 1024 : lowWaterMark;
            highWaterMark = highWaterMark == null ? 128 * 1024 : highWaterMark;
            if (lowWaterMark <= 0 || highWaterMark < lowWaterMark || highWaterMark > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("limits.low-water-mark/high-water-mark: " + lowWaterMark + "/"
                        + highWaterMark + " (expected: 0 < low <= high <= 67108864 bytes)");
            }
            maxContexts = maxContexts == null ? 10_000 : maxContexts;
            eventLoopThreads = eventLoopThreads == null ? 0 : eventLoopThreads;
            if (maxContexts <= 0) {
                throw new IllegalArgumentException("limits.max-contexts: " + maxContexts + " (expected: positive)");
            }
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : positive("limits.connect-timeout", connectTimeout);
            closeTimeout = closeTimeout == null ? Duration.ofSeconds(5) : positive("limits.close-timeout", closeTimeout);
            if (eventLoopThreads < 0) {
                throw new IllegalArgumentException("limits.event-loop-threads: " + eventLoopThreads + " (expected: >= 0)");
            }
        }
    }

    /**
     * How the relay moves octets. {@code splice}: two legs that both carry bytes untouched (pass-through
     * or plain TCP, no TLS termination, no MSRP-aware mode) are joined by epoll {@code splice(2)} through a
     * kernel pipe, without copying the octets into user space; epoll only (ignored on NIO), off by
     * default: on loopback it cut the AGW's CPU per octet by about a third but did not shorten transfers
     * (docs/performance.md, "Pass-through, third session"). A spliced pair can no longer be turned
     * MSRP-aware by a Modify (473).
     */
    public record Bearer(Boolean splice) {
        public Bearer {
            splice = splice != null && splice;
        }
    }

    /** The Prometheus endpoint {@code http://<bind-address>:<port>/metrics}; port 0: off. */
    public record Metrics(Integer port, @JsonProperty("bind-address") String bindAddress) {
        public Metrics {
            port = port == null ? 0 : port;
            AgwConfig.port("metrics.port", port, true);
            bindAddress = or(bindAddress, "127.0.0.1");
        }
    }

    public AgwConfig {
        profile = or(profile, PROFILE_AGW).toLowerCase(Locale.ROOT);
        if (!profile.equals(PROFILE_AGW) && !profile.equals(PROFILE_TRGW)) {
            throw new IllegalArgumentException("profile: " + profile + " (expected: agw or trgw)");
        }
        mid = or(mid, "<agw.mediasec.invalid>");
        parseMid(mid);
        h248 = h248 == null ? H248.DEFAULTS : h248;
        realms = realms == null || realms.isEmpty() ? defaultRealms(profile) : List.copyOf(realms);
        Set<String> names = new HashSet<>();
        for (RealmConfig r : realms) {
            if (!names.add(r.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("realms: duplicate name " + r.name());
            }
        }
        certificate = certificate == null ? new Certificate(null, null, null, null) : certificate;
        tls = tls == null ? new Tls(null, null) : tls;
        limits = limits == null ? new Limits(null, null, null, null, null, null) : limits;
        metrics = metrics == null ? new Metrics(null, null) : metrics;
        bearer = bearer == null ? new Bearer(null) : bearer;
    }

    /** Every default: mId {@code <agw.mediasec.invalid>}, MGC 127.0.0.1:2944/udp, realms access and core on loopback. */
    public static AgwConfig defaults() {
        return new AgwConfig(null, null, null, null, null, null, null, null, null);
    }

    private static List<RealmConfig> defaultRealms(String profile) {
        // below Linux's ephemeral range (32768-60999): no outgoing connection can hold one of these ports
        boolean trgw = profile.equals(PROFILE_TRGW);
        return List.of(new RealmConfig(trgw ? "home" : "access", "127.0.0.1", null, 20000, 24999),
                new RealmConfig(trgw ? "interconnect" : "core", "127.0.0.1", null, 25000, 29999));
    }

    /** True in the TrGW profile: pass-through only. */
    public boolean trgw() {
        return profile.equals(PROFILE_TRGW);
    }

    /** The same configuration in another profile ({@link #PROFILE_AGW} or {@link #PROFILE_TRGW}). */
    public AgwConfig withProfile(String profile) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    /** The mId as an H.248 {@link MId}. */
    public MId mId() {
        return parseMid(mid);
    }

    public AgwConfig withH248(H248 h248) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    public AgwConfig withRealms(List<RealmConfig> realms) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    public AgwConfig withBearer(Bearer bearer) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    public AgwConfig withMetrics(Metrics metrics) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    public AgwConfig withTls(Tls tls) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    public AgwConfig withMid(String mid) {
        return new AgwConfig(mid, h248, realms, certificate, tls, limits, metrics, profile, bearer);
    }

    // ---------------------------------------------------------------- YAML

    /** Reads a YAML file; unknown keys are errors (a typo should not pass silently). */
    public static AgwConfig load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Parses YAML text. An empty document is {@link #defaults()}. */
    public static AgwConfig parse(String yaml) throws IOException {
        if (yaml.isBlank()) {
            return defaults();
        }
        try {
            AgwConfig c = MAPPER.readValue(yaml, AgwConfig.class);
            return c == null ? defaults() : c;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(iae.getMessage(), e);
            }
            throw e;
        }
    }

    /** The commented default file ({@code mediasec agw --print-default-config}); it parses to {@link #defaults()}. */
    public static String defaultYaml() {
        try (InputStream in = AgwConfig.class.getResourceAsStream("agw-default.yaml")) {
            if (in == null) {
                throw new IllegalStateException("agw-default.yaml missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .registerModule(new SimpleModule("agw-durations").addDeserializer(Duration.class, new DurationReader()));

    /** {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT10S}. */
    static Duration parseDuration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1).strip());
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("duration: \"" + text + "\" (expected e.g. 10s, 500ms, 2m, PT10S)");
        }
    }

    private static final class DurationReader extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parseDuration(p.getValueAsString());
        }
    }

    // ---------------------------------------------------------------- helpers

    static MId parseMid(String mid) {
        String s = mid.strip();
        Integer port = null;
        int close = Math.max(s.lastIndexOf(']'), s.lastIndexOf('>'));
        int colon = s.lastIndexOf(':');
        if (colon > close && close > 0) {
            port = Integer.valueOf(s.substring(colon + 1));
            s = s.substring(0, colon);
        }
        try {
            if (s.startsWith("[") && s.endsWith("]")) {
                String a = s.substring(1, s.length() - 1);
                return a.contains(":") ? new MId.Ip6(a, port) : new MId.Ip4(a, port);
            }
            if (s.startsWith("<") && s.endsWith(">")) {
                return new MId.Domain(s.substring(1, s.length() - 1), port);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("mid: \"" + mid + "\": " + e.getMessage());
        }
        throw new IllegalArgumentException("mid: \"" + mid + "\" (expected [ip]:port or <domain>:port)");
    }

    private static String or(String v, String d) {
        return v == null || v.isBlank() ? d : v.strip();
    }

    private static void port(String key, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(key + ": " + port + " (expected: " + (zeroAllowed ? 0 : 1) + "..65535)");
        }
    }

    private static Duration positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + ": " + d + " (expected: positive)");
        }
        return d;
    }
}
