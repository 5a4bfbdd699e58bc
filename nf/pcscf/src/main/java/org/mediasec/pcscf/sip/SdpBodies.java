package org.mediasec.pcscf.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;

import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;

import gov.nist.javax.sip.header.HeaderFactoryImpl;

/** The {@code application/sdp} body of a SIP message. */
final class SdpBodies {
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();

    private SdpBodies() {
    }

    /** The SDP text, when the message carries an {@code application/sdp} body. */
    static Optional<String> text(Message m) {
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        byte[] raw = m.getRawContent();
        if (ct == null || raw == null || raw.length == 0) {
            return Optional.empty();
        }
        String type = ct.getContentType() + "/" + ct.getContentSubType();
        if (!"application/sdp".equals(type.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(new String(raw, StandardCharsets.UTF_8));
    }

    /** True when the message has a body of another type than SDP (multipart etc.: not handled). */
    static boolean otherBody(Message m) {
        byte[] raw = m.getRawContent();
        return raw != null && raw.length > 0 && text(m).isEmpty();
    }

    /** Replaces the body with {@code sdp} (Content-Type and Content-Length follow). */
    static void set(Message m, SessionDescription sdp) {
        try {
            m.setContent(SdpWriter.write(sdp), HEADERS.createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
