package org.mediasec.msrp.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.sdp.FileRange;
import org.mediasec.sdp.FileSelector;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.offeranswer.ConnectionRoles;
import org.mediasec.sdp.offeranswer.SetupNegotiation;
import org.mediasec.sdp.offeranswer.Side;

/**
 * What a session needs from the offer/answer exchange: both {@code a=path}s, who opens the
 * connection, where to, and which certificate the peer must present.
 *
 * @param localPath          our {@code a=path} (last URI is ours)
 * @param remotePath         the peer's {@code a=path} (To-Path)
 * @param active             true when this side opens the TCP connection and is the TLS client
 * @param secure             TLS ({@code TCP/TLS/MSRP} or {@code msrps} URIs)
 * @param connectTo          where the active side connects (unresolved); see {@link #fromSdp}
 * @param remoteFingerprints the peer's {@code a=fingerprint}s (pins); empty for plain TCP
 * @param cema               both sides signalled {@code a=msrp-cema}
 * @param fileSelector       the {@code a=file-selector} of the m-line (ours if present, else the peer's)
 * @param fileRange          the {@code a=file-range} of the m-line (ours if present, else the peer's)
 * @param acceptTypes        our {@code a=accept-types} ({@code *} when absent)
 * @param localMaxSize       our {@code a=max-size}: the largest message we accept
 * @param remoteMaxSize      the peer's {@code a=max-size}: the largest message we may send
 */
public record MsrpSessionSpec(List<MsrpUri> localPath, List<MsrpUri> remotePath, boolean active, boolean secure,
                              InetSocketAddress connectTo, List<CertificateFingerprint> remoteFingerprints, boolean cema,
                              Optional<FileSelector> fileSelector, Optional<FileRange> fileRange,
                              List<String> acceptTypes, Optional<Long> localMaxSize, Optional<Long> remoteMaxSize) {
    public MsrpSessionSpec {
        localPath = List.copyOf(localPath);
        remotePath = List.copyOf(remotePath);
        if (localPath.isEmpty() || remotePath.isEmpty()) {
            throw new IllegalArgumentException("localPath and remotePath: must not be empty");
        }
        Objects.requireNonNull(connectTo, "connectTo");
        remoteFingerprints = List.copyOf(remoteFingerprints);
        Objects.requireNonNull(fileSelector, "fileSelector");
        Objects.requireNonNull(fileRange, "fileRange");
        acceptTypes = List.copyOf(acceptTypes);
        Objects.requireNonNull(localMaxSize, "localMaxSize");
        Objects.requireNonNull(remoteMaxSize, "remoteMaxSize");
    }

    public MsrpUri localUri() {
        return localPath.get(localPath.size() - 1);
    }

    /**
     * True when our {@code a=path} has more than our own URI: we sit behind an RFC 4976 relay and the
     * URIs before ours are its Use-Path, reversed (RFC 4976 §5.1). Such a session sends everything over
     * the connection on which the Use-Path was obtained (RFC 4976 §6.3: the relay routes to the URI only
     * "across the same connection over which the AUTH request was received"), whatever {@link #active()} says.
     */
    public boolean viaRelay() {
        return localPath.size() > 1;
    }

    /** The Use-Path of our relay in To-Path order (our {@code a=path} without our URI, reversed); empty without a relay. */
    public List<MsrpUri> usePath() {
        List<MsrpUri> out = new ArrayList<>(localPath.size() - 1);
        for (int i = localPath.size() - 2; i >= 0; i--) {
            out.add(localPath.get(i));
        }
        return List.copyOf(out);
    }

    /**
     * Derives the spec from our SDP and the peer's.
     *
     * <ul>
     *   <li>Roles: RFC 6135 §4.2.1 "An MSRP UA uses the SDP a=setup attribute [RFC4145] in order to
     *       negotiate which endpoint will create the MSRP transport connection towards the other UA"
     *       ({@link SetupNegotiation#roles}); without {@code a=setup} the offerer is active (RFC 4975
     *       §5.4: "the initiating endpoint MUST act as the "active" endpoint"); holdconn is ignored.
     *       The TCP-active side is the TLS client (RFC 4572 §6.2).</li>
     *   <li>Target: with {@code a=msrp-cema} in both SDPs, RFC 6714 §4.2: "where the MSRP offerer
     *       becomes "active", it MUST use the SDP c/m-line for establishing the MSRP TCP connection"
     *       (§4.3 likewise for the answerer), while {@code a=path} stays the session identity;
     *       otherwise to the host and port of the first URI of the peer's {@code a=path} (RFC 4975 §5.4:
     *       "to the host specified in the URI").</li>
     * </ul>
     *
     * @throws IllegalArgumentException when an SDP lacks {@code a=path}, the setup values do not fit,
     *                                  or a TLS m-line has no fingerprint
     */
    public static MsrpSessionSpec fromSdp(SessionDescription local, int localIndex, SessionDescription remote,
                                          int remoteIndex, boolean localIsOfferer) {
        MediaDescription lm = local.media().get(localIndex);
        MediaDescription rm = remote.media().get(remoteIndex);
        List<MsrpUri> localPath = path(lm, "local");
        List<MsrpUri> remotePath = path(rm, "remote");
        // RFC 6135 §4.2.1: "If an MSRP UA receives the "holdconn" attribute value, it MUST ignore it and
        // process the message as if it did not contain an a=setup attribute."
        Optional<Setup> localSetup = local.get(lm, SdpAttributes.SETUP).filter(s -> s != Setup.HOLDCONN);
        Optional<Setup> remoteSetup = remote.get(rm, SdpAttributes.SETUP).filter(s -> s != Setup.HOLDCONN);
        ConnectionRoles roles = localIsOfferer ? SetupNegotiation.roles(localSetup, remoteSetup)
                : SetupNegotiation.roles(remoteSetup, localSetup);
        boolean active = roles.isClient(localIsOfferer ? Side.OFFERER : Side.ANSWERER);
        boolean secure = rm.proto().equals(Proto.TCP_TLS_MSRP) || remotePath.get(remotePath.size() - 1).secure();
        List<CertificateFingerprint> pins = remote.getAll(rm, SdpAttributes.FINGERPRINT);
        if (secure && pins.isEmpty()) {
            throw new IllegalArgumentException("remote m-line " + remoteIndex + ": TLS without a=fingerprint");
        }
        boolean cema = lm.has(SdpAttributes.MSRP_CEMA) && rm.has(SdpAttributes.MSRP_CEMA);
        InetSocketAddress target;
        if (cema) {
            String host = remote.connectionFor(rm).orElseThrow(() ->
                    new IllegalArgumentException("remote m-line " + remoteIndex + ": a=msrp-cema without c=")).host();
            target = InetSocketAddress.createUnresolved(host, rm.port());
        } else {
            MsrpUri next = remotePath.get(0);
            String host = next.host().startsWith("[") ? next.host().substring(1, next.host().length() - 1) : next.host();
            target = InetSocketAddress.createUnresolved(host, next.effectivePort());
        }
        Optional<FileSelector> selector = lm.get(SdpAttributes.FILE_SELECTOR).or(() -> rm.get(SdpAttributes.FILE_SELECTOR));
        Optional<FileRange> range = lm.get(SdpAttributes.FILE_RANGE).or(() -> rm.get(SdpAttributes.FILE_RANGE));
        List<String> accept = lm.get(SdpAttributes.ACCEPT_TYPES).orElse(List.of("*"));
        return new MsrpSessionSpec(localPath, remotePath, active, secure, target, pins, cema, selector, range, accept,
                lm.get(SdpAttributes.MAX_SIZE), rm.get(SdpAttributes.MAX_SIZE));
    }

    private static List<MsrpUri> path(MediaDescription m, String which) {
        List<String> uris = m.get(SdpAttributes.PATH).orElseThrow(() ->
                new IllegalArgumentException(which + " m-line has no a=path (RFC 4975 §8.2)"));
        List<MsrpUri> out = new ArrayList<>(uris.size());
        for (String u : uris) {
            out.add(MsrpUri.parse(u));
        }
        return out;
    }
}
