package org.mediasec.h248.iq;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.RequestedEvent;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.StreamParms;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/**
 * The MG side: reads an Add or Modify of the Iq/Mp/Ix profile back into an {@link IqTermination}.
 * Every violation is an {@link IqException} whose code the MG answers with
 * ({@link IqException#commandReply}):
 * <table>
 *   <caption>errors</caption>
 *   <tr><td>441 Missing Remote or Local Descriptor</td><td>no Media descriptor or no Local SDP where a termination is read</td></tr>
 *   <tr><td>449 Unsupported or Unknown Parameter or Property Value</td><td>transport protocol outside the profile,
 *       {@code a=setup:actpass/holdconn} in Local, a fingerprint value (not {@code $}) in Local, {@code $} in Remote,
 *       a PSK that is not hex; the value is in the error text (TS 29.334 §5.17.1)</td></tr>
 *   <tr><td>472 Required Information Missing</td><td>no {@code m=} or {@code c=}; no {@code a=setup} on a TCP
 *       proto; a PSK without its identity</td></tr>
 *   <tr><td>473 Conflicting Property Values</td><td>Local and Remote protos differ; the same {@code a=setup}
 *       ({@code active} or {@code passive}) in Local and Remote; TLS information on a plain proto; a PSK
 *       together with a fingerprint request, or on a plain proto</td></tr>
 *   <tr><td>474 Invalid SDP Syntax</td><td>the SDP does not parse; a malformed {@code a=fingerprint},
 *       {@code a=setup} or {@code a=tls-id}; an attribute that may appear once appears twice</td></tr>
 *   <tr><td>501 Not Implemented</td><td>more than one stream or {@code m=} line</td></tr>
 * </table>
 */
public final class IqRequests {
    /** Reader without a PSK coding. */
    public static final IqRequests DEFAULT = new IqRequests(IqProfile.DEFAULT);

    private final IqProfile profile;

    public IqRequests(IqProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * The termination an Add (or a Modify that carries a Local descriptor) describes.
     *
     * @throws IqException with the code to answer (see the class comment)
     */
    public IqTermination termination(CommandRequest c) {
        StreamParms p = stream(c);
        IqSdp.Parsed local = p == null ? null : IqSdp.parse(p.local(), "Local");
        if (local == null) {
            throw new IqException(ErrorCode.MISSING_REMOTE_OR_LOCAL_DESCRIPTOR, "Local descriptor with SDP expected");
        }
        IqSdp.Parsed remote = IqSdp.parse(p.remote(), "Remote");
        MediaDescription m = local.m();
        Proto proto = m.proto();
        if (remote != null && !remote.m().proto().is(proto)) {
            throw new IqException(ErrorCode.CONFLICTING_PROPERTY_VALUES, "transport protocol: Local " + proto
                    + ", Remote " + remote.m().proto());
        }
        boolean tls = Rules.in(IqTermination.TLS_PROTOS, proto);
        if (!tls && !Rules.in(IqTermination.PLAIN_PROTOS, proto)) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "transport protocol " + proto
                    + " not supported");
        }
        if (m.port() == MediaDescription.PORT_WILDCARD || local.c().address().equals("-")) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "Local: wildcard - (expected $ or a value)");
        }
        MediaEndpoint endpoint = new MediaEndpoint(local.c(), m.port());
        Setup setup = local.one(SdpAttributes.SETUP);
        String setupProblem = Rules.setupProblem(proto, setup);
        if (setupProblem != null) {
            throw new IqException(setup == null ? ErrorCode.REQUIRED_INFORMATION_MISSING
                    : ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, setupProblem);
        }
        boolean requestFingerprint = localFingerprintRequest(local);
        TlsId localTlsId = local.one(SdpAttributes.TLS_ID);
        List<String> localPath = msrpPath(local);
        RemoteMedia rm = remote == null ? null : remoteMedia(remote);
        StreamMode mode = p.localControl() == null ? null : p.localControl().mode();
        TlsPsk psk = psk(p.localControl());
        IqEvents events = events(c).orElse(null);
        String conflict = Rules.setupConflict(setup, rm);
        if (conflict != null) {
            throw new IqException(ErrorCode.CONFLICTING_PROPERTY_VALUES, conflict);
        }
        try {
            if (tls) {
                if (psk != null && requestFingerprint) {
                    throw new IqException(ErrorCode.CONFLICTING_PROPERTY_VALUES,
                            "a TLS-PSK and a=fingerprint:$ on the same termination");
                }
                return new TlsTermination(m.media(), proto, m.formats(), endpoint, setup, requestFingerprint,
                        localTlsId, rm, mode, psk, events, localPath);
            }
            if (requestFingerprint || localTlsId != null || (rm != null && rm.hasTlsInformation()) || psk != null) {
                throw new IqException(ErrorCode.CONFLICTING_PROPERTY_VALUES, "TLS information (a=fingerprint, "
                        + "a=tls-id or a PSK) on a plain " + proto + " termination");
            }
            return new PlainTermination(m.media(), proto, m.formats(), endpoint, setup, rm, mode, events, localPath);
        } catch (IllegalArgumentException e) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, e.getMessage());
        }
    }

    /** True when the command carries a Local descriptor with SDP (else {@link #termination} fails with 441). */
    public boolean hasLocal(CommandRequest c) {
        StreamParms p = stream(c);
        return p != null && p.local() != null && !p.local().text().isEmpty();
    }

    /** The Remote descriptor alone (a Modify after the peer's answer), empty when absent. */
    public Optional<RemoteMedia> remote(CommandRequest c) {
        StreamParms p = stream(c);
        IqSdp.Parsed remote = p == null ? null : IqSdp.parse(p.remote(), "Remote");
        return remote == null ? Optional.empty() : Optional.of(remoteMedia(remote));
    }

    /** The LocalControl Mode, empty when absent. */
    public Optional<StreamMode> mode(CommandRequest c) {
        StreamParms p = stream(c);
        return p == null || p.localControl() == null ? Optional.empty() : Optional.ofNullable(p.localControl().mode());
    }

    /** The requested failure events ({@code g/cause} with its RequestID), empty when not requested. */
    public Optional<IqEvents> events(CommandRequest c) {
        EventsDescriptor e = c.descriptor(EventsDescriptor.class);
        if (e == null || e.requestId() == null) {
            return Optional.empty();
        }
        boolean failure = false;
        boolean heartbeat = false;
        for (RequestedEvent r : e.events()) {
            failure |= r.name().equalsIgnoreCase(IqEvents.FAILURE_EVENT);
            heartbeat |= r.name().equalsIgnoreCase(IqEvents.HEARTBEAT_EVENT);
        }
        return failure ? Optional.of(new IqEvents(e.requestId(), heartbeat)) : Optional.empty();
    }

    /** The parameters of the one stream, or null when there is no Media descriptor; 501 for several streams. */
    static StreamParms stream(List<? extends org.mediasec.h248.Descriptor> ds) {
        MediaDescriptor media = null;
        for (var d : ds) {
            if (d instanceof MediaDescriptor md) {
                media = md;
                break;
            }
        }
        if (media == null) {
            return null;
        }
        if (media.streams().size() > 1) {
            throw new IqException(ErrorCode.NOT_IMPLEMENTED, media.streams().size()
                    + " streams (one stream per termination)");
        }
        return media.streams().isEmpty() ? media.defaultStream() : media.streams().get(0).parms();
    }

    private static StreamParms stream(CommandRequest c) {
        return stream(c.descriptors());
    }

    private static boolean localFingerprintRequest(IqSdp.Parsed local) {
        var lines = local.attributes(SdpAttributes.FINGERPRINT.name());
        for (var a : lines) {
            if (!IqSdp.CHOOSE.equals(a.value())) {
                throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "Local: a=fingerprint:" + a.value()
                        + " (only $ asks for the MG's fingerprint; the MG owns its certificate)");
            }
        }
        return !lines.isEmpty();
    }

    static RemoteMedia remoteMedia(IqSdp.Parsed remote) {
        if (remote.c().isChoose() || remote.c().address().equals("-") || remote.m().port() < 0) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "Remote: " + remote.c().address() + " "
                    + remote.m().portText() + " ($ and - are for the Local descriptor)");
        }
        if (remote.hasChoose(SdpAttributes.FINGERPRINT.name())) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE,
                    "Remote: a=fingerprint:$ (the peer's fingerprint is a value)");
        }
        Setup setup = remote.one(SdpAttributes.SETUP);
        List<CertificateFingerprint> fps = remote.all(SdpAttributes.FINGERPRINT);
        TlsId tlsId = remote.one(SdpAttributes.TLS_ID);
        try {
            return new RemoteMedia(new MediaEndpoint(remote.c(), remote.m().port()), setup, fps, tlsId, msrpPath(remote));
        } catch (IllegalArgumentException e) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "Remote: " + e.getMessage());
        }
    }

    /**
     * The {@code a=path} of an MSRP descriptor on an application-aware proto (iq-profile.md row 26), empty
     * elsewhere: on other protos the line is passed by, for the MG to judge. Malformed or repeated: 474.
     */
    private static List<String> msrpPath(IqSdp.Parsed d) {
        if (!Rules.msrpAware(d.m().media(), d.m().proto()) || d.hasChoose(SdpAttributes.PATH.name())) {
            return List.of();    // a=path:$ is the MG's to refuse (449, row 26)
        }
        List<String> path = d.one(SdpAttributes.PATH);
        return path == null ? List.of() : path;
    }

    private TlsPsk psk(LocalControlDescriptor lc) {
        if (lc == null || !profile.supportsPsk()) {
            return null;
        }
        String key = property(lc, profile.pskKeyProperty());
        String identity = property(lc, profile.pskIdentityProperty());
        if (key == null && identity == null) {
            return null;
        }
        if (key == null || identity == null) {
            throw new IqException(ErrorCode.REQUIRED_INFORMATION_MISSING, "LocalControl: " + profile.pskKeyProperty()
                    + " and " + profile.pskIdentityProperty() + " go together");
        }
        try {
            return new TlsPsk(Bytes.fromHex(key), Bytes.fromHex(identity));
        } catch (IllegalArgumentException e) {
            // never echo the key in the error text
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "LocalControl: PSK or PSK identity"
                    + " is not an even number of hex digits");
        }
    }

    private static String property(LocalControlDescriptor lc, String name) {
        for (PropertyParm pp : lc.properties()) {
            if (pp.name().equalsIgnoreCase(name) && pp.value() instanceof PropertyParm.Value.Relation r
                    && r.op() == PropertyParm.Relation.EQUAL) {
                return r.value();
            }
        }
        return null;
    }
}
