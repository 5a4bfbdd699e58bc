package org.mediasec.h248.iq;

import java.util.List;
import java.util.Optional;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/**
 * Add/Modify replies: built by the MG ({@link #reply}), read by the MGC ({@link #local},
 * {@link #localFingerprint}, {@link #localEndpoint}, {@link #error}). The MGC reads the Local
 * descriptor only; an echoed Remote is ignored.
 */
public final class IqReplies {
    private IqReplies() {
    }

    /** {@code Add = <id> { Media { Stream = 1 { Local { ... } } } }} (or Modify). */
    public static CommandReply reply(CommandKind kind, TerminationId id, IqLocal local) {
        return reply(kind, id, local, null);
    }

    /**
     * The reply with the Remote descriptor echoed as well: H.248.1 §7.1.8 (RFC 3525): "when the MGC
     * included Local and Remote descriptors, the MG SHALL include Local and Remote descriptors for all
     * groups of properties and property values it reserved resources for".
     *
     * @param remote the request's remote (null: Local only)
     */
    public static CommandReply reply(CommandKind kind, TerminationId id, IqLocal local, RemoteMedia remote) {
        MediaDescription.Builder m = MediaDescription.builder(local.media(), local.endpoint().port(), local.proto(),
                local.formats().toArray(String[]::new));
        if (local.setup() != null) {
            m.add(SdpAttributes.SETUP, local.setup());
        }
        for (CertificateFingerprint f : local.fingerprints()) {
            m.add(SdpAttributes.FINGERPRINT, f);
        }
        if (local.tlsId() != null) {
            m.add(SdpAttributes.TLS_ID, local.tlsId());
        }
        StreamParms parms = new StreamParms(null, IqSdp.write(local.endpoint().connection(), m.build()),
                remote == null ? null : IqSdp.remote(local.media(), local.proto(), local.formats(), remote), null);
        return CommandReply.of(kind, id, MediaDescriptor.of(new StreamDescriptor(IqCommands.STREAM_ID, parms)));
    }

    /**
     * The {@code a=path} of the reply's Local descriptor (MSRP application-aware mode, iq-profile.md
     * row 26), empty when the MG did not echo one.
     *
     * @throws IqException as {@link #local}; 474 for a malformed or repeated {@code a=path}
     */
    public static List<String> localMsrpPath(CommandReply r) {
        local(r);
        IqSdp.Parsed local = IqSdp.parse(IqRequests.stream(r.descriptors()).local(), "Local");
        List<String> path = local.one(SdpAttributes.PATH);
        return path == null ? List.of() : path;
    }

    /** The error descriptor of a command reply, if the MG refused the command. */
    public static Optional<ErrorDescriptor> error(CommandReply r) {
        return Optional.ofNullable(r.descriptor(ErrorDescriptor.class));
    }

    /**
     * The Local descriptor of the reply.
     *
     * @throws IqException with the MG's error code when the reply is an error; 441 without a Local
     *                     descriptor; 449 when the MG left {@code $} in it (address, port or
     *                     {@code a=fingerprint:$}); 474 for malformed SDP or attributes
     */
    public static IqLocal local(CommandReply r) {
        Optional<ErrorDescriptor> err = error(r);
        if (err.isPresent()) {
            throw new IqException(err.get().code(), err.get().text() == null ? err.get().code().name() : err.get().text());
        }
        StreamParms p = IqRequests.stream(r.descriptors());
        IqSdp.Parsed local = p == null ? null : IqSdp.parse(p.local(), "Local");
        if (local == null) {
            throw new IqException(ErrorCode.MISSING_REMOTE_OR_LOCAL_DESCRIPTOR, "reply without a Local descriptor");
        }
        if (local.c().isChoose() || local.c().address().equals("-") || local.m().port() < 0) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "reply Local: " + local.c().address()
                    + " " + local.m().portText() + " (the MG must fill in what it chose)");
        }
        if (local.hasChoose(SdpAttributes.FINGERPRINT.name())) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE,
                    "reply Local: a=fingerprint:$ (the MG must fill in its fingerprint)");
        }
        Setup setup = local.one(SdpAttributes.SETUP);
        List<CertificateFingerprint> fps = local.all(SdpAttributes.FINGERPRINT);
        TlsId tlsId = local.one(SdpAttributes.TLS_ID);
        MediaDescription m = local.m();
        try {
            return new IqLocal(m.media(), m.proto(), m.formats(), new MediaEndpoint(local.c(), m.port()), setup, fps,
                    tlsId);
        } catch (IllegalArgumentException e) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, "reply Local: " + e.getMessage());
        }
    }

    /**
     * "Local certificate fingerprint": the MG's fingerprints from the reply, to copy into the SDP
     * toward the UE.
     *
     * @throws IqException as {@link #local}, and 472 when the reply has no {@code a=fingerprint}
     *                     (specs.md §5.6.1: treat as a failed reservation)
     */
    public static List<CertificateFingerprint> localFingerprint(CommandReply r) {
        List<CertificateFingerprint> fps = local(r).fingerprints();
        if (fps.isEmpty()) {
            throw new IqException(ErrorCode.REQUIRED_INFORMATION_MISSING, "reply Local: no a=fingerprint");
        }
        return fps;
    }

    /** The address and port the MG chose ("Local Connection Address"). */
    public static MediaEndpoint localEndpoint(CommandReply r) {
        return local(r).endpoint();
    }
}
