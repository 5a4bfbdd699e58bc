package org.mediasec.core;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;

import javax.sip.header.ToHeader;
import javax.sip.message.Response;

/** Small helpers for responses the core generates itself. */
final class Responses {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Responses() {
    }

    /**
     * Adds a To tag unless there is one. RFC 3261 §8.2.6.2: "If a request contained a To tag in the
     * request, the To header field in the response MUST equal that of the request. However, if the To
     * header field in the request did not contain a tag, ... the UAS MUST add a tag to the To header
     * field in the response (with the exception of the 100 (Trying) response".
     */
    static void addToTag(Response response) {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null && response.getStatusCode() > 100) {
            byte[] b = new byte[8];
            RANDOM.nextBytes(b);
            try {
                to.setTag(HexFormat.of().formatHex(b));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
