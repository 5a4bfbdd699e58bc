package org.mediasec.sip;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.mediasec.common.Checks;
import org.mediasec.sip.internal.SipTlsSuites;
import org.mediasec.sip.internal.Slf4jServerLogger;
import org.mediasec.sip.internal.Slf4jStackLogger;
import org.mediasec.tls.TlsVersion;

/**
 * How a {@link SipEndpoint} sets up its JAIN-SIP stack. Every JAIN-SIP property the project relies
 * on is set explicitly by {@link #toProperties()}, so nothing depends on the RI's defaults.
 *
 * @param stackName              the JAIN-SIP stack name; also prefixes the stack's UDP worker thread names
 * @param host                   the address to listen on, e.g. {@code 127.0.0.1}
 * @param port                   the port for every transport; 0 picks a free port that is free for UDP and TCP
 * @param transports             the transports to listen on (at least one)
 * @param threadPoolSize         UDP message-processing threads ({@code gov.nist.javax.sip.THREAD_POOL_SIZE})
 * @param automaticDialogSupport {@code javax.sip.AUTOMATIC_DIALOG_SUPPORT}: off for a proxy or registrar,
 *                               which must not create dialogs for the requests it handles
 * @param maxMessageSize         largest SIP message accepted over a stream transport, in bytes
 * @param tls                    how to speak TLS; required when {@code transports} has
 *                               {@link SipTransport#TLS} (which listens on {@link SipTlsConfig#port()}),
 *                               else {@code null}
 */
public record SipStackConfig(String stackName, String host, int port, Set<SipTransport> transports,
                             int threadPoolSize, boolean automaticDialogSupport, int maxMessageSize,
                             SipTlsConfig tls) {

    /**
     * One UDP worker unless configured otherwise: the stack then hands datagrams to the listener in the order
     * they arrived. With several workers the RI parses datagrams in parallel and delivers them in whatever order
     * the workers finish: a 200 overtook its 180 (which §16.7 step 5 then drops) and a BYE overtook its ACK in
     * our tests. The listener runs one event at a time anyway ({@code REENTRANT_LISTENER=false}).
     */
    public static final int DEFAULT_THREAD_POOL_SIZE = 1;
    /** 64 KiB: far above any SIP message of this project, low enough to bound a hostile TCP peer. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

    public SipStackConfig {
        Checks.token(stackName, "stackName");
        Checks.notEmpty(host, "host");
        Checks.inRange(port, 0, 65535, "port");
        Objects.requireNonNull(transports, "transports");
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports: empty (expected: at least one)");
        }
        transports = Collections.unmodifiableSet(EnumSet.copyOf(transports));
        Checks.inRange(threadPoolSize, 1, 256, "threadPoolSize");
        Checks.inRange(maxMessageSize, 1024, 16 * 1024 * 1024, "maxMessageSize");
        if (transports.contains(SipTransport.TLS) && tls == null) {
            throw new IllegalArgumentException("tls: missing (transports " + transports + " include TLS)");
        }
        if (tls != null && transports.contains(SipTransport.TLS) && transports.contains(SipTransport.TCP)
                && port != 0 && tls.port() == port) {
            throw new IllegalArgumentException("tls.port: " + tls.port() + " is also the TCP port (expected: a port of its own, e.g. "
                    + SipTlsConfig.DEFAULT_PORT + ")");
        }
    }

    /** A configuration without TLS (the form before TLS existed). */
    public SipStackConfig(String stackName, String host, int port, Set<SipTransport> transports,
                          int threadPoolSize, boolean automaticDialogSupport, int maxMessageSize) {
        this(stackName, host, port, transports, threadPoolSize, automaticDialogSupport, maxMessageSize, null);
    }

    /** UDP and TCP on 127.0.0.1, a free port, no automatic dialogs. */
    public static SipStackConfig loopback(String stackName) {
        return new SipStackConfig(stackName, "127.0.0.1", 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP),
                DEFAULT_THREAD_POOL_SIZE, false, DEFAULT_MAX_MESSAGE_SIZE);
    }

    public SipStackConfig withHost(String newHost) {
        return new SipStackConfig(stackName, newHost, port, transports, threadPoolSize, automaticDialogSupport, maxMessageSize, tls);
    }

    public SipStackConfig withPort(int newPort) {
        return new SipStackConfig(stackName, host, newPort, transports, threadPoolSize, automaticDialogSupport, maxMessageSize, tls);
    }

    public SipStackConfig withTransports(Set<SipTransport> newTransports) {
        return new SipStackConfig(stackName, host, port, newTransports, threadPoolSize, automaticDialogSupport, maxMessageSize, tls);
    }

    public SipStackConfig withThreadPoolSize(int newSize) {
        return new SipStackConfig(stackName, host, port, transports, newSize, automaticDialogSupport, maxMessageSize, tls);
    }

    public SipStackConfig withAutomaticDialogSupport(boolean on) {
        return new SipStackConfig(stackName, host, port, transports, threadPoolSize, on, maxMessageSize, tls);
    }

    public SipStackConfig withMaxMessageSize(int bytes) {
        return new SipStackConfig(stackName, host, port, transports, threadPoolSize, automaticDialogSupport, bytes, tls);
    }

    /** Sets the TLS configuration ({@code null} for none; then the transports must not include TLS). */
    public SipStackConfig withTls(SipTlsConfig newTls) {
        return new SipStackConfig(stackName, host, port, transports, threadPoolSize, automaticDialogSupport, maxMessageSize, newTls);
    }

    /** Adds TLS to the transports with this configuration. */
    public SipStackConfig withTlsTransport(SipTlsConfig newTls) {
        EnumSet<SipTransport> all = EnumSet.copyOf(transports);
        all.add(SipTransport.TLS);
        return new SipStackConfig(stackName, host, port, all, threadPoolSize, automaticDialogSupport, maxMessageSize,
                Checks.notNull(newTls, "tls"));
    }

    /**
     * The JAIN-SIP RI 1.3 properties for this configuration:
     * <ul>
     * <li>{@code javax.sip.STACK_NAME}: {@link #stackName}.</li>
     * <li>{@code javax.sip.AUTOMATIC_DIALOG_SUPPORT}: {@code on}/{@code off} from {@link #automaticDialogSupport}.</li>
     * <li>{@code gov.nist.javax.sip.THREAD_POOL_SIZE}: {@link #threadPoolSize}.</li>
     * <li>{@code gov.nist.javax.sip.REENTRANT_LISTENER=false}: the stack delivers events one at a time
     *     on its event thread, so a listener needs no locking of its own.</li>
     * <li>{@code gov.nist.javax.sip.MAX_MESSAGE_SIZE}: {@link #maxMessageSize}; a bigger TCP message
     *     closes the connection.</li>
     * <li>{@code gov.nist.javax.sip.STACK_LOGGER} and {@code SERVER_LOGGER}: {@link Slf4jStackLogger} and
     *     {@link Slf4jServerLogger}, so the stack's diagnostics and its message log go to SLF4J loggers
     *     ({@code org.mediasec.sip.jainsip}, {@code org.mediasec.sip.wire}) and levels are set in the
     *     logging configuration, not here. The RI's own TRACE_LEVEL and log file are unused.</li>
     * <li>{@code gov.nist.javax.sip.LOG_MESSAGE_CONTENT=false}: the RI does not copy message bodies
     *     into its log records; {@link Slf4jServerLogger} writes whole messages at TRACE itself.</li>
     * <li>With TLS ({@link #tls} set): {@code gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS} (used by the RI
     *     for both sides) from {@link SipTlsConfig#versions()}; {@code ENABLED_CIPHER_SUITES}: ECDHE with
     *     AEAD only (the RI's default list has RSA key exchange, 3DES and anonymous suites);
     *     {@code TLS_CLIENT_AUTH_TYPE} {@code Enabled} (required), {@code Want} (optional) or
     *     {@code Disabled} (none);
     *     {@code SSL_HANDSHAKE_TIMEOUT} from {@link SipTlsConfig#handshakeTimeout()} (the RI's watchdog
     *     closes a socket whose handshake is not done by then); {@code SSL_RENEGOTIATION_ENABLED=false}.
     *     The certificates and trust are not properties: {@link SipEndpoint} hands the stack a network
     *     layer built on a JSSE {@code SSLContext} of its own.</li>
     * </ul>
     */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", automaticDialogSupport ? "on" : "off");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(threadPoolSize));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(maxMessageSize));
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        if (tls != null) {
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS",
                    tls.versions().stream().map(TlsVersion::protocolName).collect(Collectors.joining(",")));
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", SipTlsSuites.SUITES));
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", switch (tls.clientAuth()) {
                case REQUIRED -> "Enabled";
                case OPTIONAL -> "Want";
                case NONE -> "Disabled";
            });
            p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", Long.toString(tls.handshakeTimeout().toMillis()));
            p.setProperty("gov.nist.javax.sip.SSL_RENEGOTIATION_ENABLED", "false");
        }
        return p;
    }
}
