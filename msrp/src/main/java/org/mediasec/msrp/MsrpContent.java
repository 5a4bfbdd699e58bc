package org.mediasec.msrp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.mediasec.common.Bytes;

/**
 * The body of a request with its MIME headers (RFC 4975 §9
 * {@code content-stuff = *(Other-Mime-header CRLF) Content-Type 2CRLF data CRLF}).
 *
 * @param contentType the media type as written, e.g. {@code text/plain} or {@code message/cpim}
 * @param mimeHeaders Content-ID, Content-Description, Content-Disposition and other {@code Content-*}
 *                    headers, in order; they go on the wire before Content-Type
 * @param data        the body (possibly empty)
 */
public record MsrpContent(String contentType, List<MimeHeader> mimeHeaders, Bytes data) {

    /** A MIME header of the body: {@code Content-*} other than Content-Type. */
    public record MimeHeader(String name, String value) {
        public static final String CONTENT_ID = "Content-ID";
        public static final String CONTENT_DESCRIPTION = "Content-Description";
        public static final String CONTENT_DISPOSITION = "Content-Disposition";

        public MimeHeader {
            if (!MsrpSyntax.isToken(name) || !name.toLowerCase(Locale.ROOT).startsWith("content-")) {
                throw new IllegalArgumentException("name: \"" + name + "\" (expected: a Content-* token)");
            }
            if (name.equalsIgnoreCase(MsrpHeader.CONTENT_TYPE)) {
                throw new IllegalArgumentException("name: Content-Type is MsrpContent.contentType");
            }
            MsrpSyntax.requireText(value, "value");
        }
    }

    public MsrpContent {
        MsrpSyntax.requireText(contentType, "contentType");
        if (contentType.isBlank()) {
            throw new IllegalArgumentException("contentType: empty");
        }
        mimeHeaders = List.copyOf(mimeHeaders);
        Objects.requireNonNull(data, "data");
    }

    public static MsrpContent of(String contentType, Bytes data) {
        return new MsrpContent(contentType, List.of(), data);
    }

    public static MsrpContent text(String utf8) {
        return of("text/plain", Bytes.utf8(utf8));
    }
}
