package org.mediasec.pcscf.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mediasec.common.Checks;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;

/**
 * The P-CSCF / IMS-ALG's configuration: one YAML file ({@code mediasec pcscf --config pcscf.yaml}) read
 * into these records. Every key is optional; a missing key takes the default of {@link #defaults()},
 * written out with comments by {@link #defaultYaml()} ({@code mediasec pcscf --print-default-config}).
 * Keys are kebab-case; durations are written {@code 10s}, {@code 500ms}, {@code 2m} or ISO-8601.
 *
 * @param sip      where the P-CSCF listens for SIP (UEs and the core alike) and the names it answers to
 * @param core     the next hop toward the core (registrar / S-CSCF)
 * @param h248     the MGC role: where the IMS-AGWs register, and which ones are accepted
 * @param mediasec the media-plane security mechanisms offered to UEs in Security-Server
 * @param timeouts how long to wait for the IMS-AGW and for a ringing branch
 * @param limits   how much state the P-CSCF keeps at most
 */
public record PcscfConfig(Sip sip, Core core, H248 h248, MediaSec mediasec, Timeouts timeouts, Limits limits) {

    /**
     * @param maxSessions        sessions the IMS-ALG holds at once (each side of a call that spirals through this
     *                           P-CSCF counts); a new INVITE beyond it is answered 503
     * @param maxSessionDuration how long an established session may last at most: then its contexts are released and
     *                           it is ended with a BYE both ways (a bound for sessions whose BYE never comes, on top
     *                           of the RFC 4028 session interval when the UAs negotiated one)
     */
    public record Limits(@JsonProperty("max-sessions") Integer maxSessions,
                         @JsonProperty("max-session-duration") Duration maxSessionDuration) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Limits {
            maxSessions = maxSessions == null ? 10_000 : maxSessions;
            Checks.inRange(maxSessions, 1, Integer.MAX_VALUE, "limits.max-sessions");
            maxSessionDuration = maxSessionDuration == null ? Duration.ofHours(24) : maxSessionDuration;
            if (maxSessionDuration.isNegative() || maxSessionDuration.isZero()) {
                throw new IllegalArgumentException("limits.max-session-duration: " + maxSessionDuration + " (expected: > 0)");
            }
        }

        /** Only the session count; the duration takes its default. */
        public Limits(Integer maxSessions) {
            this(maxSessions, null);
        }
    }

    /**
     * @param host       address to listen on; also the sent-by of our Via and the host of our Path and Record-Route
     * @param port       SIP port for every transport (0: a free one, for tests; not with tls)
     * @param transports {@code udp}, {@code tcp}, {@code tls} (tcp and tls exclude each other: SIP over TLS listens on
     *                   {@code port} over TCP, and the P-CSCF's Via, Path and Record-Route carry one port)
     * @param domain     the home domain (a Request-URI for it from a UE goes to the core)
     * @param aliases    other names of this P-CSCF (a Route or Request-URI with one of them is ours)
     * @param tls        the certificate and trust of SIP over TLS (used when {@code transports} lists tls)
     */
    public record Sip(String host, Integer port, List<String> transports, String domain, List<String> aliases, Tls tls) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Sip {
            host = or(host, "127.0.0.1");
            port = port == null ? 5062 : port;
            Checks.inRange(port, 0, 65535, "sip.port");
            transports = transports == null || transports.isEmpty() ? List.of("udp", "tcp")
                    : transports.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            for (String t : transports) {
                if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
                    throw new IllegalArgumentException("sip.transports: " + t + " (expected: udp, tcp, tls)");
                }
            }
            if (transports.contains("tls") && transports.contains("tcp")) {
                throw new IllegalArgumentException("sip.transports: tcp and tls together (SIP over TLS listens on sip.port "
                        + "over TCP, and the P-CSCF's Via, Path and Record-Route carry one port): list one of them");
            }
            if (transports.contains("tls") && port == 0) {
                throw new IllegalArgumentException("sip.port: 0 with tls (TLS listens on the same port number; give one)");
            }
            domain = or(domain, "ims.example.net").toLowerCase(Locale.ROOT);
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            tls = tls == null ? new Tls(null, null, null, null, null) : tls;
        }

        public Sip(String host, Integer port, List<String> transports, String domain, List<String> aliases) {
            this(host, port, transports, domain, aliases, null);
        }

        public Set<SipTransport> sipTransports() {
            Set<SipTransport> out = EnumSet.noneOf(SipTransport.class);
            for (String t : transports) {
                out.add(SipTransport.ofToken(t));
            }
            return out;
        }

        public Sip withPort(int newPort) {
            return new Sip(host, newPort, transports, domain, aliases, tls);
        }

        public Sip withHost(String newHost) {
            return new Sip(newHost, port, transports, domain, aliases, tls);
        }

        public Sip withDomain(String newDomain) {
            return new Sip(host, port, transports, newDomain, aliases, tls);
        }

        public Sip withTransports(List<String> newTransports) {
            return new Sip(host, port, newTransports, domain, aliases, tls);
        }

        public Sip withTls(Tls newTls) {
            return new Sip(host, port, transports, domain, aliases, newTls);
        }
    }

    /**
     * SIP over TLS toward the UEs (the Gm hop, which the IMS model assumes protected).
     *
     * @param certFile            PEM certificate of the P-CSCF; with {@code keyFile}; both null: a self-signed one is
     *                            generated at start (its fingerprint is logged, for the UEs to pin)
     * @param keyFile             PEM private key of {@code certFile}
     * @param clientAuth          {@code none} (server-authenticated TLS, RFC 3261 §26.3.2.1: the UE is authenticated by
     *                            its registration), {@code optional} (a UE presenting a certificate must be trusted)
     *                            or {@code required}
     * @param trustedFingerprints the certificates accepted from connecting peers ({@code sha-256 AB:CD:...}); a peer
     *                            that presents one not listed is refused (never accept any certificate)
     * @param handshakeTimeout    bound on a TLS handshake
     */
    public record Tls(@JsonProperty("cert-file") String certFile, @JsonProperty("key-file") String keyFile,
                      @JsonProperty("client-auth") String clientAuth,
                      @JsonProperty("trusted-fingerprints") List<String> trustedFingerprints,
                      @JsonProperty("handshake-timeout") Duration handshakeTimeout) {
        public Tls {
            if ((certFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("sip.tls: cert-file and key-file go together");
            }
            clientAuth = or(clientAuth, "none").toLowerCase(Locale.ROOT);
            if (!clientAuth.equals("none") && !clientAuth.equals("optional") && !clientAuth.equals("required")) {
                throw new IllegalArgumentException("sip.tls.client-auth: " + clientAuth + " (expected: none, optional, required)");
            }
            trustedFingerprints = trustedFingerprints == null ? List.of() : List.copyOf(trustedFingerprints);
            for (String f : trustedFingerprints) {
                try {
                    org.mediasec.common.CertificateFingerprint.parse(f);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("sip.tls.trusted-fingerprints: \"" + f + "\" (expected e.g. sha-256 AB:CD:...)");
                }
            }
            handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(5) : handshakeTimeout;
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("sip.tls.handshake-timeout: " + handshakeTimeout + " (expected: > 0)");
            }
        }

        public List<org.mediasec.common.CertificateFingerprint> fingerprints() {
            return trustedFingerprints.stream().map(org.mediasec.common.CertificateFingerprint::parse).toList();
        }
    }

    /**
     * @param uri the core's SIP URI, used as the preloaded Route of REGISTER and of UE-originated initial
     *            requests (RFC 3261 §16.6 step 6), with {@code ;lr}; {@code ;transport=tcp} selects TCP
     */
    public record Core(String uri) {
        public Core {
            uri = or(uri, "sip:127.0.0.1:5060;lr");
            if (!uri.regionMatches(true, 0, "sip:", 0, 4)) {
                throw new IllegalArgumentException("core.uri: \"" + uri + "\" (expected a sip: URI such as sip:127.0.0.1:5060;lr)");
            }
        }
    }

    /**
     * @param mid               our H.248 mId in every message header ({@code <domain>:port} or {@code [ip]:port})
     * @param address           where the MGC listens for the IMS-AGWs
     * @param port              H.248 port (0: a free one); H.248.1 Annex D: 2944 for text
     * @param transport         {@code udp} (Annex D.1) or {@code tcp} (Annex D.2, TPKT)
     * @param encoding          text style we write: {@code pretty} or {@code compact}
     * @param agws              the mIds of the IMS-AGWs accepted (as they write them, e.g. {@code [127.0.0.1]:2945});
     *                          empty: any AGW that registers
     * @param heartbeatInterval audit a silent AGW after this long (0s: off)
     */
    public record H248(String mid, String address, Integer port, String transport, String encoding, List<String> agws,
                       @JsonProperty("heartbeat-interval") Duration heartbeatInterval) {
        public H248 {
            mid = or(mid, "<pcscf.mediasec.invalid>");
            address = or(address, "127.0.0.1");
            port = port == null ? 2944 : port;
            Checks.inRange(port, 0, 65535, "h248.port");
            transport = or(transport, "udp").toLowerCase(Locale.ROOT);
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw new IllegalArgumentException("h248.transport: " + transport + " (expected: udp or tcp)");
            }
            encoding = or(encoding, "pretty").toLowerCase(Locale.ROOT);
            if (!encoding.equals("pretty") && !encoding.equals("compact")) {
                throw new IllegalArgumentException("h248.encoding: " + encoding + " (expected: pretty or compact)");
            }
            agws = agws == null ? List.of() : List.copyOf(agws);
            heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
            if (heartbeatInterval.isNegative()) {
                throw new IllegalArgumentException("h248.heartbeat-interval: " + heartbeatInterval + " (expected: >= 0)");
            }
        }

        public H248 withPort(int newPort) {
            return new H248(mid, address, newPort, transport, encoding, agws, heartbeatInterval);
        }

        public H248 withTransport(String newTransport) {
            return new H248(mid, address, port, newTransport, encoding, agws, heartbeatInterval);
        }
    }

    /**
     * @param mechanisms            the media-plane mechanisms this P-CSCF supports (TS 24.229 §7.2A.7 tokens),
     *                              sent to UEs in Security-Server; e2ae is applied to a stream only when the UE
     *                              registered the same one
     * @param requireSecurityVerify a request from a UE that was sent a media-plane Security-Server must echo it
     *                              in Security-Verify (RFC 3329 §2.3.1), else 494; false checks it only when present
     */
    public record MediaSec(List<String> mechanisms,
                           @JsonProperty("require-security-verify") Boolean requireSecurityVerify) {
        public MediaSec {
            mechanisms = mechanisms == null ? List.of("msrp-tls", "bfcp-tls", "udptl-dtls")
                    : mechanisms.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
            for (String m : mechanisms) {
                if (MediaSecMechanism.fromToken(m).isEmpty()) {
                    throw new IllegalArgumentException("mediasec.mechanisms: " + m
                            + " (expected: msrp-tls, bfcp-tls, udptl-dtls, sdes-srtp, dtls-srtp)");
                }
            }
            requireSecurityVerify = requireSecurityVerify == null || requireSecurityVerify;
        }

        public MediaSecCapabilities capabilities() {
            Set<MediaSecMechanism> set = new LinkedHashSet<>();
            for (String m : mechanisms) {
                set.add(MediaSecMechanism.fromToken(m).orElseThrow());
            }
            return MediaSecCapabilities.of(set.toArray(MediaSecMechanism[]::new));
        }

        public MediaSec withRequireSecurityVerify(boolean on) {
            return new MediaSec(mechanisms, on);
        }
    }

    /**
     * @param agwReply how long a command to the IMS-AGW may take before the session is refused (or, for a
     *                 release, given up on)
     * @param timerC   RFC 3261 §16.6 step 11 timer C of a proxied INVITE branch ("MUST be larger than 3 minutes")
     */
    public record Timeouts(@JsonProperty("agw-reply") Duration agwReply, @JsonProperty("timer-c") Duration timerC) {
        public Timeouts {
            agwReply = agwReply == null ? Duration.ofSeconds(5) : agwReply;
            if (agwReply.isNegative() || agwReply.isZero()) {
                throw new IllegalArgumentException("timeouts.agw-reply: " + agwReply + " (expected: > 0)");
            }
            timerC = timerC == null ? Duration.ofSeconds(181) : timerC;
            if (timerC.compareTo(Duration.ofMinutes(3)) <= 0) {
                throw new IllegalArgumentException("timeouts.timer-c: " + timerC
                        + " (expected: more than 3 minutes, RFC 3261 §16.6 step 11)");
            }
        }
    }

    public PcscfConfig {
        sip = sip == null ? new Sip(null, null, null, null, null, null) : sip;
        core = core == null ? new Core(null) : core;
        h248 = h248 == null ? new H248(null, null, null, null, null, null, null) : h248;
        mediasec = mediasec == null ? new MediaSec(null, null) : mediasec;
        timeouts = timeouts == null ? new Timeouts(null, null) : timeouts;
        limits = limits == null ? new Limits(null, null) : limits;
    }

    /** Every default: SIP 127.0.0.1:5062 udp+tcp, core sip:127.0.0.1:5060;lr, MGC 127.0.0.1:2944/udp, all mechanisms. */
    public static PcscfConfig defaults() {
        return new PcscfConfig(null, null, null, null, null, null);
    }

    public PcscfConfig withSip(Sip s) {
        return new PcscfConfig(s, core, h248, mediasec, timeouts, limits);
    }

    public PcscfConfig withCore(Core c) {
        return new PcscfConfig(sip, c, h248, mediasec, timeouts, limits);
    }

    public PcscfConfig withH248(H248 h) {
        return new PcscfConfig(sip, core, h, mediasec, timeouts, limits);
    }

    public PcscfConfig withMediaSec(MediaSec m) {
        return new PcscfConfig(sip, core, h248, m, timeouts, limits);
    }

    public PcscfConfig withLimits(Limits l) {
        return new PcscfConfig(sip, core, h248, mediasec, timeouts, l);
    }

    public PcscfConfig withTimeouts(Timeouts t) {
        return new PcscfConfig(sip, core, h248, mediasec, t, limits);
    }

    // ---------------------------------------------------------------- YAML

    /** Reads a YAML file; unknown keys are errors (a typo should not pass silently). */
    public static PcscfConfig load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses YAML text. An empty document is {@link #defaults()}. */
    public static PcscfConfig parse(String yaml) throws IOException {
        if (yaml.isBlank()) {
            return defaults();
        }
        try {
            PcscfConfig c = MAPPER.readValue(yaml, PcscfConfig.class);
            return c == null ? defaults() : c;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(iae.getMessage(), e);
            }
            throw e;
        }
    }

    /** The commented default file ({@code mediasec pcscf --print-default-config}); it parses to {@link #defaults()}. */
    public static String defaultYaml() {
        try (InputStream in = PcscfConfig.class.getResourceAsStream("pcscf-default.yaml")) {
            if (in == null) {
                throw new IllegalStateException("pcscf-default.yaml missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .registerModule(new SimpleModule("pcscf-durations").addDeserializer(Duration.class, new DurationReader()));

    /** {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT10S}. */
    static Duration parseDuration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
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

    private static String or(String v, String d) {
        return v == null || v.isBlank() ? d : v.strip();
    }
}
