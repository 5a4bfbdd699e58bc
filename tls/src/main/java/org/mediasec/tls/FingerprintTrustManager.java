package org.mediasec.tls;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts a peer certificate <b>if and only if</b> the fingerprint of its end-entity certificate
 * equals one of the pinned fingerprints, computed with the pin's own hash function. This is how
 * RFC 8122 §5 authenticates a TLS/DTLS peer from the {@code a=fingerprint} of its SDP: "the
 * certificate fingerprint MUST be the hash of the DER encoding of the end-entity certificate"
 * carried in the Certificate message, and the endpoint MUST fail the connection when no received
 * fingerprint matches.
 *
 * <p>No chain building, name check, or expiry check is done: the SDP, protected by the signalling
 * hop, is the trust anchor; proof of possession of the key is the TLS handshake's job
 * (CertificateVerify). Peers may therefore use self-signed certificates.
 *
 * <p>Fails closed: an empty pin set refuses every certificate; a peer that sends no certificate is
 * refused; pins whose hash function the JVM cannot compute are ignored, and if none is left every
 * certificate is refused. A refusal throws a {@link CertificateException} whose message names the
 * expected and the received fingerprints, tells the {@link PinningListener}, and logs one WARN line.
 *
 * <p>The same instance serves a client (it checks the server) and a server (it checks the client,
 * which must present a certificate: use {@code ClientAuth.REQUIRE}). Immutable and thread-safe.
 */
public final class FingerprintTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(FingerprintTrustManager.class);
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final List<CertificateFingerprint> pins;
    private final Set<String> hashFunctions;
    private final PinningListener listener;

    /**
     * @param pins     the fingerprints the peer may present (from its SDP); may be empty (refuse all)
     * @param listener told of every verdict; {@link PinningListener#NONE} for none
     */
    public FingerprintTrustManager(Collection<CertificateFingerprint> pins, PinningListener listener) {
        Checks.notNull(pins, "pins");
        this.pins = List.copyOf(new LinkedHashSet<>(pins));
        this.listener = Checks.notNull(listener, "listener");
        this.hashFunctions = this.pins.stream()
                .map(CertificateFingerprint::hashFunction)
                .filter(h -> CertificateFingerprint.jcaName(h).isPresent())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Pins the given fingerprints, with no listener. */
    public static FingerprintTrustManager of(CertificateFingerprint... pins) {
        return new FingerprintTrustManager(List.of(pins), PinningListener.NONE);
    }

    /** The pinned fingerprints, duplicates removed, in the order given. */
    public List<CertificateFingerprint> pins() {
        return pins;
    }

    /** A trust manager pinning the same fingerprints that reports to {@code listener}. */
    public FingerprintTrustManager withListener(PinningListener listener) {
        return new FingerprintTrustManager(pins, listener);
    }

    /**
     * Checks the peer's chain: the end-entity certificate ({@code chain[0]}) must match a pin.
     *
     * @param chain     the chain the peer sent, end-entity first
     * @param localRole our role (the peer has the other one), for the messages
     * @param peer      {@code host:port} of the peer for the messages, or {@code null}
     * @return the pin that matched
     * @throws CertificateException naming the expected and the received fingerprints
     */
    public CertificateFingerprint check(X509Certificate[] chain, TlsRole localRole, String peer)
            throws CertificateException {
        Checks.notNull(localRole, "localRole");
        String who = peer == null || peer.isEmpty() ? "?" : peer;
        if (chain == null || chain.length == 0 || chain[0] == null) {
            throw refuse(localRole, who, List.of(), "TLS " + localRole.peer() + " " + who
                    + " presented no certificate; expected fingerprint " + describe(pins));
        }
        byte[] der = LocalIdentity.der(chain[0]);
        List<CertificateFingerprint> received = new ArrayList<>(hashFunctions.size());
        for (String hash : hashFunctions) {
            received.add(CertificateFingerprint.of(hash, der));
        }
        for (CertificateFingerprint pin : pins) {
            if (received.contains(pin)) {
                LOG.debug("[tls] {} {} verified: certificate fingerprint {} matches", localRole.peer(), who, pin);
                try {
                    listener.verified(localRole, who, pin);
                } catch (RuntimeException e) {
                    LOG.warn("[tls] pinning listener failed in verified()", e);
                }
                return pin;
            }
        }
        String subject = chain[0].getSubjectX500Principal().getName();
        String reason;
        if (received.isEmpty()) {
            // no usable pin: still tell what the peer presented, in sha-256
            received.add(CertificateFingerprint.of(CertificateFingerprint.SHA_256, der));
        }
        if (pins.isEmpty()) {
            reason = "TLS " + localRole.peer() + " " + who + " certificate refused: no fingerprint is pinned "
                    + "(fail closed); received " + describe(received) + " for " + subject;
        } else if (hashFunctions.isEmpty()) {
            reason = "TLS " + localRole.peer() + " " + who + " certificate refused: no supported hash function "
                    + "among the expected fingerprints " + describe(pins) + "; received " + describe(received)
                    + " for " + subject;
        } else {
            reason = "TLS " + localRole.peer() + " " + who + " certificate fingerprint mismatch: expected "
                    + describe(pins) + ", received " + describe(received) + " for " + subject;
        }
        throw refuse(localRole, who, received, reason);
    }

    private CertificateException refuse(TlsRole localRole, String who, List<CertificateFingerprint> received,
                                        String reason) {
        LOG.warn("[tls] {}", reason);
        try {
            listener.refused(localRole, who, pins, List.copyOf(received), reason);
        } catch (RuntimeException e) {
            LOG.warn("[tls] pinning listener failed in refused()", e);
        }
        return new CertificateException(reason);
    }

    private static String describe(List<CertificateFingerprint> fps) {
        if (fps.isEmpty()) {
            return "(none)";
        }
        return fps.stream().map(CertificateFingerprint::toString).collect(Collectors.joining(" or "));
    }

    // --- X509ExtendedTrustManager: we are the server, checking a client ---

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, TlsRole.SERVER, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, TlsRole.SERVER, socket == null ? null : address(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, TlsRole.SERVER, peerOf(engine));
    }

    // --- we are the client, checking a server ---

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, TlsRole.CLIENT, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, TlsRole.CLIENT, socket == null ? null : address(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, TlsRole.CLIENT, peerOf(engine));
    }

    /** None: the certificate_authorities list of a CertificateRequest stays empty (any certificate may be sent). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }

    private static String peerOf(SSLEngine engine) {
        if (engine == null || engine.getPeerHost() == null) {
            return null;
        }
        return engine.getPeerPort() > 0 ? engine.getPeerHost() + ":" + engine.getPeerPort() : engine.getPeerHost();
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress isa) {
            return Optional.ofNullable(isa.getAddress()).map(x -> x.getHostAddress()).orElse(isa.getHostString())
                    + ":" + isa.getPort();
        }
        return a == null ? null : a.toString();
    }

    @Override
    public String toString() {
        return "FingerprintTrustManager" + pins;
    }
}
