package org.mediasec.agw.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.iq.IqException;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SdpParseException;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SessionDescription;

/**
 * Reads the MSRP application-aware mode from an Add or Modify ({@code docs/iq-profile.md} row 26):
 * {@code a=path} in the Local descriptor is the AGW's MSRP URI toward that termination's peer (the
 * URI the IMS-ALG wrote into the SDP it sent that peer), {@code a=path} in the Remote descriptor the
 * peer's own {@code a=path}. The IMS-ALG asks for the mode with a Local {@code a=path} on an
 * application-aware proto ({@code TCP/MSRP}, {@code TCP/TLS/MSRP}); without one the AGW relays bytes.
 * The {@code org.mediasec.h248.iq} reader passes {@code a=path} by, so it is read here from the same SDP.
 */
final class MsrpPathCoding {
    private MsrpPathCoding() {
    }

    /** The Local {@code a=path}, empty when the command has no Local or no {@code a=path} in it. */
    static Optional<List<MsrpUri>> local(CommandRequest c) {
        StreamParms p = stream(c);
        return p == null ? Optional.empty() : path(p.local(), "Local");
    }

    /** The Remote {@code a=path}, empty when the command has no Remote or no {@code a=path} in it. */
    static Optional<List<MsrpUri>> remote(CommandRequest c) {
        StreamParms p = stream(c);
        return p == null ? Optional.empty() : path(p.remote(), "Remote");
    }

    private static StreamParms stream(CommandRequest c) {
        MediaDescriptor media = c.descriptor(MediaDescriptor.class);
        if (media == null) {
            return null;
        }
        // more than one stream is refused by the Iq reader (501) before this is read
        return media.streams().isEmpty() ? media.defaultStream() : media.streams().get(0).parms();
    }

    private static Optional<List<MsrpUri>> path(SdpBlock block, String which) {
        if (block == null || block.text().isEmpty()) {
            return Optional.empty();
        }
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(block.text(), SdpParser.Mode.H248);
        } catch (SdpParseException e) {
            throw new IqException(ErrorCode.INVALID_SDP_SYNTAX, which + ": " + e.getMessage());
        }
        if (sdp.media().size() != 1) {
            return Optional.empty();                   // the Iq reader answers this one (472/501)
        }
        MediaDescription m = sdp.media().get(0);
        List<Attribute> lines = m.attributes(SdpAttributes.PATH.name());
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        if (lines.size() > 1) {
            throw new IqException(ErrorCode.INVALID_SDP_SYNTAX, which + ": a=path appears " + lines.size() + " times");
        }
        Attribute a = lines.get(0);
        if ("$".equals(a.value())) {
            throw new IqException(ErrorCode.UNKNOWN_PARAMETER_OR_PROPERTY_VALUE, which + ": a=path:$ (the IMS-ALG "
                    + "chooses the AGW's MSRP URIs: it writes them into the SDP it sends)");
        }
        try {
            List<MsrpUri> uris = new ArrayList<>();
            for (String u : SdpAttributes.PATH.read(a)) {
                uris.add(MsrpUri.parse(u));
            }
            return Optional.of(List.copyOf(uris));
        } catch (IllegalArgumentException e) {
            throw new IqException(ErrorCode.INVALID_SDP_SYNTAX, which + ": a=path: " + e.getMessage());
        }
    }
}
