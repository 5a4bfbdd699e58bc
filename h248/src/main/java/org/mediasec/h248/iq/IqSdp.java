package org.mediasec.h248.iq;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.SdpBlock;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.AttributeType;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributeException;
import org.mediasec.sdp.SdpParseException;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;

/**
 * The SDP of Local and Remote descriptors: {@code v=0}, a session-level {@code c=}, one {@code m=}
 * line and its attributes, written by {@link SdpWriter} with LF line ends (the line ends of the rest
 * of our H.248 text) and read by {@link SdpParser} in {@link SdpParser.Mode#H248}.
 */
final class IqSdp {
    /** {@code $}: "choose" in an SDP value of H.248 (H.248.1 §7.1.8). */
    static final String CHOOSE = "$";

    private IqSdp() {
    }

    /** The Remote descriptor's SDP for a stream of this media line. */
    static SdpBlock remote(String media, org.mediasec.sdp.Proto proto, List<String> formats, RemoteMedia r) {
        MediaDescription.Builder m = MediaDescription.builder(media, r.endpoint().port(), proto,
                formats.toArray(String[]::new));
        if (r.setup() != null) {
            m.add(org.mediasec.sdp.SdpAttributes.SETUP, r.setup());
        }
        for (var f : r.fingerprints()) {
            m.add(org.mediasec.sdp.SdpAttributes.FINGERPRINT, f);
        }
        if (r.tlsId() != null) {
            m.add(org.mediasec.sdp.SdpAttributes.TLS_ID, r.tlsId());
        }
        if (!r.msrpPath().isEmpty()) {
            m.add(org.mediasec.sdp.SdpAttributes.PATH, r.msrpPath());
        }
        return write(r.endpoint().connection(), m.build());
    }

    static SdpBlock write(ConnectionData c, MediaDescription m) {
        SessionDescription sdp = SessionDescription.builder().version(0).connection(c).addMedia(m).build();
        return new SdpBlock(SdpWriter.write(sdp).replace("\r\n", "\n").strip());
    }

    /** One parsed Local or Remote descriptor. */
    record Parsed(String which, SessionDescription sdp, MediaDescription m, ConnectionData c) {
        /** The attributes of this name at media level, else at session level (RFC 8122 §5). */
        List<Attribute> attributes(String name) {
            List<Attribute> own = m.attributes(name);
            return own.isEmpty() ? sdp.attributes(name) : own;
        }

        /** All values of a typed attribute; a malformed one is 474. */
        <T> List<T> all(AttributeType<T> type) throws IqException {
            List<T> out = new ArrayList<>();
            for (Attribute a : attributes(type.name())) {
                out.add(read(type, a));
            }
            return out;
        }

        /** The single value of a typed attribute, or null; twice is 474. */
        <T> T one(AttributeType<T> type) throws IqException {
            List<Attribute> as = attributes(type.name());
            if (as.size() > 1) {
                throw new IqException(ErrorCode.INVALID_SDP_SYNTAX, which + ": a=" + type.name() + " appears "
                        + as.size() + " times");
            }
            return as.isEmpty() ? null : read(type, as.get(0));
        }

        <T> T read(AttributeType<T> type, Attribute a) throws IqException {
            try {
                return type.read(a);
            } catch (SdpAttributeException e) {
                throw new IqException(ErrorCode.INVALID_SDP_SYNTAX, which + ": " + e.getMessage());
            }
        }

        /** True when some attribute of this name has the value {@code $}. */
        boolean hasChoose(String name) {
            for (Attribute a : attributes(name)) {
                if (CHOOSE.equals(a.value())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Parses a descriptor that must hold one media stream; null for an empty descriptor.
     *
     * @throws IqException 474 for bad SDP, 472 without {@code m=} or {@code c=}, 501 for several {@code m=} lines
     */
    static Parsed parse(SdpBlock block, String which) throws IqException {
        if (block == null || block.text().isEmpty()) {
            return null;
        }
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(block.text(), SdpParser.Mode.H248);
        } catch (SdpParseException e) {
            throw new IqException(ErrorCode.INVALID_SDP_SYNTAX, which + ": " + e.getMessage());
        }
        if (sdp.media().isEmpty()) {
            throw new IqException(ErrorCode.REQUIRED_INFORMATION_MISSING, which + ": no m= line");
        }
        if (sdp.media().size() > 1) {
            throw new IqException(ErrorCode.NOT_IMPLEMENTED, which + ": " + sdp.media().size()
                    + " m= lines (one stream per termination)");
        }
        MediaDescription m = sdp.media().get(0);
        ConnectionData c = sdp.connectionFor(m).orElseThrow(() ->
                new IqException(ErrorCode.REQUIRED_INFORMATION_MISSING, which + ": no c= line"));
        return new Parsed(which, sdp, m, c);
    }
}
