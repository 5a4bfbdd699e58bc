package org.mediasec.pcscf.alg;

import java.util.List;

import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;

/**
 * Session-level {@code a=fingerprint}, {@code a=setup}, {@code a=tls-id} apply to every media
 * description that has none of its own (RFC 8122 §5: "If the attribute appears at both the session and
 * media levels, the media-level attribute takes precedence"; RFC 4145 §4). Before streams are rewritten
 * one by one, the session-level ones are copied down to the media that inherit them and removed from the
 * session, so that removing an e2ae stream's fingerprint cannot leave the UE's fingerprint at session
 * level, and a pass-through stream keeps the values it had.
 */
final class SessionTls {
    private static final List<String> NAMES = List.of(SdpAttributes.FINGERPRINT.name(), SdpAttributes.SETUP.name(),
            SdpAttributes.TLS_ID.name());

    private SessionTls() {
    }

    static SessionDescription pushDown(SessionDescription sdp) {
        boolean any = false;
        for (String n : NAMES) {
            any |= sdp.has(n);
        }
        if (!any) {
            return sdp;
        }
        SessionDescription.Builder sb = sdp.toBuilder().media(List.of());
        for (String n : NAMES) {
            sb.removeAttributes(n);
        }
        for (MediaDescription m : sdp.media()) {
            MediaDescription.Builder b = m.toBuilder();
            for (Attribute a : sdp.attributes()) {   // in the session's order
                if (NAMES.contains(a.key()) && !m.has(a.name())) {
                    b.addAttribute(a);
                }
            }
            sb.addMedia(b.build());
        }
        return sb.build();
    }
}
