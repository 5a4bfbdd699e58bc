package org.mediasec.ue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecMechanism;

/**
 * Configuration of {@code mediasec ue}, an IMS user agent. A record with a YAML shape (one key per
 * component, see {@code ue-default.yaml}); {@link #defaults(String)} gives every value:
 * <pre>
 * user: alice                    # user part of the AOR sip:user@domain
 * domain: ims.example.net        # home domain
 * sipHost: 127.0.0.1             # address the SIP stack listens on (and puts in Via and Contact)
 * sipPort: 0                     # SIP port; 0 picks a free one
 * sipTransport: UDP              # UDP, TCP or TLS toward the outbound proxy
 * outboundProxy: 127.0.0.1:5060  # host:port of the P-CSCF (or of the core, without a P-CSCF)
 * msrpHost: 127.0.0.1            # address the MSRP/TLS listener binds, written in c= and a=path
 * msrpPort: 0                    # MSRP port; 0 picks a free one
 * mediaSecMechanisms: [msrp-tls, bfcp-tls, udptl-dtls]   # Security-Client entries with ;mediasec
 * securityMode: e2ae             # default for calls: e2ae or e2e
 * autoAnswer: true               # answer incoming calls at once
 * certificateFile: null          # PEM certificate; null: a self-signed one is generated at start
 * privateKeyFile: null           # PEM private key of certificateFile
 * keyLogFile: null               # NSS key log (SSLKEYLOGFILE format) for tshark; null: none
 * downloadDirectory: downloads   # where received files are saved
 * registerExpires: 600           # seconds asked for in REGISTER; refreshed at half the granted time
 * callTimeout: 30                # seconds from INVITE to a connected MSRP session (and for an answer)
 * tlsHandshakeTimeout: 10        # seconds
 * maxFileSize: 1073741824        # largest message accepted (a=max-size), octets
 * password: null                 # digest password (RFC 3261 §22) when the registrar challenges; null: none
 * outboundProxyFingerprints: []  # with sipTransport TLS: the outbound proxy's certificate pins ("sha-256 AB:...")
 * </pre>
 *
 * @param user                user part of the AOR
 * @param domain              home domain
 * @param sipHost             SIP listen address
 * @param sipPort             SIP listen port (0: free port)
 * @param sipTransport        transport toward the outbound proxy
 * @param outboundProxy       {@code host:port} of the first hop
 * @param msrpHost            MSRP listen address, advertised in SDP
 * @param msrpPort            MSRP listen port (0: free port)
 * @param mediaSecMechanisms  media-plane mechanisms offered in Security-Client (TS 24.229 §7.2A.7)
 * @param securityMode        default security mode of outgoing calls
 * @param autoAnswer          answer incoming calls without asking
 * @param certificateFile     PEM certificate, or null to generate one
 * @param privateKeyFile      PEM key for {@code certificateFile}, or null
 * @param keyLogFile          key log file, or null
 * @param downloadDirectory   where received files go
 * @param registerExpires     registration interval asked for, seconds
 * @param callTimeout         call setup bound, seconds
 * @param tlsHandshakeTimeout TLS handshake bound, seconds
 * @param maxFileSize         largest incoming message, octets
 * @param password            digest password for a 401/407 to REGISTER (user name: {@code user}), or null
 * @param outboundProxyFingerprints with {@code sipTransport} TLS: the certificates accepted from the outbound proxy
 *                            (and from whoever connects to this UE's SIP over TLS listener), as fingerprints
 */
public record UeConfig(String user, String domain, String sipHost, int sipPort, SipTransport sipTransport,
                       String outboundProxy, String msrpHost, int msrpPort, List<String> mediaSecMechanisms,
                       SecurityMode securityMode, boolean autoAnswer, String certificateFile, String privateKeyFile,
                       String keyLogFile, String downloadDirectory, int registerExpires, int callTimeout,
                       int tlsHandshakeTimeout, long maxFileSize, String password,
                       List<String> outboundProxyFingerprints) {

    /** The three mechanisms of the issue: {@code msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec}. */
    public static final List<String> DEFAULT_MECHANISMS = List.of("msrp-tls", "bfcp-tls", "udptl-dtls");

    public UeConfig {
        Checks.token(user, "user");
        Checks.notEmpty(domain, "domain");
        domain = domain.toLowerCase(Locale.ROOT);
        Checks.notEmpty(sipHost, "sipHost");
        Checks.inRange(sipPort, 0, 65535, "sipPort");
        Checks.notNull(sipTransport, "sipTransport");
        Checks.notEmpty(outboundProxy, "outboundProxy");
        hostPort(outboundProxy);
        Checks.notEmpty(msrpHost, "msrpHost");
        Checks.inRange(msrpPort, 0, 65535, "msrpPort");
        mediaSecMechanisms = List.copyOf(Checks.notNull(mediaSecMechanisms, "mediaSecMechanisms"));
        for (String m : mediaSecMechanisms) {
            SecMechanism.mediaPlane(m); // validates the token
        }
        Checks.notNull(securityMode, "securityMode");
        if ((certificateFile == null) != (privateKeyFile == null)) {
            throw new IllegalArgumentException("certificateFile and privateKeyFile: give both or neither");
        }
        Checks.notEmpty(downloadDirectory, "downloadDirectory");
        Checks.inRange(registerExpires, 1, Integer.MAX_VALUE, "registerExpires");
        Checks.inRange(callTimeout, 1, 3600, "callTimeout");
        Checks.inRange(tlsHandshakeTimeout, 1, 600, "tlsHandshakeTimeout");
        if (maxFileSize < 1) {
            throw new IllegalArgumentException("maxFileSize: " + maxFileSize + " (expected: >= 1)");
        }
        outboundProxyFingerprints = outboundProxyFingerprints == null ? List.of() : List.copyOf(outboundProxyFingerprints);
        for (String f : outboundProxyFingerprints) {
            try {
                CertificateFingerprint.parse(f);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("outboundProxyFingerprints: \"" + f + "\" (expected e.g. sha-256 AB:CD:...)");
            }
        }
        if (sipTransport == SipTransport.TLS && outboundProxyFingerprints.isEmpty()) {
            throw new IllegalArgumentException("outboundProxyFingerprints: none with sipTransport TLS (the outbound proxy's "
                    + "certificate must be pinned; no certificate is accepted blindly)");
        }
    }

    /** The configuration without pins for SIP over TLS (every other component as given). */
    public UeConfig(String user, String domain, String sipHost, int sipPort, SipTransport sipTransport,
                    String outboundProxy, String msrpHost, int msrpPort, List<String> mediaSecMechanisms,
                    SecurityMode securityMode, boolean autoAnswer, String certificateFile, String privateKeyFile,
                    String keyLogFile, String downloadDirectory, int registerExpires, int callTimeout,
                    int tlsHandshakeTimeout, long maxFileSize, String password) {
        this(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort, mediaSecMechanisms,
                securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile, downloadDirectory, registerExpires,
                callTimeout, tlsHandshakeTimeout, maxFileSize, password, List.of());
    }

    /** The pinned certificates of the outbound proxy, for SIP over TLS. */
    public List<CertificateFingerprint> outboundProxyPins() {
        return outboundProxyFingerprints.stream().map(CertificateFingerprint::parse).toList();
    }

    /** Every default, for {@code user}: the values of the class comment. */
    public static UeConfig defaults(String user) {
        return new UeConfig(user, "ims.example.net", "127.0.0.1", 0, SipTransport.UDP, "127.0.0.1:5060", "127.0.0.1", 0,
                DEFAULT_MECHANISMS, SecurityMode.E2AE, true, null, null, null, "downloads", 600, 30, 10, 1L << 30, null);
    }

    /** The configuration without a digest password (every other component as given). */
    public UeConfig(String user, String domain, String sipHost, int sipPort, SipTransport sipTransport,
                    String outboundProxy, String msrpHost, int msrpPort, List<String> mediaSecMechanisms,
                    SecurityMode securityMode, boolean autoAnswer, String certificateFile, String privateKeyFile,
                    String keyLogFile, String downloadDirectory, int registerExpires, int callTimeout,
                    int tlsHandshakeTimeout, long maxFileSize) {
        this(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort, mediaSecMechanisms,
                securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile, downloadDirectory, registerExpires,
                callTimeout, tlsHandshakeTimeout, maxFileSize, null);
    }

    /** {@code sip:user@domain}. */
    public String aor() {
        return "sip:" + user + "@" + domain;
    }

    /** The Security-Client media-plane entries. */
    public MediaSecCapabilities capabilities() {
        return MediaSecCapabilities.from(mediaSecMechanisms.stream().map(SecMechanism::mediaPlane).toList());
    }

    public Optional<Path> keyLog() {
        return Optional.ofNullable(keyLogFile).map(Path::of);
    }

    public Path downloads() {
        return Path.of(downloadDirectory);
    }

    public Duration callTimeoutDuration() {
        return Duration.ofSeconds(callTimeout);
    }

    /** Host and port of {@code host:port} (IPv6 in brackets). */
    static String[] hostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("outboundProxy: \"" + hostPort + "\" (expected: host:port)");
        }
        String host = hostPort.substring(0, colon);
        String port = hostPort.substring(colon + 1);
        try {
            Checks.inRange(Integer.parseInt(port), 1, 65535, "outboundProxy port");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("outboundProxy: \"" + hostPort + "\" (expected: host:port)", e);
        }
        return new String[] {host, port};
    }

    public UeConfig withUser(String newUser) {
        return new UeConfig(newUser, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withDomain(String newDomain) {
        return new UeConfig(user, newDomain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withOutboundProxy(String hostPort) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, hostPort, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withSipTransport(SipTransport transport) {
        return new UeConfig(user, domain, sipHost, sipPort, transport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withMediaSecMechanisms(List<String> mechanisms) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withSecurityMode(SecurityMode mode) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, mode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withAutoAnswer(boolean on) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, on, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withKeyLogFile(String file) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, file,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withCertificate(String certFile, String keyFile) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certFile, keyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withDownloadDirectory(String dir) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                dir, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withRegisterExpires(int seconds) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, seconds, callTimeout, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }

    public UeConfig withPassword(String newPassword) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, newPassword, outboundProxyFingerprints);
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "UeConfig[" + aor() + " via " + outboundProxy + ", " + sipTransport + ", MSRP " + msrpHost + ":" + msrpPort
                + ", " + securityMode + ", mechanisms " + mediaSecMechanisms + (password != null ? ", digest password set" : "") + "]";
    }

    /** SIP over TLS to the outbound proxy, whose certificate must have one of {@code pins}. */
    public UeConfig withSipTls(List<String> pins) {
        return new UeConfig(user, domain, sipHost, sipPort, SipTransport.TLS, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, callTimeout, tlsHandshakeTimeout, maxFileSize, password, pins);
    }

    public UeConfig withCallTimeout(int seconds) {
        return new UeConfig(user, domain, sipHost, sipPort, sipTransport, outboundProxy, msrpHost, msrpPort,
                mediaSecMechanisms, securityMode, autoAnswer, certificateFile, privateKeyFile, keyLogFile,
                downloadDirectory, registerExpires, seconds, tlsHandshakeTimeout, maxFileSize, password, outboundProxyFingerprints);
    }
}
